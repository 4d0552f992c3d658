/**
 * The extension API as the browser provides it (Firefox: `browser`; Chrome: `chrome`), for the
 * content script's loader (src/page/loader.ts), which runs on every page without the polyfill. Null
 * where there is no live extension context (an orphaned copy after an update).
 */
export function rawRuntime<R extends { readonly id?: string }>(): R | null {
  const g = globalThis as { browser?: { runtime?: R }; chrome?: { runtime?: R } };
  const runtime = g.browser?.runtime?.id ? g.browser.runtime : g.chrome?.runtime;
  return runtime?.id ? runtime : null;
}
