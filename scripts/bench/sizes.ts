/**
 * Bundle sizes, gzipped with node's zlib (default level, as a server or store would serve them):
 * the content script that runs on every page (the loader), the engine host and the engine it
 * imports on pages that pass the gate or have notes, the pack index the engine carries (the virtual module from
 * build/pack-plugin.ts), and the card content the background serves on demand.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

export interface BundleSizes {
  /** page-loader.js, the content script every page gets. */
  contentBytes: number;
  contentGzBytes: number;
  /** page-host.js, the engine host: imported by the loader first where the engine is needed. */
  hostBytes: number;
  hostGzBytes: number;
  /** page-engine.js, imported by the loader where needed; includes the pack index. */
  engineBytes: number;
  engineGzBytes: number;
  /** The pack index module's JSON (names, signals, entity names and types), as the build prints it. */
  indexBytes: number;
  indexGzBytes: number;
  /** Entities + sources + timeline of the full pack: what cards are built from, kept in the background. */
  cardContentBytes: number;
  cardContentGzBytes: number;
  backgroundBytes: number;
  backgroundGzBytes: number;
  /** The card UI script the content script loads on covered pages, when the build has one. */
  pageUiBytes: number | null;
  pageUiGzBytes: number | null;
}

function gz(data: string | Buffer): number {
  return gzipSync(data).length;
}

export async function bundleSizes(build: string): Promise<BundleSizes> {
  const content = readFileSync(join(build, 'page-loader.js'));
  const host = readFileSync(join(build, 'page-host.js'));
  const engine = readFileSync(join(build, 'page-engine.js'));
  const backgroundPath = join(build, 'background.js');
  const background = existsSync(backgroundPath) ? readFileSync(backgroundPath) : Buffer.alloc(0);
  const pageUiPath = join(build, 'page-ui.js');
  const pageUi = existsSync(pageUiPath) ? readFileSync(pageUiPath) : null;
  const { packIndexModuleSource } = await import('../../build/pack-plugin');
  const { activePack } = await import('../../src/pack/packs');
  const { bytes, gzipBytes } = await packIndexModuleSource();
  const cards = JSON.stringify({ entities: activePack.entities, sources: activePack.sources, timeline: activePack.timeline });
  return {
    contentBytes: content.length,
    contentGzBytes: gz(content),
    hostBytes: host.length,
    hostGzBytes: gz(host),
    engineBytes: engine.length,
    engineGzBytes: gz(engine),
    indexBytes: bytes,
    indexGzBytes: gzipBytes,
    cardContentBytes: Buffer.byteLength(cards),
    cardContentGzBytes: gz(cards),
    backgroundBytes: background.length,
    backgroundGzBytes: gz(background),
    pageUiBytes: pageUi ? pageUi.length : null,
    pageUiGzBytes: pageUi ? gz(pageUi) : null,
  };
}
