/**
 * Build step for topic packs. Validates every pack (the build fails with messages that
 * name the entity and field) and compiles the small per-page index — name forms and
 * coverage signals — into a virtual module for the content script. Card content,
 * sources and excerpts stay out of the content script; the background serves them.
 */
import { gzipSync } from 'node:zlib';
import type { Plugin } from 'vite';

export const PACK_INDEX_MODULE = 'virtual:backstory/pack-index';
const RESOLVED = `\0${PACK_INDEX_MODULE}`;

/**
 * The module source the content script imports: `{ index, entities }`, with the size of that data
 * as JSON (`bytes`, `gzipBytes`; the code also holds the JSON.parse call and the string's escapes).
 */
export async function packIndexModuleSource(): Promise<{ code: string; bytes: number; gzipBytes: number }> {
  // Loaded on first use, so tools that read the config (vitest) don't need the pack compiled.
  const [{ compilePackIndex }, { activePack }, { formatPackErrors, validatePack }, { entityMetaOf }, provenance] = await Promise.all([
    import('../src/detect/pack-index'),
    import('../src/pack/packs'),
    import('../src/pack/validate'),
    import('../src/pack/entity-meta'),
    import('../src/pack/provenance'),
  ]);
  const result = validatePack(activePack);
  if (!result.ok) {
    throw new Error(`The topic pack "${activePack.id}" is invalid:\n${formatPackErrors(result.errors)}`);
  }
  if (!provenance.PROVENANCE_RULES_FAIL_BUILD) {
    const audit = provenance.auditProvenance(result.pack);
    // Until the switch is on, the build names the debt instead of failing on it.
    if (audit.problems.length > 0) console.warn(`  Backstory pack provenance (not yet enforced; npm run audit:pack): ${provenance.auditLine(audit)}`);
  }
  const payload = JSON.stringify({ index: compilePackIndex(result.pack), entities: entityMetaOf(result.pack) });
  // A string for JSON.parse rather than an object literal: V8 parses ~50 KB of JSON faster than
  // the same data as JavaScript, and the engine module is evaluated cold on every covered page.
  return { code: `export default JSON.parse(${JSON.stringify(payload)});`, bytes: Buffer.byteLength(payload), gzipBytes: gzipSync(payload).length };
}

export function backstoryPackPlugin(): Plugin {
  let reported = false;
  return {
    name: 'backstory-pack-index',
    resolveId(id) {
      return id === PACK_INDEX_MODULE ? RESOLVED : undefined;
    },
    async load(id) {
      if (id !== RESOLVED) return undefined;
      const { code, gzipBytes } = await packIndexModuleSource();
      if (!reported) {
        reported = true;
        // Printed in the build output so pack growth is visible at every build.
        console.log(`  Backstory pack index (every page): ${(gzipBytes / 1024).toFixed(1)} KB gzipped`);
      }
      return code;
    },
  };
}
