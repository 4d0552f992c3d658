import packIndex from 'virtual:backstory/pack-index';
import { handOver } from '../../src/content/boot/contract';
import { PageUi } from '../../src/content/ui/page-ui';
import { showSample } from '../../src/extension-pages/sample/sample';

// The card UI is bundled here rather than imported from page-ui.js: that file is web-accessible under
// a per-session URL, which this page's Content-Security-Policy (script-src 'self') does not allow.
handOver('pageUi', { PageUi });
void showSample(document.getElementById('sample')!, packIndex);
