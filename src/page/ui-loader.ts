/**
 * The card UI (Preact, floating-ui, the card and editor, their CSS) is a separate script,
 * loaded into the content script's world only when a page needs it: a covered page, a
 * saved note, or the note editor. Unrelated pages never download, parse or run it.
 */
import { browser } from 'wxt/browser';
import type { PageUi } from './page-ui';

export interface PageUiModule {
  PageUi: typeof PageUi;
}

/** Where entrypoints/page-ui.ts leaves its exports (the content script's isolated world). */
export const PAGE_UI_GLOBAL = '__backstoryPageUi';
export const PAGE_UI_SCRIPT = '/page-ui.js';

let loading: Promise<PageUiModule> | null = null;

export function loadPageUi(): Promise<PageUiModule> {
  loading ??= (async () => {
    const g = globalThis as Record<string, unknown>;
    if (!g[PAGE_UI_GLOBAL]) await import(/* @vite-ignore */ browser.runtime.getURL(PAGE_UI_SCRIPT as '/page-ui.js'));
    const module = g[PAGE_UI_GLOBAL] as PageUiModule | undefined;
    if (!module) throw new Error('Backstory’s card could not load. Try reloading the page.');
    return module;
  })();
  loading.catch(() => {
    loading = null;
  });
  return loading;
}
