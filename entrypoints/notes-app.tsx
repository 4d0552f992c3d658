import { mountNotesPage } from '../src/extension-pages/notes/mount';

// The notes page as one self-contained classic script at the end of notes.html's <body>, like the
// popup (entrypoints/popup-app.tsx): one file of ours to fetch, asking for the newest notes first
// thing. Unlike the popup it keeps its stylesheet link, so it runs once the stylesheet is in.
export default defineUnlistedScript(() => mountNotesPage(document.getElementById('app')!));
