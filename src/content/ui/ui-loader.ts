/**
 * The card UI (Preact, floating-ui, the card and editor, their CSS) is a separate script,
 * loaded into the content script's world only when a page needs it: a covered page, a
 * saved note, or the note editor. Unrelated pages never download, parse or run it.
 */
import { browser } from 'wxt/browser';
import { importPackaged } from '../boot/packaged-script';
import type { PageUiModule } from '../boot/contract';

let loading: Promise<PageUiModule> | null = null;

export function loadPageUi(): Promise<PageUiModule> {
  loading ??= importPackaged(browser.runtime as { getURL(path: string): string }, 'pageUi', 'Backstory’s card could not load. Try reloading the page.');
  loading.catch(() => {
    loading = null;
  });
  return loading;
}
