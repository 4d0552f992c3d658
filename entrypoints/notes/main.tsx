import { render } from 'preact';
import { NotesPage } from '../../src/ui/notes/NotesPage';

render(<NotesPage />, document.getElementById('app')!);
