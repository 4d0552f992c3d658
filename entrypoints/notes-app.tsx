import { mountNotesPage } from '../src/ui/notes/mount';

// The notes page as one self-contained classic script at the end of notes.html's <body>, like the
// popup (entrypoints/popup-app.tsx): one file to fetch, asking for the newest notes first thing.
export default defineUnlistedScript(() => mountNotesPage(document.getElementById('app')!));
