/**
 * The part of a topic pack that every page needs: name forms, blockers and coverage signals,
 * compiled once (at build time) into plain JSON. Card content (facts, quotes, sources) stays out
 * so the content script that runs on every page carries as little as possible.
 *
 * The phrase tries are built here (see phrase-trie.ts) so a page only pays for walking them.
 */
import type { Pack } from '../pack/schema';
import { exactKey, foldedKey, GAP_CLASS } from './phrase-pattern';
import { compilePhrases, type CompiledPhrases, type PatternPhrase } from './phrase-trie';
import type { MeasureIndex } from './figures';

/** How a name form may match (see NameRules in the pack schema). */
export type NameRuleCode = 'f' | 't' | 's';

/** [form text, position in `entities`, rule, 1 when case-insensitive]. */
export type IndexedName = [text: string, entity: number, rule: NameRuleCode, caseInsensitive: 0 | 1];

/**
 * [blocker text, 1 when case-insensitive, folded keys of the short forms it names].
 * A blocker that contains a short form verbatim ("Pete Sessions" contains "Sessions") names
 * someone else who shares that short form: after it, the short form is ambiguous.
 */
export type IndexedBlocker = [text: string, caseInsensitive: 0 | 1, rivalsShortForms: string[]];

/** [phrase, weight, 1 when case-insensitive]. */
export type IndexedSignal = [text: string, weight: number, caseInsensitive: 0 | 1];

/**
 * A hit read as a name form: [case-normalised text, compared with the hit's when the form is
 * case-sensitive; 1 when case-insensitive; entity position; 1 for full/title forms, which
 * introduce their entity (short forms need an earlier introduction)].
 */
export type FormReading = [exact: string, caseInsensitive: 0 | 1, entity: number, introduces: 0 | 1];
/** A hit read as a blocker: [case-normalised text; 1 when case-insensitive; folded short forms it names another bearer of]. */
export type BlockerReading = [exact: string, caseInsensitive: 0 | 1, rivals: string[]];
/** Every name form and blocker a folded key can be. */
export type NameReadings = [forms: FormReading[], blockers: BlockerReading[]];

export interface PackIndex {
  format: 1;
  packId: string;
  packVersion: string;
  /** Entity ids; names and co-occurrences refer to entities by position here. */
  entities: string[];
  names: IndexedName[];
  blockers: IndexedBlocker[];
  signals: IndexedSignal[];
  entityWeight: number;
  cooccurrence: Array<[entities: number[], weight: number]>;
  threshold: number;
  minDistinct: number;
  /** Article length (words) up to which scores are not scaled down. */
  referenceWords: number;
  /** Every name form and blocker. */
  namePhrases: CompiledPhrases;
  /**
   * Folded key → the name forms and blockers it can be, as Map entries: keys are normalised here
   * rather than on every page (about a millisecond, cold, for the zero-tolerance pack).
   */
  nameReadings: Array<[key: string, readings: NameReadings]>;
  /** Folded key → positions in `signals`, as Map entries. */
  signalKeys: Array<[key: string, signals: number[]]>;
  /** Case-normalised signal texts, parallel to `signals`. */
  signalExact: string[];
  /** Every signal phrase. */
  signalPhrases: CompiledPhrases;
  /** Regex source (flags: 'i') one of whose matches a covered text must contain; null: no gate. */
  gatePattern: string | null;
  /**
   * Regex source (flags: 'i') of a few word stems, one per gate phrase (its longest word, cut to
   * 7 letters): a text without any cannot pass the gate. A handful of literals is searched far
   * faster than the gate itself, so the idle walk tests this first.
   */
  gatePrefilter: string | null;
  /** The pack's measures, for recognising counts in a covered article. */
  measures: MeasureIndex[];
}

/** Scores of articles longer than this many words are scaled down by sqrt(words / this). */
export const DEFAULT_REFERENCE_WORDS = 800;

const RULE_CODES: Record<'full' | 'title' | 'short', NameRuleCode> = { full: 'f', title: 't', short: 's' };

export function compilePackIndex(pack: Pack): PackIndex {
  const entities = pack.entities.map((e) => e.id);
  const position = new Map(entities.map((id, i) => [id, i]));

  const names: IndexedName[] = [];
  pack.entities.forEach((entity, i) => {
    for (const form of entity.names) {
      names.push([form.text.trim(), i, RULE_CODES[form.rule], form.caseInsensitive ? 1 : 0]);
    }
  });

  const shortForms = names.filter(([, , rule]) => rule === 's');
  const blockers: IndexedBlocker[] = (pack.blockers ?? []).map((b) => {
    const text = b.text.trim();
    const rivals = shortForms
      .filter(([form, , , ci]) => containsWords(text, form, ci === 1))
      .map(([form]) => foldedKey(form));
    return [text, b.caseInsensitive ? 1 : 0, [...new Set(rivals)]];
  });

  const signals = uniqueSignals(pack.signals.phrases.map((s) => [s.text.trim(), s.weight, s.caseInsensitive ? 1 : 0]));

  const cooccurrence: PackIndex['cooccurrence'] = pack.signals.cooccurrence.map((c) => [
    c.entities.map((id) => {
      const at = position.get(id);
      if (at === undefined) throw new Error(`signals.cooccurrence names unknown entity "${id}"`);
      return at;
    }),
    c.weight,
  ]);

  const phrases = indexPhrases({ names, blockers, signals });
  const namePhrases = compilePhrases(phrases.names);
  const signalPhrases = compilePhrases(phrases.signals);

  const measures: MeasureIndex[] = (pack.measures ?? []).map((m) => {
    const counts = new Set<number>();
    for (const e of pack.entities) {
      for (const f of e.figures ?? []) {
        if (f.measure !== m.id) continue;
        if (f.count !== undefined) counts.add(f.count);
        if (f.countHigh !== undefined) counts.add(f.countHigh);
        // Sources may print a rounder number first ("more than 5,400 (5,460)"): that is known too.
        const printed = /\d{1,3}(?:,\d{3})+|\d+/.exec(f.value)?.[0];
        if (printed) counts.add(Number(printed.replace(/,/g, '')));
      }
    }
    return { id: m.id, nouns: [...m.nouns].sort((a, b) => b.length - a.length), minCount: m.minCount ?? 0, counts: [...counts].sort((a, b) => a - b) };
  });

  return {
    format: 1,
    packId: pack.id,
    packVersion: pack.version,
    entities,
    names,
    blockers,
    signals,
    entityWeight: pack.signals.entityWeight,
    cooccurrence,
    threshold: pack.signals.threshold,
    minDistinct: pack.signals.minDistinct,
    referenceWords: pack.signals.referenceWords ?? DEFAULT_REFERENCE_WORDS,
    namePhrases,
    signalPhrases,
    nameReadings: nameReadings(names, blockers),
    signalKeys: groupByKey(signals.map(([text]) => text)),
    signalExact: signals.map(([text]) => exactKey(text)),
    gatePattern: gatePattern(pack.signals.gate),
    gatePrefilter: gatePrefilter(pack.signals.gate),
    measures,
  };
}

/** The two phrase lists the matchers are compiled from: name forms then blockers, and signals. */
export function indexPhrases(index: Pick<PackIndex, 'names' | 'blockers' | 'signals'>): { names: PatternPhrase[]; signals: PatternPhrase[] } {
  return {
    names: [
      ...index.names.map(([text, , , ci]) => ({ text, caseInsensitive: ci === 1 })),
      ...index.blockers.map(([text, ci]) => ({ text, caseInsensitive: ci === 1 })),
    ],
    signals: index.signals.map(([text, , ci]) => ({ text, caseInsensitive: ci === 1 })),
  };
}

function nameReadings(names: IndexedName[], blockers: IndexedBlocker[]): PackIndex['nameReadings'] {
  const readings = new Map<string, NameReadings>();
  const at = (text: string) => {
    const key = foldedKey(text);
    let entry = readings.get(key);
    if (!entry) readings.set(key, (entry = [[], []]));
    return entry;
  };
  for (const [text, entity, rule, ci] of names) at(text)[0].push([exactKey(text), ci, entity, rule === 's' ? 0 : 1]);
  for (const [text, ci, rivals] of blockers) at(text)[1].push([exactKey(text), ci, rivals]);
  return [...readings];
}

function groupByKey(texts: string[]): PackIndex['signalKeys'] {
  const byKey = new Map<string, number[]>();
  texts.forEach((text, i) => {
    const key = foldedKey(text);
    const list = byKey.get(key);
    if (list) list.push(i);
    else byKey.set(key, [i]);
  });
  return [...byKey];
}

/**
 * The gate's stems as one plain alternation (no word boundaries, no trie): tested against one
 * text node at a time, a short list of literals is as cheap as reading the node. Spaces and
 * hyphens between words match any gap, as in phrases.
 */
function gatePattern(stems: string[] | undefined): string | null {
  if (!stems || stems.length === 0) return null;
  const literal = (word: string) => word.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  return stems.map((s) => s.trim().split(/[\s\u2010\u2011-]+/).map(literal).join(GAP_CLASS)).join('|');
}

function gatePrefilter(phrases: string[] | undefined): string | null {
  if (!phrases || phrases.length === 0) return null;
  const stems = phrases.map((phrase) => {
    const words = phrase.trim().split(/[\s\u2010\u2011-]+/);
    const longest = words.reduce((a, b) => (b.length > a.length ? b : a), '');
    return longest.slice(0, 7).toLowerCase().replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  });
  return [...new Set(stems)].join('|');
}

/**
 * "zero tolerance" and "zero-tolerance" are one phrase to the matcher (a hyphen matches a space);
 * listed twice they would count every occurrence twice. The first listing wins.
 */
function uniqueSignals(signals: IndexedSignal[]): IndexedSignal[] {
  const seen = new Set<string>();
  return signals.filter(([text, , ci]) => {
    const key = ci ? foldedKey(text) : exactKey(text);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Whether `phrase` occurs in `text` as whole words (after typography normalisation). */
function containsWords(text: string, phrase: string, caseInsensitive: boolean): boolean {
  const normalise = caseInsensitive ? foldedKey : exactKey;
  return ` ${normalise(text).replace(/[^\p{L}\p{N}' ]+/gu, ' ')} `.includes(` ${normalise(phrase)} `);
}
