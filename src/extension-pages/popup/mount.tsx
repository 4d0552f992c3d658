import { render } from 'preact';
// The popup's styles come with its script rather than as a stylesheet of its own: one request fewer
// before the first paint.
import baseCss from '../extension-page.css?inline';
import listCss from '../notes/notes-list.css?inline';
import popupCss from './popup.css?inline';
import { formatTimestamp } from '../../components/format';
import { prefetchFirstPage } from '../notes/useNotes';
import { Popup } from './Popup';

/** Starts the toolbar popup in `root`: the newest notes are asked for first, then it draws itself. */
export function mountPopup(root: HTMLElement): void {
  prefetchFirstPage();
  const style = document.createElement('style');
  style.textContent = baseCss + popupCss + listCss;
  document.head.append(style);
  render(<Popup />, root);
  // The date formatter takes milliseconds to make (locale data): made now, while the newest notes
  // are on their way, rather than in the render of the first rows.
  formatTimestamp(new Date(0).toISOString());
}
