/**
 * The card UI (Preact, floating-ui, the card and editor, their CSS) is a separate script,
 * loaded into the content script's world only when a page needs it: a covered page, a
 * saved note, or the note editor. Unrelated pages never download, parse or run it.
 */
import { browser } from 'wxt/browser';
import { importPackaged } from '../boot/packaged-script';
import type { PageUi } from './page-ui';

export interface PageUiModule {
  PageUi: typeof PageUi;
}

/** Where entrypoints/page-ui.ts leaves its exports (the content script's isolated world). */
export const PAGE_UI_GLOBAL = '__backstoryPageUi';
export const PAGE_UI_SCRIPT = '/page-ui.js';

let loading: Promise<PageUiModule> | null = null;

export function loadPageUi(): Promise<PageUiModule> {
  loading ??= importPackaged<PageUiModule>(
    browser.runtime as { getURL(path: string): string },
    PAGE_UI_SCRIPT,
    PAGE_UI_GLOBAL,
    'Backstory’s card could not load. Try reloading the page.',
  );
  loading.catch(() => {
    loading = null;
  });
  return loading;
}
