/** The two facts about each entity the content script needs before any card loads. */
import type { EntityType, Pack } from './schema';

export type EntityMetaMap = Record<string, { name: string; type: EntityType }>;

export function entityMetaOf(pack: Pack): EntityMetaMap {
  const out: EntityMetaMap = {};
  for (const e of pack.entities) out[e.id] = { name: e.name, type: e.type };
  return out;
}
