/**
 * What entrypoints/noted-page.ts does on a page of a site that has notes: the browser's
 * registration names only the site (src/background/noted-pages.ts), so the script asks the
 * background whether this page itself has notes, and only then tells the loader to start the
 * engine. The background answers for the sender's own URL; the question names no page.
 * The extension API is used raw, as the loader does: no polyfill on a page for one message.
 */
import type { Reply } from './protocol';

export interface NotedPageRuntime {
  sendMessage(message: unknown): Promise<unknown>;
}

/** The loader's `noted()`, or the flag it reads when it starts after this script. */
export interface NotedPageTarget {
  loader(): { noted(): void } | undefined;
  flag(): void;
}

/** Asks once; true when the page has notes and the loader was told. Failures leave the page idle. */
export async function startIfNoted(runtime: NotedPageRuntime | null, target: NotedPageTarget): Promise<boolean> {
  if (!runtime) return false;
  let reply: Reply<boolean> | undefined;
  try {
    reply = (await runtime.sendMessage({ type: 'notes:page-has-notes' })) as Reply<boolean> | undefined;
  } catch {
    return false;
  }
  if (!reply?.ok || reply.value !== true) return false;
  const loader = target.loader();
  if (loader) loader.noted();
  else target.flag();
  return true;
}
