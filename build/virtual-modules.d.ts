declare module 'virtual:backstory/pack-index' {
  import type { PackIndex } from '../src/detect/pack-index';
  import type { EntityMetaMap } from '../src/pack/entity-meta';
  const value: { index: PackIndex; entities: EntityMetaMap };
  export default value;
}

declare module 'virtual:backstory/pack-gate' {
  /** Regex sources (flags 'i'); null when the pack has no gate (every page goes on to a scan). */
  const value: { pattern: string | null; prefilter: string | null };
  export default value;
}
