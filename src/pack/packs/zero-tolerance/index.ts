/**
 * The zero-tolerance topic pack, assembled from its JSON files. The data is split by kind so each
 * file stays readable and reviewable: sources (with excerpts), entities by type, the timeline,
 * name collisions, and the detection tuning (signals, blockers).
 */
import type { Pack } from '../../schema';
import meta from './pack.json';
import sources from './sources.json';
import people from './entities/people.json';
import organizations from './entities/organizations.json';
import documents from './entities/documents.json';
import terms from './entities/terms.json';
import timeline from './timeline.json';
import collisions from './collisions.json';
import signals from './signals.json';
import blockers from './blockers.json';
import measures from './measures.json';

/**
 * JSON imports widen literal unions (`kind`, `rule`, `confidence`…) to `string`, so the assembled
 * object is asserted to be a Pack here. It is checked for real by `validatePack` at build time
 * (build/pack-plugin.ts) and in tests/unit/pack.
 */
export const zeroTolerancePack = {
  ...meta,
  sources,
  entities: [...people, ...organizations, ...documents, ...terms],
  timeline,
  signals,
  collisions,
  blockers,
  measures,
} as unknown as Pack;
