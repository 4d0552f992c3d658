import { LOADER_GLOBAL, NOTED_FLAG } from '../src/content/boot/loader';

// Registered by the background (src/background/noted-pages.ts) for pages with saved notes only,
// so that the loader starts the engine there without every page having to ask. It may run
// before or after the loader.
export default defineUnlistedScript(() => {
  const g = globalThis as Record<string, unknown>;
  const loader = g[LOADER_GLOBAL] as { noted(): void } | undefined;
  if (loader) loader.noted();
  else g[NOTED_FLAG] = true;
});
