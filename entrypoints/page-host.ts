import { createEngineHost } from '../src/content/boot/engine-host';
import { gateOf, hugePageGate } from '../src/content/boot/gate';
import { handOver } from '../src/content/boot/contract';

// Imported by the loader (entrypoints/page-loader.ts) on first need: when Backstory has something
// to say to the page, the gate passes, the page has notes, or a huge page's text is to be read in
// slices. Kept out of the loader so that every page compiles as little as possible.
export default defineUnlistedScript(() => {
  handOver('host', { createEngineHost, gateOf, hugePageGate });
});
