/**
 * Runs a PackIndex's compiled phrases over text (phrase-trie.ts builds the regexes at compile
 * time): one native pass of the first words' regex finds where a hit may start, and there the
 * regex of that first word's group, compiled the first time the page needs it, finds the hit.
 * JavaScript runs only per place, to pick the group, check non-ASCII word boundaries and
 * normalise the key. (What a hit reads as is looked up in compiled-index.ts.)
 */
import { exactKey, foldedKey, hasWordBoundaries } from './phrase-pattern';
import type { CompiledPhrases } from './phrase-trie';

export interface PhraseHit {
  start: number;
  end: number;
  /** The page's own characters. */
  text: string;
  /** The hit with gaps and quotes normalised, case kept; compare with a case-sensitive phrase. */
  exact: string;
  /** `exact` lowercased; the lookup key. */
  folded: string;
}

/** A phrase list ready to run. */
export interface PhraseMatcher {
  starts: RegExp;
  groupSources: string[];
  /** Each group's regex (sticky), made on first use: most groups never are on a given page. */
  groups: Array<RegExp | undefined>;
  groupOf: Map<string, number>;
}

export function phraseMatcher(phrases: CompiledPhrases): PhraseMatcher {
  return { starts: new RegExp(phrases.starts, 'g'), groupSources: phrases.groups, groups: [], groupOf: new Map(phrases.firstWords) };
}

/**
 * Finds the first hit in `text` at or after `from` and writes it into `hit` (reused, so a long page
 * allocates nothing per hit here). False when there are none. Callers go on from `hit.end`; the
 * matcher keeps no position between calls (only the groups' regexes, once made), so a paused scan
 * can share it with another.
 */
export function nextHit(text: string, matcher: PhraseMatcher, from: number, hit: PhraseHit): boolean {
  const starts = matcher.starts;
  starts.lastIndex = from;
  let place: RegExpExecArray | null;
  while ((place = starts.exec(text)) !== null) {
    const start = place.index;
    // A later start may still be a hit: one inside this first word, or after it.
    starts.lastIndex = start + 1;
    const group = matcher.groupOf.get(foldedKey(place[0]));
    if (group === undefined) continue;
    const pattern = (matcher.groups[group] ??= new RegExp(matcher.groupSources[group]!, 'y'));
    pattern.lastIndex = start;
    const match = pattern.exec(text);
    if (match === null) continue;
    const found = match[0];
    const end = start + found.length;
    // Glued to a non-ASCII letter: a later start may still be one.
    if (!hasWordBoundaries(text, start, end)) continue;
    const exact = exactKey(found);
    hit.start = start;
    hit.end = end;
    hit.text = found;
    hit.exact = exact;
    hit.folded = exact.toLowerCase();
    return true;
  }
  return false;
}
