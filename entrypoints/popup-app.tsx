import { mountPopup } from '../src/ui/popup/mount';

// The whole popup as one classic script at the end of popup.html's <body>: it runs as soon as its
// single file arrives, where a module graph waits for every chunk and for the parser. See
// entrypoints/popup/index.html.
export default defineUnlistedScript(() => mountPopup(document.getElementById('app')!));
