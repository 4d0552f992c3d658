import { render } from 'preact';
// The popup's styles come with its script rather than as a stylesheet of its own: one request fewer
// before the first paint.
import baseCss from '../extension-page.css?inline';
import listCss from '../notes/notes-list.css?inline';
import popupCss from './popup.css?inline';
import { formatTimestamp } from '../../components/format';
import { prefetchFirstPage } from '../notes/useNotes';
import { Popup } from './Popup';

/**
 * Starts the toolbar popup in `root`: the newest notes are asked for first, and the popup draws
 * itself once they are in, or after FIRST_PAGE_WAIT_MS if they are slow (a background waking up).
 * Drawing before they arrive would put its first frames in the way of their reply, and the rows
 * would wait behind them.
 */
export function mountPopup(root: HTMLElement): void {
  const firstPage = prefetchFirstPage();
  const style = document.createElement('style');
  style.textContent = baseCss + popupCss + listCss;
  document.head.append(style);
  // The date formatter takes milliseconds to make (locale data): made now, while the newest notes
  // are on their way, rather than in the render of the first rows.
  formatTimestamp(new Date(0).toISOString());
  const draw = () => render(<Popup />, root);
  void Promise.race([firstPage, new Promise((resolve) => setTimeout(resolve, FIRST_PAGE_WAIT_MS))]).then(draw, draw);
}

/** Well over the warm round trip for the newest notes (docs/performance.md). */
const FIRST_PAGE_WAIT_MS = 50;
