/**
 * How well the text the scanner reads matches a page's real article, in word trigrams:
 * recall = share of the article's distinct trigrams found in the read text; precision = share of
 * the read text's distinct trigrams that are the article's. Trigrams, not words, so a rail that
 * repeats the article's vocabulary in other sentences still counts against precision.
 */

/** A word: a run of letters or digits, or one character of a script written without spaces. */
const WORD = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]|(?:(?![\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}])[\p{L}\p{M}\p{N}])+/gu;

export function trigrams(text: string): Set<string> {
  const words = text.toLowerCase().match(WORD) ?? [];
  const out = new Set<string>();
  for (let i = 0; i + 2 < words.length; i++) out.add(`${words[i]} ${words[i + 1]} ${words[i + 2]}`);
  return out;
}

export interface RegionScore {
  recall: number;
  precision: number;
}

export function regionScore(expected: string, read: string): RegionScore {
  const want = trigrams(expected);
  const got = trigrams(read);
  let shared = 0;
  for (const t of got) if (want.has(t)) shared++;
  return {
    recall: want.size === 0 ? 1 : shared / want.size,
    precision: got.size === 0 ? (want.size === 0 ? 1 : 0) : shared / got.size,
  };
}

/** Pages whose recall is below this are listed and counted on the summary line. */
export const LOW_RECALL = 0.9;

export function regionSummary(scores: readonly RegionScore[]): string {
  const mean = (pick: (s: RegionScore) => number) => (scores.length === 0 ? 0 : scores.reduce((a, s) => a + pick(s), 0) / scores.length);
  const below = scores.filter((s) => s.recall < LOW_RECALL).length;
  return `region: pages=${scores.length} recall=${mean((s) => s.recall).toFixed(2)} precision=${mean((s) => s.precision).toFixed(2)} below_0.9=${below}`;
}
