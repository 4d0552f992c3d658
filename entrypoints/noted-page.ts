import { startIfNoted, type NotedPageRuntime } from '../src/messages/noted-page';
import { LOADER_GLOBAL, NOTED_FLAG, rawRuntime } from '../src/page/loader';

// Registered by the background (src/background/noted-pages.ts) for the sites that have notes,
// by origin only; it asks whether this page has notes before the loader starts the engine. It may
// run before or after the loader.
export default defineUnlistedScript(() => {
  const g = globalThis as Record<string, unknown>;
  void startIfNoted(rawRuntime() as unknown as NotedPageRuntime | null, {
    loader: () => g[LOADER_GLOBAL] as { noted(): void } | undefined,
    flag: () => {
      g[NOTED_FLAG] = true;
    },
  });
});
