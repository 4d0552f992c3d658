/**
 * Build step: the pack's gate alone, as `virtual:backstory/pack-gate`, for the content script
 * that runs on every page (entrypoints/page-loader.ts). The gate is a few literal stems; the rest
 * of the index (names, signals) goes into the engine that only gated pages load. The pack is
 * validated by the pack-index plugin in the same build.
 */
import type { Plugin } from 'vite';

export const PACK_GATE_MODULE = 'virtual:backstory/pack-gate';
const RESOLVED = `\0${PACK_GATE_MODULE}`;

export async function packGateModuleSource(): Promise<string> {
  const [{ compilePackIndex }, { activePack }] = await Promise.all([import('../src/detect/pack-index'), import('../src/pack/packs')]);
  const index = compilePackIndex(activePack);
  return `export default ${JSON.stringify({ pattern: index.gatePattern, prefilter: index.gatePrefilter })};`;
}

export function backstoryGatePlugin(): Plugin {
  return {
    name: 'backstory-pack-gate',
    resolveId: (id) => (id === PACK_GATE_MODULE ? RESOLVED : undefined),
    load: (id) => (id === RESOLVED ? packGateModuleSource() : undefined),
  };
}
