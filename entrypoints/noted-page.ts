import { handedOver, handOver } from '../src/content/boot/contract';
import { rawRuntime } from '../src/content/boot/loader';
import { startIfNoted, type NotedPageRuntime } from '../src/messages/noted-page';

// Registered by the background (src/background/noted-pages.ts) for the sites that have notes,
// by origin only; it asks whether this page has notes before the loader starts the engine. It may
// run before or after the loader.
export default defineUnlistedScript(() => {
  void startIfNoted(rawRuntime() as unknown as NotedPageRuntime | null, {
    loader: () => handedOver('loader'),
    flag: () => handOver('noted', true),
  });
});
