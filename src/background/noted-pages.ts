/**
 * Sites with saved notes get one more content script, entrypoints/noted-page.ts, which asks the
 * background whether its page has notes (the background answers for the sender's URL) and, if so,
 * tells the loader to start the engine there (and place the notes). Registering it for those sites
 * only spares every other page a round trip to the background: on a page with nothing to show, the
 * loader never messages at all (see src/content/boot/loader.ts).
 *
 * The browser keeps registered scripts in its profile (persistAcrossSessions), so the registration
 * names origins only, never a page's path or query: what Backstory writes there says which sites
 * have notes, not which pages. When a site's last note goes, so does its origin.
 *
 * The registration follows the notes: it is brought up to date when the background starts and
 * after every change, one update at a time.
 */
import { browser } from 'wxt/browser';

export const NOTED_PAGE_SCRIPT_ID = 'backstory-noted-pages';
const NOTED_PAGE_SCRIPT = 'noted-page.js';

/**
 * The match pattern for the origin of one normalized note URL. The port is left out (Firefox's
 * patterns cannot hold one; Chrome's then match any), so a pattern can match a little more than
 * the site: the script there then learns the page has no notes and does nothing. Only http(s)
 * URLs can have content scripts.
 */
export function matchPatternsFor(url: string): string[] {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return [];
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return [];
  if (!parsed.hostname || parsed.hostname.includes('*')) return [];
  const host = parsed.hostname.startsWith('[') ? parsed.hostname : parsed.hostname.toLowerCase();
  return [`${parsed.protocol}//${host}/*`];
}

/** Every pattern for the given note URLs, each once, sorted (so unchanged sets compare equal). */
export function matchPatternsForAll(urls: readonly string[]): string[] {
  return [...new Set(urls.flatMap(matchPatternsFor))].sort();
}

type Scripting = NonNullable<typeof browser.scripting>;

export interface NotedPagesDeps {
  pageUrls: () => Promise<string[]>;
  scripting?: Scripting;
}

/**
 * Returns `sync`, which brings the registration up to date with the store. Calls made while one
 * runs are folded into one more run after it.
 */
export function notedPagesRegistration({ pageUrls, scripting = browser.scripting }: NotedPagesDeps): () => Promise<void> {
  let running: Promise<void> | null = null;
  let again = false;
  let registered: string | null = null;

  const syncOnce = async (): Promise<void> => {
    if (!scripting?.registerContentScripts) return;
    const matches = matchPatternsForAll(await pageUrls());
    const key = matches.join('\n');
    if (key === registered) return;
    const existing = await scripting.getRegisteredContentScripts({ ids: [NOTED_PAGE_SCRIPT_ID] });
    if (matches.length === 0) {
      if (existing.length > 0) await scripting.unregisterContentScripts({ ids: [NOTED_PAGE_SCRIPT_ID] });
    } else {
      const script = {
        id: NOTED_PAGE_SCRIPT_ID,
        matches,
        js: [NOTED_PAGE_SCRIPT],
        runAt: 'document_idle' as const,
        allFrames: false,
        persistAcrossSessions: true,
      };
      if (existing.length > 0) await scripting.updateContentScripts([script]);
      else await scripting.registerContentScripts([script]);
    }
    registered = key;
  };

  const sync = (): Promise<void> => {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      try {
        do {
          again = false;
          await syncOnce().catch((e: unknown) => {
            registered = null;
            console.warn('Backstory could not update the pages with notes:', e);
          });
        } while (again);
      } finally {
        running = null;
      }
    })();
    return running;
  };
  return sync;
}
