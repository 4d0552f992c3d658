/**
 * Is this text about the pack's topic? A weighted sum of signal phrases (negative weights point
 * away: "special counsel", "drunk driving"), plus a weight per distinct entity mentioned and per
 * co-occurring entity group, scaled down for long articles so a passing paragraph in a long
 * piece does not light it up. The pack sets the weights and thresholds; nothing topical is here.
 */
import type { PackIndex } from './pack-index';
import type { Mention } from './mentions';
import { caseAgrees, compiledIndex } from './compiled-index';
import { indexGateTest } from './gate';
import { nextHit, type PhraseHit } from './phrase-matcher';
import type { SliceClock, Steps } from './slices';

export interface CoverageResult {
  covered: boolean;
  score: number;
  signals: Array<{ text: string; weight: number; count: number }>;
  entities: string[];
}

/** What a text that failed the gate reports: nothing was weighed. */
export function notWeighed(): CoverageResult {
  return { covered: false, score: 0, signals: [], entities: [] };
}

/**
 * The coverage of a text whose mentions are known (the scanner reuses them), as resumable steps
 * (see slices.ts).
 *
 * The page is judged as a whole, and, when it is longer than `WINDOW_REFERENCES` reference
 * articles, also stretch by stretch: windows of that length (overlapping by half), each scored as
 * if it were an article of its own. The page is covered when the whole or one stretch is. Scaling
 * by length keeps a passing paragraph from lighting up a long piece, but evidence cannot grow with
 * length (each phrase and entity counts at most 2.5 times), so without windows a long enough page
 * is never covered, however much of it is about the topic (a book-length report, a long archive
 * page). A window is several articles long, so a passing paragraph is still diluted as before;
 * pages up to one window long are judged exactly as without windows.
 */
export function* coverageSteps(text: string, index: PackIndex, mentions: readonly Mention[], clock: SliceClock): Steps<CoverageResult> {
  const hits = yield* signalHitSteps(text, index, clock);
  // A name that is also a signal phrase ("zero tolerance") is one piece of evidence, not two: an
  // entity adds its weight only if it is mentioned somewhere no positive signal already covers.
  const independent = yield* notCovered(mentions, hits.positiveSpans, clock);
  const signals: CoverageResult['signals'] = [];
  const whole = yield* evidence(index, hits, 0, hits.signal.length, mentions, 0, mentions.length, independent, signals, clock);
  let score = round2(whole.raw / lengthScale(readLength(text, index.referenceWords), index.referenceWords));
  let covered = score >= index.threshold && whole.distinct >= index.minDistinct;

  const windowChars = WINDOW_REFERENCES * index.referenceWords * CHARS_PER_WORD;
  if (text.length > windowChars) {
    const scale = lengthScale(windowChars, index.referenceWords);
    let firstHit = 0;
    let firstMention = 0;
    for (let from = 0; from < text.length - windowChars / 2; from += windowChars / 2) {
      const to = from + windowChars;
      while (firstHit < hits.start.length && hits.start[firstHit]! < from) firstHit++;
      while (firstMention < mentions.length && mentions[firstMention]!.start < from) firstMention++;
      let lastHit = firstHit;
      while (lastHit < hits.start.length && hits.start[lastHit]! < to) lastHit++;
      let lastMention = firstMention;
      while (lastMention < mentions.length && mentions[lastMention]!.start < to) lastMention++;
      const stretch = yield* evidence(index, hits, firstHit, lastHit, mentions, firstMention, lastMention, independent, null, clock);
      const stretchScore = round2(stretch.raw / scale);
      const stretchCovered = stretchScore >= index.threshold && stretch.distinct >= index.minDistinct;
      if (stretchCovered && (!covered || stretchScore > score)) {
        covered = true;
        score = stretchScore;
      }
      if (clock.due()) yield;
    }
  }

  const entities = [...new Set(mentions.map((m) => m.entityId))];
  return { covered, score, signals, entities };
}

/** Long pages are also judged in stretches of this many reference articles (see `coverageSteps`). */
const WINDOW_REFERENCES = 4;
/** About six characters per English word including the space; exact counts are not needed. */
const CHARS_PER_WORD = 6;

interface SignalHits {
  /** Per occurrence of a signal phrase, in text order: its position in index.signals and its start. */
  signal: number[];
  start: number[];
  /** Spans of positive signals, sorted and non-overlapping. */
  positiveSpans: Array<[number, number]>;
}

/**
 * The raw evidence of signal occurrences [fromHit, toHit) and mentions [fromMention, toMention):
 * weighted phrases with diminishing repetition, entities, co-occurrence. Lists the phrases in
 * `signals` when given one. Pauses between mentions when due (a book-length page has tens of
 * thousands).
 */
function* evidence(
  index: PackIndex,
  hits: SignalHits,
  fromHit: number,
  toHit: number,
  mentions: readonly Mention[],
  fromMention: number,
  toMention: number,
  independent: readonly boolean[],
  signals: CoverageResult['signals'] | null,
  clock: SliceClock,
): Steps<{ raw: number; distinct: number }> {
  // Indexed loops, no destructuring: this runs cold (interpreted) on every page, where each
  // iterator or destructured tuple costs about as much as the rest of an iteration.
  const counts = new Array<number>(index.signals.length).fill(0);
  for (let k = fromHit; k < toHit; k++) counts[hits.signal[k]!]!++;
  let raw = 0;
  let distinct = 0;
  for (let i = 0; i < counts.length; i++) {
    const count = counts[i]!;
    if (count === 0) continue;
    const signal = index.signals[i]!;
    const weight = signal[1];
    signals?.push({ text: signal[0], weight, count });
    raw += weight * repeated(count);
    if (weight > 0) distinct++;
  }
  const present = new Set<string>();
  const independentEntities = new Set<string>();
  for (let k = fromMention; k < toMention; k++) {
    if (clock.due()) yield;
    const id = mentions[k]!.entityId;
    present.add(id);
    if (independent[k]) independentEntities.add(id);
  }
  raw += index.entityWeight * independentEntities.size;
  distinct += independentEntities.size;
  for (let g = 0; g < index.cooccurrence.length; g++) {
    const group = index.cooccurrence[g]!;
    if (group[0].every((e) => present.has(index.entities[e]!))) raw += group[1];
  }
  return { raw, distinct };
}

/** Every occurrence of a signal phrase, in text order, pausing between hits. */
function* signalHitSteps(text: string, index: PackIndex, clock: SliceClock): Steps<SignalHits> {
  const compiled = compiledIndex(index);
  const result: SignalHits = { signal: [], start: [], positiveSpans: [] };
  const hit: PhraseHit = { start: 0, end: 0, text: '', exact: '', folded: '' };
  while (nextHit(text, compiled.signalPhrases, hit.end, hit)) {
    const readings = compiled.signalsByKey.get(hit.folded);
    for (let k = 0; readings !== undefined && k < readings.length; k++) {
      const i = readings[k]!;
      const signal = index.signals[i]!;
      if (!caseAgrees(hit, compiled.signalExact[i]!, signal[2])) continue;
      result.signal.push(i);
      result.start.push(hit.start);
      if (signal[1] > 0) result.positiveSpans.push([hit.start, hit.end]);
    }
    if (clock.due()) yield;
  }
  return result;
}

/**
 * Per mention (sorted by start, as findMentions returns them), whether no span overlaps it. The
 * spans are in text order and do not overlap, so one pass over both lists answers every mention.
 */
function* notCovered(mentions: readonly Mention[], spans: ReadonlyArray<[number, number]>, clock: SliceClock): Steps<boolean[]> {
  const result = new Array<boolean>(mentions.length);
  let j = 0;
  for (let k = 0; k < mentions.length; k++) {
    if (clock.due()) yield;
    const m = mentions[k]!;
    // The first span that ends after the mention starts is the only one that can overlap it.
    while (j < spans.length && spans[j]![1] <= m.start) j++;
    result[k] = j === spans.length || spans[j]![0] >= m.end;
  }
  return result;
}

/**
 * Repetition counts, with diminishing returns and a cap: 1, 2, 2.5, 2.5, … (1 + log2 n, at most
 * 2.5), so one borrowed phrase said over and over ("zero tolerance" in an HR column) cannot carry
 * a page on its own.
 */
const MAX_REPETITION = 2.5;
function repeated(count: number): number {
  return Math.min(1 + Math.log2(count), MAX_REPETITION);
}

/**
 * The text's length as read: a run of white space counts as one character. Saved and
 * server-rendered markup keeps its indentation in text nodes, often most of a page's characters,
 * which would otherwise dilute the score of a short story on deeply nested markup. Up to one
 * reference length the scale is 1 anyway; beyond `COLLAPSE_REFERENCES` the page is long by any
 * count (and judged in windows too), and collapsing megabytes would be a long task of its own.
 */
function readLength(text: string, referenceWords: number): number {
  const chars = referenceWords * CHARS_PER_WORD;
  if (text.length <= chars || text.length > COLLAPSE_REFERENCES * chars || !WHITE_SPACE_RUN.test(text)) return text.length;
  return text.replace(WHITE_SPACE_RUNS, ' ').length;
}
const COLLAPSE_REFERENCES = 16;
const WHITE_SPACE_RUN = /\s\s/;
const WHITE_SPACE_RUNS = /\s{2,}/g;

/** 1 up to the reference length; beyond it sqrt(words / reference). */
function lengthScale(chars: number, referenceWords: number): number {
  return Math.max(1, Math.sqrt(chars / CHARS_PER_WORD / referenceWords));
}

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}
