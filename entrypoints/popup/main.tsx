import { render } from 'preact';
// The popup's styles come with its script rather than as a stylesheet of its own: a module script
// waits for every stylesheet in the page to load before it runs, and this saves that request.
import css from '../../src/ui/extension-page.css?inline';
import { prefetchFirstPage } from '../../src/ui/notes/useNotes';
import { Popup } from '../../src/ui/popup/Popup';

// Before the first render: the newest notes are on their way while the popup draws itself.
prefetchFirstPage();
const style = document.createElement('style');
style.textContent = css;
document.head.append(style);
render(<Popup />, document.getElementById('app')!);
