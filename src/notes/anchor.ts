/**
 * Finding a note's passage again in a page's text. Pure: strings in, offsets
 * out; the caller maps offsets to DOM ranges.
 *
 * Selectors are tried in a fixed order, as in the Hypothesis client:
 *   1. the exact quote, choosing among repeats by how well the stored
 *      prefix/suffix match around each one;
 *   2. the stored position, when the quote repeats with context that can't
 *      tell the copies apart and the text at that position is the quote;
 *   3. an approximate match of the quote, with a bounded number of errors and
 *      scored on quote, prefix, suffix and position (weights 50/20/20/2).
 * A fuzzy match whose score is weak is rejected: a note left unplaced (an
 * orphan the reader can still see) is better than one pinned to other words.
 */
import approxSearch from 'approx-string-match';
import type { NoteSelectors, TextPositionSelector, TextQuoteSelector } from './selectors';

export type AnchorMethod = 'quote' | 'position' | 'fuzzy';

/** Where a note's passage was found in a text, and by which selector. */
export interface PassageMatch {
  start: number;
  end: number;
  method: AnchorMethod;
}

const WEIGHT_QUOTE = 50;
const WEIGHT_PREFIX = 20;
const WEIGHT_SUFFIX = 20;
const WEIGHT_POSITION = 2;

/**
 * The lowest normalized score (0..1) a fuzzy match may have. Calibrated on the
 * tests' edited articles: a quote with a word changed scores ~0.97 with its
 * context intact and ~0.8 when the sentence around it was reworded or the
 * paragraph moved; a similar sentence elsewhere, with unrelated context,
 * scores ~0.57.
 */
export const FUZZY_MIN_SCORE = 0.66;

/** Errors allowed in a fuzzy quote match: a quarter of the quote, at most 256. */
export function maxQuoteErrors(quoteLength: number): number {
  return Math.min(256, Math.floor(quoteLength / 4));
}

// Callers often anchor a page's notes one by one in a loop; keeping the last
// text's anchorer means its index is built once per text, not once per note.
// Results are the same with or without it.
let lastAnchorer: TextAnchorer | undefined;

/** Anchors one note in `text`; null when it can't be placed (an orphan). */
export function anchorNote(selectors: NoteSelectors, text: string): PassageMatch | null {
  if (lastAnchorer?.text !== text) lastAnchorer = new TextAnchorer(text);
  return lastAnchorer.anchor(selectors);
}

/**
 * Anchors notes in one text. Holds a sampled index of the text, built only
 * when a note needs fuzzy matching, so long pages are not searched in full
 * once per note.
 */
export class TextAnchorer {
  private gramIndex: GramIndex | undefined;

  constructor(readonly text: string) {}

  anchor(selectors: NoteSelectors): PassageMatch | null {
    const quote = selectors[0];
    if (!quote || quote.exact === '') return null;
    const hint = usablePosition(selectors.length === 2 ? selectors[1] : undefined, this.text.length);

    const occurrences = exactOccurrences(this.text, quote.exact);
    if (occurrences.length > 0) return this.pickOccurrence(occurrences, quote, hint);
    return this.matchFuzzily(quote, hint);
  }

  /** Steps 1 and 2: the exact quote, told apart by context, then by position. */
  private pickOccurrence(occurrences: number[], quote: TextQuoteSelector, hint: TextPositionSelector | undefined): PassageMatch {
    const length = quote.exact.length;
    const only = occurrences.length === 1 ? occurrences[0] : undefined;
    if (only !== undefined) return { start: only, end: only + length, method: 'quote' };

    const best = bestByContext(this.text, occurrences, quote);
    const winner = best.length === 1 ? best[0] : undefined;
    if (winner !== undefined) return { start: winner, end: winner + length, method: 'quote' };

    if (hint && best.includes(hint.start) && hint.end - hint.start === length) {
      return { start: hint.start, end: hint.end, method: 'position' };
    }
    // Copies with identical context and no usable position: the nearest one to
    // where the note was is the best guess, and its text is the quote exactly.
    const nearest = hint ? nearestTo(best, hint.start) : best[0];
    const start = nearest ?? occurrences[0] ?? 0;
    return { start, end: start + length, method: 'quote' };
  }

  /** Step 3: bounded approximate matching in the regions where the passage could be. */
  private matchFuzzily(quote: TextQuoteSelector, hint: TextPositionSelector | undefined): PassageMatch | null {
    const maxErrors = maxQuoteErrors(quote.exact.length);
    if (maxErrors === 0) return null;

    let best: { start: number; end: number; score: number } | undefined;
    for (const [from, to] of this.candidateRegions(quote, hint, maxErrors)) {
      for (const match of approxSearch(this.text.slice(from, to), quote.exact, maxErrors)) {
        const start = from + match.start;
        const end = from + match.end;
        const score = scoreMatch(this.text, quote, hint, start, end, match.errors);
        if (!best || score > best.score) best = { start, end, score };
      }
    }
    return best && best.score >= FUZZY_MIN_SCORE ? { start: best.start, end: best.end, method: 'fuzzy' } : null;
  }

  /**
   * Where a fuzzy match is worth looking for: around the stored position, and
   * around places that share a run of text with the quote or its context
   * (filter, then verify with the exact algorithm). Sorted, non-overlapping.
   */
  private candidateRegions(quote: TextQuoteSelector, hint: TextPositionSelector | undefined, maxErrors: number): Array<[number, number]> {
    const length = quote.exact.length;
    const regions: Array<[number, number]> = [];
    if (hint) regions.push([hint.start - HINT_RADIUS - maxErrors, hint.start + length + HINT_RADIUS + maxErrors]);

    this.gramIndex ??= new GramIndex(this.text);
    const slack = maxErrors + GRAM_STEP;
    for (const cluster of this.gramIndex.likelyStarts(quote, slack)) {
      regions.push([cluster.first - slack, cluster.last + length + slack]);
    }
    return mergeRegions(regions, this.text.length);
  }
}

// ---- Exact occurrences and context -----------------------------------------------------

function exactOccurrences(text: string, quote: string): number[] {
  const found: number[] = [];
  for (let at = text.indexOf(quote); at !== -1; at = text.indexOf(quote, at + 1)) found.push(at);
  return found;
}

/** The occurrences whose surroundings best match the stored prefix and suffix (ties kept). */
function bestByContext(text: string, occurrences: number[], quote: TextQuoteSelector): number[] {
  let bestScore = -1;
  let best: number[] = [];
  for (const start of occurrences) {
    const score = contextScore(text, quote, start, start + quote.exact.length);
    if (score > bestScore + 1e-9) {
      bestScore = score;
      best = [start];
    } else if (Math.abs(score - bestScore) <= 1e-9) {
      best.push(start);
    }
  }
  return best;
}

function contextScore(text: string, quote: TextQuoteSelector, start: number, end: number): number {
  const prefixScore = prefixSimilarity(text, quote.prefix, start);
  const suffixScore = suffixSimilarity(text, quote.suffix, end);
  return (WEIGHT_PREFIX * prefixScore + WEIGHT_SUFFIX * suffixScore) / (WEIGHT_PREFIX + WEIGHT_SUFFIX);
}

// Empty stored context means the quote sat at the edge of the text (or, for
// imported annotations, that no context was kept): it supports a match only
// at the same edge, so a context-less quote never earns context points.
// The startsWith checks skip slicing and edit distance in the common case of
// intact context (a quote repeated thousands of times on a page stays cheap).
function prefixSimilarity(text: string, prefix: string, start: number): number {
  if (prefix === '') return start === 0 ? 1 : 0;
  const from = start - prefix.length;
  if (from >= 0 && text.startsWith(prefix, from)) return 1;
  return similarity(prefix, text.slice(Math.max(0, from), start));
}

function suffixSimilarity(text: string, suffix: string, end: number): number {
  if (suffix === '') return end === text.length ? 1 : 0;
  if (end + suffix.length <= text.length && text.startsWith(suffix, end)) return 1;
  return similarity(suffix, text.slice(end, end + suffix.length));
}

/** Normalized score of a candidate match, 0..1, Hypothesis-style. */
function scoreMatch(
  text: string,
  quote: TextQuoteSelector,
  hint: TextPositionSelector | undefined,
  start: number,
  end: number,
  errors: number,
): number {
  const quoteScore = 1 - errors / quote.exact.length;
  const prefixScore = prefixSimilarity(text, quote.prefix, start);
  const suffixScore = suffixSimilarity(text, quote.suffix, end);
  let raw = WEIGHT_QUOTE * quoteScore + WEIGHT_PREFIX * prefixScore + WEIGHT_SUFFIX * suffixScore;
  let max = WEIGHT_QUOTE + WEIGHT_PREFIX + WEIGHT_SUFFIX;
  if (hint) {
    raw += WEIGHT_POSITION * (1 - Math.min(1, Math.abs(start - hint.start) / Math.max(1, text.length)));
    max += WEIGHT_POSITION;
  }
  return raw / max;
}

/** How much of the expected (non-empty) context is found in the actual context, 0..1. */
function similarity(expected: string, actual: string): number {
  if (expected === actual) return 1;
  if (actual === '') return 0;
  const errors = approxSearch(actual, expected, expected.length)[0]?.errors ?? expected.length;
  return 1 - errors / expected.length;
}

function usablePosition(position: TextPositionSelector | undefined, textLength: number): TextPositionSelector | undefined {
  if (!position) return undefined;
  const { start, end } = position;
  const valid = Number.isInteger(start) && Number.isInteger(end) && start >= 0 && end >= start && end <= textLength;
  return valid ? position : undefined;
}

function nearestTo(starts: number[], target: number): number | undefined {
  let nearest: number | undefined;
  for (const start of starts) {
    if (nearest === undefined || Math.abs(start - target) < Math.abs(nearest - target)) nearest = start;
  }
  return nearest;
}

function mergeRegions(regions: Array<[number, number]>, textLength: number): Array<[number, number]> {
  const clamped = regions
    .map(([from, to]): [number, number] => [Math.max(0, from), Math.min(textLength, to)])
    .filter(([from, to]) => to > from)
    .sort((a, b) => a[0] - b[0]);
  const merged: Array<[number, number]> = [];
  for (const region of clamped) {
    const last = merged[merged.length - 1];
    if (last && region[0] <= last[1]) last[1] = Math.max(last[1], region[1]);
    else merged.push([region[0], region[1]]);
  }
  return merged;
}

// ---- A sampled n-gram index: where could a changed passage be? ------------------------

/** Characters searched on each side of the stored position. */
const HINT_RADIUS = 2048;
/** Length of the text samples (grams) shared between quote and page that suggest a match. */
const GRAM_LENGTH = 16;
/** Every GRAM_STEP-th position of the page is indexed: any shared run of ≥ 23 characters is seen. */
const GRAM_STEP = 8;
/** A gram found more often than this is boilerplate and says nothing about where the quote is. */
const GRAM_MAX_HITS = 32;
/** Regions verified per note: the best-supported ones. */
const MAX_CLUSTERS = 24;

interface StartCluster {
  first: number;
  last: number;
  votes: number;
}

/**
 * Hashes of every GRAM_STEP-th GRAM_LENGTH-character slice of the text, in a
 * chained hash table of typed arrays (a 1 MB page is ~125,000 entries).
 */
class GramIndex {
  private readonly heads: Int32Array;
  private readonly next: Int32Array;
  private readonly hashes: Int32Array;
  private readonly mask: number;

  constructor(text: string) {
    const samples = Math.max(0, Math.floor((text.length - GRAM_LENGTH) / GRAM_STEP) + 1);
    let size = 1024;
    while (size < samples * 2) size *= 2;
    this.mask = size - 1;
    this.heads = new Int32Array(size).fill(-1);
    this.next = new Int32Array(samples);
    this.hashes = new Int32Array(samples);
    for (let sample = 0; sample < samples; sample++) {
      const hash = gramHash(text, sample * GRAM_STEP);
      const bucket = hash & this.mask;
      this.hashes[sample] = hash;
      this.next[sample] = this.heads[bucket] ?? -1;
      this.heads[bucket] = sample;
    }
  }

  /**
   * Where the quote probably starts: every indexed page gram that also occurs
   * in prefix + quote + suffix votes for the quote start it implies; nearby
   * votes (within `slack`) form a cluster. Best-supported clusters first.
   */
  likelyStarts(quote: TextQuoteSelector, slack: number): StartCluster[] {
    const probe = quote.prefix + quote.exact + quote.suffix;
    const starts: number[] = [];
    for (let offset = 0; offset + GRAM_LENGTH <= probe.length; offset++) {
      const hits = this.lookup(gramHash(probe, offset));
      if (hits.length > GRAM_MAX_HITS) continue;
      for (const at of hits) starts.push(at - offset + quote.prefix.length);
    }
    starts.sort((a, b) => a - b);

    const clusters: StartCluster[] = [];
    for (const start of starts) {
      const last = clusters[clusters.length - 1];
      if (last && start - last.last <= slack) {
        last.last = start;
        last.votes++;
      } else {
        clusters.push({ first: start, last: start, votes: 1 });
      }
    }
    clusters.sort((a, b) => b.votes - a.votes);
    // A region sharing one gram with the quote is noise next to one sharing twenty.
    const enough = Math.ceil((clusters[0]?.votes ?? 0) / 4);
    return clusters.filter((cluster) => cluster.votes >= enough).slice(0, MAX_CLUSTERS);
  }

  private lookup(hash: number): number[] {
    const positions: number[] = [];
    for (let sample = this.heads[hash & this.mask] ?? -1; sample !== -1; sample = this.next[sample] ?? -1) {
      if (this.hashes[sample] === hash) positions.push(sample * GRAM_STEP);
      if (positions.length > GRAM_MAX_HITS) break;
    }
    return positions;
  }
}

/** FNV-1a over GRAM_LENGTH UTF-16 units starting at `at`. */
function gramHash(text: string, at: number): number {
  let hash = 0x811c9dc5;
  for (let i = at; i < at + GRAM_LENGTH; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return hash | 0;
}
