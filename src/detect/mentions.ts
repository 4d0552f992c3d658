/**
 * Name forms in text → entity mentions, applying the pack's rules:
 * - `full` and `title` forms match anywhere and introduce their entity;
 * - `short` forms match only once their entity was introduced earlier in the same text;
 * - a form shared by several entities goes to the one introduced most recently, and to none
 *   when none was (never guess);
 * - blockers ("White House", "training sessions") swallow whatever they contain, and a blocker
 *   naming someone else with the same short form ("Pete Sessions") makes that short form
 *   ambiguous until the entity is introduced again.
 */
import type { PackIndex } from './pack-index';
import { caseAgrees, compiledIndex, forEachHit, type PhraseHit } from './phrase-matcher';

export interface Mention {
  entityId: string;
  start: number;
  end: number;
  text: string;
}

export interface MentionOptions {
  /**
   * Entities already introduced before this text, oldest first (e.g. `introducedEntities` of the
   * page's first scan, when scanning text a dynamic page added later).
   */
  introduced?: readonly string[];
}

/** Mentions sorted by start and non-overlapping (the longest form at a position wins). */
export function findMentions(text: string, index: PackIndex, options: MentionOptions = {}): Mention[] {
  const compiled = compiledIndex(index);
  const entityPosition = new Map(index.entities.map((id, i) => [id, i]));
  // Entity position → order of its latest introduction; higher is more recent.
  const introducedAt = new Map<number, number>();
  // Folded short form → order at which a rival bearer of that name last appeared.
  const rivalAt = new Map<string, number>();
  let order = 0;
  for (const id of options.introduced ?? []) {
    const at = entityPosition.get(id);
    if (at !== undefined) introducedAt.set(at, ++order);
  }

  const mentions: Mention[] = [];
  forEachHit(text, compiled.namePattern, (hit) => {
    if (isBlocked(hit, index, compiled.blockersByKey.get(hit.folded), compiled.blockerExact, rivalAt, () => ++order)) return;

    const forms = (compiled.namesByKey.get(hit.folded) ?? []).filter((i) => {
      const [, , , ci] = index.names[i]!;
      return caseAgrees(hit, compiled.nameExact[i]!, ci);
    });
    if (forms.length === 0) return;

    const introducing = forms.filter((i) => index.names[i]![2] !== 's');
    let entity: number | undefined;
    if (introducing.length > 0) {
      entity = pickEntity(introducing.map((i) => index.names[i]![1]), introducedAt, true);
      if (entity !== undefined) introducedAt.set(entity, ++order);
    } else {
      entity = pickEntity(forms.map((i) => index.names[i]![1]), introducedAt, false);
      if (entity !== undefined && (rivalAt.get(hit.folded) ?? -1) > introducedAt.get(entity)!) entity = undefined;
    }
    if (entity === undefined) return;
    mentions.push({ entityId: index.entities[entity]!, start: hit.start, end: hit.end, text: hit.text });
  });
  return mentions;
}

/** Entities introduced in these mentions, oldest introduction first (for `MentionOptions.introduced`). */
export function introducedEntities(mentions: readonly Mention[], previously: readonly string[] = []): string[] {
  const ordered = new Set(previously);
  for (const m of mentions) {
    ordered.delete(m.entityId);
    ordered.add(m.entityId);
  }
  return [...ordered];
}

/**
 * One entity for a form some entities share. A form belonging to one entity alone is that
 * entity's when it may introduce (full/title); otherwise the most recently introduced wins.
 */
function pickEntity(candidates: number[], introducedAt: Map<number, number>, mayIntroduce: boolean): number | undefined {
  const distinct = [...new Set(candidates)];
  if (mayIntroduce && distinct.length === 1) return distinct[0];
  let best: number | undefined;
  let bestOrder = -1;
  for (const entity of distinct) {
    const at = introducedAt.get(entity);
    if (at !== undefined && at > bestOrder) {
      best = entity;
      bestOrder = at;
    }
  }
  return best;
}

/** A blocker hit swallows the match; if it names a rival bearer of a short form, note when. */
function isBlocked(
  hit: PhraseHit,
  index: PackIndex,
  blockers: number[] | undefined,
  blockerExact: string[],
  rivalAt: Map<string, number>,
  nextOrder: () => number,
): boolean {
  if (!blockers) return false;
  let blocked = false;
  for (const i of blockers) {
    const [, ci, rivals] = index.blockers[i]!;
    if (!caseAgrees(hit, blockerExact[i]!, ci)) continue;
    blocked = true;
    for (const shortForm of rivals) rivalAt.set(shortForm, nextOrder());
  }
  return blocked;
}
