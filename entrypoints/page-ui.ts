import { PageUi } from '../src/page/page-ui';
import { PAGE_UI_GLOBAL, type PageUiModule } from '../src/page/ui-loader';

// Loaded by the content script (src/page/ui-loader.ts) on pages that need the card UI.
export default defineUnlistedScript(() => {
  const module: PageUiModule = { PageUi };
  (globalThis as Record<string, unknown>)[PAGE_UI_GLOBAL] = module;
});
