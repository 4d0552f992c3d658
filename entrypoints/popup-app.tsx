import { mountPopup } from '../src/extension-pages/popup/mount';

// The whole popup as one self-contained classic script at the end of popup.html's <body> (WXT
// builds an unlisted script as one file). It runs as soon as that file arrives and asks for the
// newest notes first thing. As a module graph (six chunks, run only once the parser had finished,
// with a <head> script sending that request early) the first note row was painted later: 158 → 142
// and 133 → 99 ms in the bench's popup, old and new builds alternating. WXT still adds its own small
// plugin module to the <head>; like any module it runs after parsing and holds nothing up.
export default defineUnlistedScript(() => mountPopup(document.getElementById('app')!));
