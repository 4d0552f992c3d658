/**
 * Is this text about the pack's topic? A weighted sum of signal phrases (negative weights point
 * away: "special counsel", "drunk driving"), plus a weight per distinct entity mentioned and per
 * co-occurring entity group, scaled down for long articles so a passing paragraph in a long
 * piece does not light it up. The pack sets the weights and thresholds; nothing topical is here.
 */
import type { PackIndex } from './pack-index';
import { findMentions, type Mention } from './mentions';
import { caseAgrees, compiledGate, compiledIndex, forEachHit } from './phrase-matcher';

export interface CoverageResult {
  covered: boolean;
  score: number;
  signals: Array<{ text: string; weight: number; count: number }>;
  entities: string[];
}

export function coverageOf(text: string, index: PackIndex): CoverageResult {
  if (!passesGate(text, index)) return notWeighed();
  return coverageFromMentions(text, index, findMentions(text, index));
}

/** What a text that failed the gate reports: nothing was weighed. */
export function notWeighed(): CoverageResult {
  return { covered: false, score: 0, signals: [], entities: [] };
}

/**
 * Whether the text contains one of the pack's gate stems (always true without a gate). One native
 * search of a few literals: what an unrelated page pays instead of the phrase passes.
 */
export function passesGate(text: string, index: PackIndex): boolean {
  const gate = compiledGate(index);
  return gate === null || gate.pattern.test(text);
}

/** `coverageOf` for a caller that already has the text's mentions (the scanner reuses them). */
export function coverageFromMentions(text: string, index: PackIndex, mentions: readonly Mention[]): CoverageResult {
  const { counts, positiveSpans } = signalHits(text, index);
  const signals: CoverageResult['signals'] = [];
  let raw = 0;
  let distinct = 0;
  counts.forEach((count, i) => {
    if (count === 0) return;
    const [phrase, weight] = index.signals[i]!;
    signals.push({ text: phrase, weight, count });
    raw += weight * repeated(count);
    if (weight > 0) distinct++;
  });

  const entities = [...new Set(mentions.map((m) => m.entityId))];
  // A name that is also a signal phrase ("zero tolerance") is one piece of evidence, not two: an
  // entity adds its weight only if it is mentioned somewhere no positive signal already covers.
  const independent = new Set(mentions.filter((m) => !overlapsAny(m, positiveSpans)).map((m) => m.entityId));
  raw += index.entityWeight * independent.size;
  distinct += independent.size;
  const present = new Set(entities);
  for (const [group, weight] of index.cooccurrence) {
    if (group.every((e) => present.has(index.entities[e]!))) raw += weight;
  }

  const score = round2(raw / lengthScale(text, index.referenceWords));
  return { covered: score >= index.threshold && distinct >= index.minDistinct, score, signals, entities };
}

/** Occurrences per signal phrase (parallel to index.signals) and the spans of positive ones, in order. */
function signalHits(text: string, index: PackIndex): { counts: number[]; positiveSpans: Array<[number, number]> } {
  const compiled = compiledIndex(index);
  const counts = new Array<number>(index.signals.length).fill(0);
  const positiveSpans: Array<[number, number]> = [];
  forEachHit(text, compiled.signalPattern, (hit) => {
    for (const i of compiled.signalsByKey.get(hit.folded) ?? []) {
      const [, weight, ci] = index.signals[i]!;
      if (!caseAgrees(hit, compiled.signalExact[i]!, ci)) continue;
      counts[i]!++;
      if (weight > 0) positiveSpans.push([hit.start, hit.end]);
    }
  });
  return { counts, positiveSpans };
}

/** Whether a mention overlaps one of the sorted, non-overlapping spans (binary search). */
function overlapsAny(m: Mention, spans: ReadonlyArray<[number, number]>): boolean {
  let lo = 0;
  let hi = spans.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const [start, end] = spans[mid]!;
    if (end <= m.start) lo = mid + 1;
    else if (start >= m.end) hi = mid - 1;
    else return true;
  }
  return false;
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

/** 1 up to the reference length; beyond it sqrt(words / reference). */
function lengthScale(text: string, referenceWords: number): number {
  // About six characters per English word including the space; exact counts are not needed.
  const words = text.length / 6;
  return Math.max(1, Math.sqrt(words / referenceWords));
}

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}
