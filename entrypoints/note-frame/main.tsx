import { mountNoteFrame } from '../../src/extension-pages/note-frame/mount';

// The note frame: framed in the card's closed shadow root on a web page (web-accessible).
mountNoteFrame(document.getElementById('app')!, location.hash.slice(1));
