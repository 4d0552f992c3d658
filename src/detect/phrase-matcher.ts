/**
 * Runs a PackIndex's precompiled patterns over text: one native regex pass per pattern, then a
 * map lookup per hit to learn which phrase(s) it was. Work in JavaScript is proportional to the
 * number of hits, not to the length of the text.
 */
import type { PackIndex } from './pack-index';
import { exactKey, foldedKey, hasWordBoundaries } from './phrase-pattern';

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

/** Calls `onHit` for each non-overlapping hit of `pattern` (leftmost, then longest). */
export function forEachHit(text: string, pattern: RegExp, onHit: (hit: PhraseHit) => void): void {
  pattern.lastIndex = 0;
  let match: RegExpExecArray | null;
  while ((match = pattern.exec(text)) !== null) {
    const start = match.index;
    const end = start + match[0].length;
    if (end === start) {
      pattern.lastIndex = start + 1;
      continue;
    }
    if (!hasWordBoundaries(text, start, end)) {
      // Glued to a non-ASCII letter: retry one character later so a shorter phrase can match.
      pattern.lastIndex = start + 1;
      continue;
    }
    const exact = exactKey(match[0]);
    onHit({ start, end, text: match[0], exact, folded: exact.toLowerCase() });
  }
}

export interface CompiledIndex {
  namePattern: RegExp;
  signalPattern: RegExp;
  /** folded key → positions in index.names */
  namesByKey: Map<string, number[]>;
  /** folded key → positions in index.blockers */
  blockersByKey: Map<string, number[]>;
  /** folded key → positions in index.signals */
  signalsByKey: Map<string, number[]>;
  /** Case-normalised texts, parallel to index.names / blockers / signals. */
  nameExact: string[];
  blockerExact: string[];
  signalExact: string[];
}

const compiled = new WeakMap<PackIndex, CompiledIndex>();

/** The index's runtime form, built on first use and cached for the index object. */
export function compiledIndex(index: PackIndex): CompiledIndex {
  let result = compiled.get(index);
  if (!result) {
    result = {
      namePattern: new RegExp(index.namePattern, 'g'),
      signalPattern: new RegExp(index.signalPattern, 'g'),
      namesByKey: groupByKey(index.names.map(([text]) => text)),
      blockersByKey: groupByKey(index.blockers.map(([text]) => text)),
      signalsByKey: groupByKey(index.signals.map(([text]) => text)),
      nameExact: index.names.map(([text]) => exactKey(text)),
      blockerExact: index.blockers.map(([text]) => exactKey(text)),
      signalExact: index.signals.map(([text]) => exactKey(text)),
    };
    compiled.set(index, result);
  }
  return result;
}

/** Whether a hit is an occurrence of a phrase (given case-normalised) under its case rule. */
export function caseAgrees(hit: PhraseHit, exactPhrase: string, caseInsensitive: 0 | 1): boolean {
  return caseInsensitive === 1 || hit.exact === exactPhrase;
}

export interface CompiledGate {
  pattern: RegExp;
  prefilter: RegExp | null;
}

const compiledGates = new WeakMap<PackIndex, CompiledGate | null>();

/**
 * The gate's regexes alone (null when the pack has none). Kept apart from `compiledIndex` so an
 * unrelated page, whose content script starts cold on every load, builds nothing else.
 */
export function compiledGate(index: PackIndex): CompiledGate | null {
  let gate = compiledGates.get(index);
  if (gate === undefined) {
    gate =
      index.gatePattern === null
        ? null
        : { pattern: new RegExp(index.gatePattern, 'i'), prefilter: index.gatePrefilter === null ? null : new RegExp(index.gatePrefilter, 'i') };
    compiledGates.set(index, gate);
  }
  return gate;
}

function groupByKey(texts: string[]): Map<string, number[]> {
  const byKey = new Map<string, number[]>();
  texts.forEach((text, i) => {
    const key = foldedKey(text);
    const list = byKey.get(key);
    if (list) list.push(i);
    else byKey.set(key, [i]);
  });
  return byKey;
}
