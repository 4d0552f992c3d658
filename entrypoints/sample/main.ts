import packIndex from 'virtual:backstory/pack-index';
import { PageUi } from '../../src/content/ui/page-ui';
import { PAGE_UI_GLOBAL, type PageUiModule } from '../../src/content/ui/ui-loader';
import { showSample } from '../../src/extension-pages/sample/sample';

// The card UI is bundled here rather than imported from page-ui.js: that file is web-accessible under
// a per-session URL, which this page's Content-Security-Policy (script-src 'self') does not allow.
(globalThis as Record<string, unknown>)[PAGE_UI_GLOBAL] = { PageUi } satisfies PageUiModule;
void showSample(document.getElementById('sample')!, packIndex);
