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
import { caseAgrees, compiledIndex } from './compiled-index';
import { nextHit, type PhraseHit } from './phrase-matcher';
import { runToEnd, unslicedClock, type SliceClock, type Steps } from './slices';
import { firstReached } from './sorted';

export interface Mention {
  entityId: string;
  start: number;
  end: number;
  text: string;
}

/** Index of the first mention (in text order) that ends after `offset`; the length when none does. */
export function firstMentionEndingAfter(mentions: readonly Mention[], offset: number): number {
  return firstReached(mentions.length, (i) => mentions[i]!.end > offset);
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
  return runToEnd(mentionSteps(text, index, options, unslicedClock()));
}

/** `findMentions` as resumable steps (see slices.ts), pausing between hits. */
export function* mentionSteps(text: string, index: PackIndex, options: MentionOptions, clock: SliceClock): Steps<Mention[]> {
  const { names, readings, entityPosition } = compiledIndex(index);
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
  // Per hit: one lookup and a walk over a handful of readings, no allocation (hot on long pages).
  const hit: PhraseHit = { start: 0, end: 0, text: '', exact: '', folded: '' };
  while (nextHit(text, names, hit.end, hit)) {
    if (clock.due()) yield;
    const reading = readings.get(hit.folded);
    if (!reading) continue;

    // Indexed loops: this runs cold on every page, where an iterator costs more than the body.
    const forms = reading[0];
    const blockers = reading[1];
    let blocked = false;
    for (let b = 0; b < blockers.length; b++) {
      const blocker = blockers[b]!;
      if (!caseAgrees(hit, blocker[0], blocker[1])) continue;
      const rivals = blocker[2];
      blocked = true;
      for (let r = 0; r < rivals.length; r++) rivalAt.set(rivals[r]!, ++order);
    }
    if (blocked) continue;

    let anyForm = false;
    let introducing = -1; // the entity of the first introducing form
    let introducingShared = false; // introducing forms of several entities
    let recentIntroducing = -1; // the most recently introduced entity among introducing forms
    let recentIntroducingAt = -1;
    let recent = -1; // the most recently introduced entity among all forms
    let recentAt = -1;
    for (let f = 0; f < forms.length; f++) {
      const form = forms[f]!;
      if (!caseAgrees(hit, form[0], form[1])) continue;
      const entity = form[2];
      anyForm = true;
      const at = introducedAt.get(entity) ?? -1;
      if (form[3] === 1) {
        if (introducing === -1) introducing = entity;
        else if (introducing !== entity) introducingShared = true;
        if (at > recentIntroducingAt) {
          recentIntroducing = entity;
          recentIntroducingAt = at;
        }
      }
      if (at > recentAt) {
        recent = entity;
        recentAt = at;
      }
    }
    if (!anyForm) continue;

    let entity: number;
    if (introducing !== -1) {
      // A form of one entity alone introduces it; one shared by several goes to the most
      // recently introduced of them, and to none if none was.
      entity = introducingShared ? recentIntroducing : introducing;
      if (entity === -1) continue;
      introducedAt.set(entity, ++order);
    } else {
      // Short forms: the most recently introduced entity, unless a rival bearer came since.
      entity = recent;
      if (entity === -1 || (rivalAt.get(hit.folded) ?? -1) > recentAt) continue;
    }
    mentions.push({ entityId: index.entities[entity]!, start: hit.start, end: hit.end, text: hit.text });
  }
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
