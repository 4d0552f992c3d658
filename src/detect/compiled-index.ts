/**
 * A PackIndex's runtime form, built on first use per page: the phrase matchers and the lookup
 * maps a hit goes through (its keys were normalised at build time).
 */
import type { NameReadings, PackIndex } from './pack-index';
import { phraseMatcher, type PhraseHit, type PhraseMatcher } from './phrase-matcher';

export interface CompiledIndex {
  names: PhraseMatcher;
  signalPhrases: PhraseMatcher;
  /** Folded key → every name form and blocker it can be, so a hit costs one lookup. */
  readings: Map<string, NameReadings>;
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
      names: phraseMatcher(index.namePhrases),
      signalPhrases: phraseMatcher(index.signalPhrases),
      // Maps made straight from the index's entries: the keys were normalised at build time.
      readings: new Map(index.nameReadings),
      entityPosition: new Map(index.entities.map((id, i) => [id, i])),
      signalsByKey: new Map(index.signalKeys),
      signalExact: index.signalExact,
    };
    compiled.set(index, result);
  }
  return result;
}

/** Whether a hit is an occurrence of a phrase (given case-normalised) under its case rule. */
export function caseAgrees(hit: PhraseHit, exactPhrase: string, caseInsensitive: 0 | 1 | boolean): boolean {
  return caseInsensitive === 1 || caseInsensitive === true || hit.exact === exactPhrase;
}
