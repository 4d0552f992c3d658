/**
 * The newest page of notes, asked for by a classic script in the <head> of the popup and the notes
 * page (entrypoints/first-page.ts) while the page's module scripts are still loading. Module
 * scripts run only once every module they import has been fetched and compiled, about 40 ms into
 * the popup's life; this request then has its reply on the way already (`prefetchFirstPage` takes
 * it). The plain extension API, not the polyfill, so the script costs almost nothing before the page.
 */
import { rawRuntime } from '../../messages/raw-runtime';

/** More rows than the popup or the notes page shows at once. */
export const FIRST_PAGE = 50;

/** Where the early request's promise waits for the page's modules. */
export const EARLY_FIRST_PAGE_GLOBAL = '__backstoryFirstPage';

interface SendingRuntime {
  id?: string;
  sendMessage(message: unknown): Promise<unknown>;
}

/** Sends `notes:list-summaries` for the newest FIRST_PAGE notes, leaving its promise for the modules. */
export function sendFirstPageRequest(): void {
  // Both browsers' own sendMessage returns a promise without a callback.
  const runtime = rawRuntime<SendingRuntime>();
  if (!runtime) return;
  try {
    const sent = runtime.sendMessage({ type: 'notes:list-summaries', limit: FIRST_PAGE });
    // Nobody may take it (the page failed to load): an unhandled rejection would only add noise.
    sent.catch(() => undefined);
    (globalThis as Record<string, unknown>)[EARLY_FIRST_PAGE_GLOBAL] = sent;
  } catch {
    // The modules ask again.
  }
}

/** The early request, once: null when none was sent (the script did not run) or it was taken. */
export function takeEarlyFirstPage(): Promise<unknown> | null {
  const g = globalThis as Record<string, unknown>;
  const sent = g[EARLY_FIRST_PAGE_GLOBAL];
  delete g[EARLY_FIRST_PAGE_GLOBAL];
  return sent instanceof Promise ? sent : null;
}
