import packIndex from 'virtual:backstory/pack-index';
import { browser } from 'wxt/browser';
import { startEngine } from '../src/content/session/engine';
import { handOver } from '../src/content/boot/contract';

// Imported by the loader (entrypoints/page-loader.ts) on pages that need more than the gate.
export default defineUnlistedScript(() => {
  handOver('engine', {
    start: (options) =>
      startEngine({ index: packIndex.index, entities: packIndex.entities, alive: () => browser.runtime?.id != null }, options),
  });
});
