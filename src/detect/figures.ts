/**
 * Counts in an article that the pack has figures for: "2,300 children", "more than 5,500",
 * "nearly three thousand minors", or a bare "1,556" the pack knows. Each is a mention of a measure,
 * so the reader can see what that number counts and how the known count moved over time.
 *
 * A number is a figure when one of a measure's nouns follows it (up to two words between, no
 * punctuation), or when it is exactly a count the pack holds for a measure. Years, money, times,
 * percentages and small counts ("two children" in a family's story) are left alone.
 */

import { runToEnd, unslicedClock, type SliceClock, type Steps } from './slices';

export interface MeasureIndex {
  id: string;
  /** Lowercase noun phrases, longest first. */
  nouns: string[];
  minCount: number;
  /** The counts the pack's figures give for this measure. */
  counts: number[];
}

export interface FigureMention {
  start: number;
  end: number;
  measureId: string;
  count: number;
  /** The qualifier before the number, lowercase ("about", "more than"), or '' when none. */
  qualifier: string;
}

const QUALIFIER =
  '(?:(about|around|roughly|approximately|nearly|almost|more than|over|at least|fewer than|less than|up to|some|an estimated|as many as|upwards of|close to)\\s+)?';
const UNITS = 'one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen';
const TENS = 'twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety';
const SMALL_WORDS = `(?:(?:${TENS})(?:[- ](?:${UNITS}))?|${UNITS})`;
const WORD_NUMBER = `(?:${SMALL_WORDS}(?:\\s+hundred(?:\\s+(?:and\\s+)?${SMALL_WORDS})?)?(?:\\s+thousand)?|(?:a|one)\\s+thousand)`;
const DIGIT_NUMBER = '(?:\\d{1,3}(?:,\\d{3})+|\\d+)';
/** A number not inside a longer one, an amount or a time: no digit, $, £, € or decimal point just before. */
const NUMBER = new RegExp(`(?<![\\w$£€.,:/-])${QUALIFIER}(${DIGIT_NUMBER}|${WORD_NUMBER})(?![\\w%]|[.,:/-]\\d)`, 'gi');
/** The high end of a range right after a number: " to 5,000", "–5,000". */
const RANGE_END = /^\s*(?:to|–|—|-)\s*(?:\d{1,3}(?:,\d{3})+|\d+)(?![\d%])/;
const NEXT_WORD = /^[\s\u00a0]+([A-Za-z][A-Za-z'’-]*)/;

export function findFigures(text: string, measures: readonly MeasureIndex[]): FigureMention[] {
  return runToEnd(figureSteps(text, measures, unslicedClock()));
}

/** `findFigures` as resumable steps (see slices.ts), pausing between numbers: a book-length page has tens of thousands. */
export function* figureSteps(text: string, measures: readonly MeasureIndex[], clock: SliceClock): Steps<FigureMention[]> {
  if (measures.length === 0) return [];
  const found: FigureMention[] = [];
  let fewest = Infinity;
  for (const measure of measures) fewest = Math.min(fewest, measure.minCount);
  // Its own regex object: a paused pass must not share lastIndex with another.
  const numbers = new RegExp(NUMBER);
  for (let m = numbers.exec(text); m; m = numbers.exec(text)) {
    if (clock.due()) yield;
    const qualifier = (m[1] ?? '').toLowerCase();
    const numeral = m[2]!;
    const count = numberValue(numeral);
    if (count === null) continue;
    const isDigits = /^\d/.test(numeral);
    if (isDigits && looksLikeYear(numeral)) continue;
    // "4,500 to 5,000 children" is one figure: its low end, with the noun after the high end.
    const afterNumber = m.index + m[0].length;
    const range = isDigits ? RANGE_END.exec(text.slice(afterNumber, afterNumber + 20)) : null;
    const numberEnd = afterNumber + (range ? range[0].length : 0);
    if (range) numbers.lastIndex = numberEnd;
    const known = isDigits ? measures.find((ms) => ms.counts.includes(count)) : undefined;
    // Fewer than any measure counts, and no count the pack holds: no noun can make it a figure
    // (most numbers in a story: "two children", "20 years").
    if (count < fewest && !known) continue;
    const noun = nounAfter(text, numberEnd, measures, count);
    if (noun) {
      // A count the pack holds names its measure, whatever noun follows ("reunited 1,442 children").
      found.push({ start: m.index, end: noun.end, measureId: known?.id ?? noun.measureId, count, qualifier });
    } else if (known) {
      found.push({ start: m.index, end: numberEnd, measureId: known.id, count, qualifier });
    }
  }
  return found;
}

/** The measure noun that follows the number, within two words, with the end of the phrase. */
function nounAfter(text: string, from: number, measures: readonly MeasureIndex[], count: number): { measureId: string; end: number } | null {
  const patterns = nounPatterns(measures);
  let at = from;
  for (let skipped = 0; skipped <= 2; skipped++) {
    const rest = text.slice(at, at + 80).toLowerCase();
    // Most numbers are followed by no measure noun at all: one native test answers them.
    if (patterns.any.test(rest)) {
      let best: { measureId: string; end: number; length: number } | null = null;
      for (const measure of measures) {
        if (count < measure.minCount) continue;
        for (const noun of measure.nouns) {
          const m = patterns.noun.get(noun)!.exec(rest);
          if (m && (!best || m[0].length > best.length)) best = { measureId: measure.id, end: at + m[0].length, length: m[0].length };
        }
      }
      if (best) return { measureId: best.measureId, end: best.end };
    }
    const word = NEXT_WORD.exec(text.slice(at, at + 40));
    if (!word) return null;
    at += word[0].length;
  }
  return null;
}

interface NounPatterns {
  /** Whether any noun of any measure follows. */
  any: RegExp;
  /** Per noun: it follows, as the whole match. */
  noun: Map<string, RegExp>;
}

const nounPatternsOf = new WeakMap<readonly MeasureIndex[], NounPatterns>();

/** The nouns' patterns, compiled once per measure list (a page has hundreds of numbers). */
function nounPatterns(measures: readonly MeasureIndex[]): NounPatterns {
  let patterns = nounPatternsOf.get(measures);
  if (!patterns) {
    const source = (noun: string) => escape(noun).replace(/ /g, '[\\s\\u00a0]+');
    const nouns = [...new Set(measures.flatMap((m) => m.nouns))];
    patterns = {
      any: new RegExp(`^[\\s\\u00a0]+(?:${nouns.map(source).join('|')})(?![a-z])`),
      noun: new Map(nouns.map((noun) => [noun, new RegExp(`^[\\s\\u00a0]+${source(noun)}(?![a-z])`)])),
    };
    nounPatternsOf.set(measures, patterns);
  }
  return patterns;
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function looksLikeYear(numeral: string): boolean {
  return /^(?:19|20)\d{2}$/.test(numeral);
}

const WORD_VALUES: Record<string, number> = {
  a: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17,
  eighteen: 18, nineteen: 19, twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70,
  eighty: 80, ninety: 90,
};

/** "2,300" → 2300; "three thousand" → 3000; "five hundred and twelve" → 512. */
export function numberValue(numeral: string): number | null {
  if (/^\d/.test(numeral)) return Number(numeral.replace(/,/g, ''));
  let total = 0;
  let current = 0;
  for (const word of numeral.toLowerCase().split(/[\s-]+/)) {
    if (word === 'and') continue;
    if (word === 'hundred') current *= 100;
    else if (word === 'thousand') {
      total += (current || 1) * 1000;
      current = 0;
    } else if (word in WORD_VALUES) current += WORD_VALUES[word]!;
    else return null;
  }
  return total + current;
}
