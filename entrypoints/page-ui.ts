import { PageUi } from '../src/content/ui/page-ui';
import { handOver } from '../src/content/boot/contract';

// Loaded by the content script (src/content/ui/ui-loader.ts) on pages that need the card UI.
export default defineUnlistedScript(() => {
  handOver('pageUi', { PageUi });
});
