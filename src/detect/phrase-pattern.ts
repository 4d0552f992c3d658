/**
 * The typography rules phrases share (see phrase-trie.ts for how they are matched): the key
 * normalisation that maps whatever the page printed back to a phrase, and the word-boundary
 * check for non-ASCII neighbours.
 */

/** Characters that may stand between two words of a phrase (a regex class, one or more). */
export const GAP_CLASS = '[\\s\\u2010\\u2011-]+';

const GAP_RUN = /[\s\u2010\u2011-]+/g;
const APOSTROPHES = /[\u2018\u2019]/g;
const DOUBLE_QUOTES = /[\u201c\u201d]/g;

/** Anything `exactKey` would change: a gap other than one plain space, or a curly quote. */
const NEEDS_NORMALISING = /[^\S ]|  |[\u2010\u2011\u2018\u2019\u201c\u201d-]/;

/** A phrase as the page may print it, with case kept: gaps → ' ', curly quotes → straight. */
export function exactKey(text: string): string {
  // Most hits are plain words and spaces: one test instead of three replacements (hot path).
  if (!NEEDS_NORMALISING.test(text)) return text;
  return text.replace(GAP_RUN, ' ').replace(APOSTROPHES, "'").replace(DOUBLE_QUOTES, '"');
}

/** The lookup key of a phrase or a matched slice: `exactKey` lowercased. */
export function foldedKey(text: string): string {
  return exactKey(text).toLowerCase();
}

const WORD_CHAR = /[\p{L}\p{N}\p{M}_]/u;

/**
 * True when the match at [start, end) is not glued to a letter or digit on a side where the
 * phrase itself begins/ends with one. Regex \b covers ASCII; this catches "Sessionsé"-like cases.
 */
export function hasWordBoundaries(text: string, start: number, end: number): boolean {
  return !gluedAt(text, start - 1, start) && !gluedAt(text, end, end - 1);
}

function gluedAt(text: string, outside: number, inside: number): boolean {
  if (outside < 0 || outside >= text.length) return false;
  const outsideCode = text.charCodeAt(outside);
  // ASCII neighbours were already checked by \b in the pattern.
  if (outsideCode < 0x80) return false;
  // The usual non-ASCII neighbours of a name are typography, not letters: answered without
  // WORD_CHAR, whose Unicode property classes cost about a millisecond to compile on first use.
  if (NOT_WORD_CHARS.includes(text[outside]!)) return false;
  return WORD_CHAR.test(text[outside]!) && WORD_CHAR.test(text[inside]!);
}

/** NBSP, dashes, curly quotes, ellipsis, bullets, guillemets: never letters, digits or marks. */
const NOT_WORD_CHARS = '\u00a0\u2010\u2011\u2012\u2013\u2014\u2018\u2019\u201c\u201d\u2026\u2022\u00b7\u00ab\u00bb\u2009\u202f\u200b';
