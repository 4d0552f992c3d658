import packIndex from 'virtual:backstory/pack-index';
import { browser } from 'wxt/browser';
import { startEngine } from '../src/content/session/engine';
import { ENGINE_GLOBAL, type EngineModule } from '../src/content/boot/engine-host';

// Imported by the loader (entrypoints/page-loader.ts) on pages that need more than the gate.
export default defineUnlistedScript(() => {
  const module: EngineModule = {
    start: (options) =>
      startEngine({ index: packIndex.index, entities: packIndex.entities, alive: () => browser.runtime?.id != null }, options),
  };
  (globalThis as Record<string, unknown>)[ENGINE_GLOBAL] = module;
});
