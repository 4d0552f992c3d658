/**
 * Runs a PackIndex's compiled phrases over text: one native pass of the phrases' regex (built at
 * compile time, phrase-trie.ts) finds each hit; JavaScript runs only per hit, to check non-ASCII
 * word boundaries and normalise the key. (What a hit reads as is looked up in compiled-index.ts.)
 */
import { exactKey, hasWordBoundaries } from './phrase-pattern';
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
  pattern: RegExp;
}

export function phraseMatcher(phrases: CompiledPhrases): PhraseMatcher {
  return { pattern: new RegExp(phrases.pattern, 'g') };
}

/**
 * Finds the first hit in `text` at or after `from` and writes it into `hit` (reused, so a long page
 * allocates nothing per hit here). False when there are none. Callers go on from `hit.end`; the
 * matcher keeps no state between calls, so a paused scan can share it with another.
 */
export function nextHit(text: string, matcher: PhraseMatcher, from: number, hit: PhraseHit): boolean {
  const pattern = matcher.pattern;
  pattern.lastIndex = from;
  let match: RegExpExecArray | null;
  while ((match = pattern.exec(text)) !== null) {
    const start = match.index;
    const found = match[0];
    const end = start + found.length;
    // Glued to a non-ASCII letter: a later start may still be one.
    if (!hasWordBoundaries(text, start, end)) {
      pattern.lastIndex = start + 1;
      continue;
    }
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
