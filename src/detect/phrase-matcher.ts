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
  const hit: PhraseHit = { start: 0, end: 0, text: '', exact: '', folded: '' };
  while (nextHit(text, pattern, hit)) onHit({ ...hit });
}

/**
 * Moves `pattern` (flag 'g') on to its next hit in `text` after `pattern.lastIndex` and writes it
 * into `hit` (reused, so a long page allocates nothing per hit here). False when there are no
 * more. Start with `pattern.lastIndex = 0`; the loop can pause between calls.
 */
export function nextHit(text: string, pattern: RegExp, hit: PhraseHit): boolean {
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
    hit.start = start;
    hit.end = end;
    hit.text = match[0];
    hit.exact = exact;
    hit.folded = exact.toLowerCase();
    return true;
  }
  return false;
}

/** One way a hit may read: as a name form of an entity, or as a blocker. */
export interface NameReading {
  /** Case-normalised text, compared with the hit's when the form is case-sensitive. */
  exact: string;
  caseInsensitive: boolean;
}
export interface FormReading extends NameReading {
  entity: number;
  /** full/title forms introduce their entity; short forms need an earlier introduction. */
  introduces: boolean;
}
export interface BlockerReading extends NameReading {
  /** Folded short forms this blocker names another bearer of. */
  rivals: string[];
}

export interface CompiledIndex {
  namePattern: RegExp;
  signalPattern: RegExp;
  /** Folded key → every name form and blocker it can be, so a hit costs one lookup. */
  readings: Map<string, { forms: FormReading[]; blockers: BlockerReading[] }>;
  /** Entity id → position in index.entities. */
  entityPosition: Map<string, number>;
  /** Folded key → positions in index.signals. */
  signalsByKey: Map<string, number[]>;
  /** Case-normalised signal texts, parallel to index.signals. */
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
      readings: nameReadings(index),
      entityPosition: new Map(index.entities.map((id, i) => [id, i])),
      signalsByKey: groupByKey(index.signals.map(([text]) => text)),
      signalExact: index.signals.map(([text]) => exactKey(text)),
    };
    compiled.set(index, result);
  }
  return result;
}

/** Whether a hit is an occurrence of a phrase (given case-normalised) under its case rule. */
export function caseAgrees(hit: PhraseHit, exactPhrase: string, caseInsensitive: 0 | 1 | boolean): boolean {
  return caseInsensitive === 1 || caseInsensitive === true || hit.exact === exactPhrase;
}

function nameReadings(index: PackIndex): CompiledIndex['readings'] {
  const readings: CompiledIndex['readings'] = new Map();
  const at = (text: string) => {
    const key = foldedKey(text);
    let entry = readings.get(key);
    if (!entry) readings.set(key, (entry = { forms: [], blockers: [] }));
    return entry;
  };
  for (const [text, entity, rule, ci] of index.names) {
    at(text).forms.push({ exact: exactKey(text), caseInsensitive: ci === 1, entity, introduces: rule !== 's' });
  }
  for (const [text, ci, rivals] of index.blockers) {
    at(text).blockers.push({ exact: exactKey(text), caseInsensitive: ci === 1, rivals });
  }
  return readings;
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
