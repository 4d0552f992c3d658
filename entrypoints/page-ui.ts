import { PageUi } from '../src/content/ui/page-ui';
import { PAGE_UI_GLOBAL, type PageUiModule } from '../src/content/ui/ui-loader';

// Loaded by the content script (src/content/ui/ui-loader.ts) on pages that need the card UI.
export default defineUnlistedScript(() => {
  const module: PageUiModule = { PageUi };
  (globalThis as Record<string, unknown>)[PAGE_UI_GLOBAL] = module;
});
