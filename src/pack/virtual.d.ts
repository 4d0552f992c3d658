declare module 'virtual:backstory/pack-index' {
  import type { PackIndex } from '../detect/pack-index';
  import type { EntityMetaMap } from './entity-meta';
  const value: { index: PackIndex; entities: EntityMetaMap };
  export default value;
}
