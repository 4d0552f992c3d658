import { handedOver, handOver } from '../src/content/boot/contract';

// Registered by the background (src/background/noted-pages.ts) for pages with saved notes only,
// so that the loader starts the engine there without every page having to ask. It may run
// before or after the loader.
export default defineUnlistedScript(() => {
  const loader = handedOver('loader');
  if (loader) loader.noted();
  else handOver('noted', true);
});
