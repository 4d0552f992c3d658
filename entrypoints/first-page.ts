import { sendFirstPageRequest } from '../src/ui/notes/early-first-page';

// A classic script in the <head> of the popup and the notes page: asks for the newest notes
// before the page's modules have loaded (see src/ui/notes/early-first-page.ts).
export default defineUnlistedScript(() => sendFirstPageRequest());
