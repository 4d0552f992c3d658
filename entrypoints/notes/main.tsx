import { render } from 'preact';
import { prefetchFirstPage } from '../../src/ui/notes/useNotes';
import { NotesPage } from '../../src/ui/notes/NotesPage';

// Before the first render: the newest notes are on their way while the page draws itself.
prefetchFirstPage();
render(<NotesPage />, document.getElementById('app')!);
