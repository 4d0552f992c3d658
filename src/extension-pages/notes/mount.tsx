import { render } from 'preact';
import { NotesPage } from './NotesPage';
import { prefetchFirstPage } from './useNotes';

/** Starts the full notes page in `root`: the newest notes are asked for first, then it draws itself. */
export function mountNotesPage(root: HTMLElement): void {
  prefetchFirstPage();
  render(<NotesPage />, root);
}
