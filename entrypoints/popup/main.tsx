import { render } from 'preact';
import { prefetchFirstPage } from '../../src/ui/notes/useNotes';
import { Popup } from '../../src/ui/popup/Popup';

// Before the first render: the newest notes are on their way while the popup draws itself.
prefetchFirstPage();
render(<Popup />, document.getElementById('app')!);
