/**
 * Phrases (name forms, blockers, signal phrases) → one regular-expression source, built once at
 * compile time, plus the key normalisation that maps whatever the page printed back to a phrase.
 *
 * Why one regex: the browser's regex engine scans text in native code, so the idle path (a page
 * that is not about the topic) pays one native pass instead of a JavaScript loop per character.
 * The phrases are merged into a trie so that alternatives sharing a prefix are tried once, and
 * greedy optional tails make the longest phrase at a position win.
 *
 * Typography the page may use instead of what the pack wrote:
 * - a space or hyphen between words matches any run of whitespace (incl. NBSP and the text
 *   model's '\n' separator), ASCII hyphens, U+2010 hyphen and U+2011 non-breaking hyphen;
 * - an apostrophe matches ' ’ ‘ and a double quote matches " “ ”.
 */

/** Characters that may stand between two words of a phrase. */
export const GAP_CLASS = '[\\s\\u2010\\u2011-]+';
const APOSTROPHE_CLASS = "['\\u2018\\u2019]";
const DOUBLE_QUOTE_CLASS = '["\\u201c\\u201d]';

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

export interface PatternPhrase {
  text: string;
  caseInsensitive: boolean;
}

const ASCII_WORD_CHAR = /[A-Za-z0-9_]/;

/**
 * Builds a regex source (use with the 'g' flag, no 'i') that finds every phrase. Phrases that
 * begin or end with a word character are anchored with \b there; \b only knows ASCII, so the
 * caller re-checks non-ASCII neighbours (see `hasWordBoundaries`).
 */
export function buildPhrasePattern(phrases: readonly PatternPhrase[]): string {
  const wordStart = new TrieNode();
  const otherStart = new TrieNode();
  for (const phrase of phrases) {
    const units = phraseUnits(phrase);
    if (units.length === 0) continue;
    const first = phrase.text.trim()[0] ?? '';
    const last = phrase.text.trim().slice(-1);
    (ASCII_WORD_CHAR.test(first) ? wordStart : otherStart).insert(units, ASCII_WORD_CHAR.test(last));
  }
  const branches: string[] = [];
  if (wordStart.children.size > 0) branches.push(`\\b${wordStart.emit()}`);
  if (otherStart.children.size > 0) branches.push(otherStart.emit());
  // A pattern that can never match keeps callers free of special cases for empty packs.
  return branches.length > 0 ? branches.join('|') : '(?!)';
}

/** Splits a phrase into regex units: one per character, one per gap. */
function phraseUnits({ text, caseInsensitive }: PatternPhrase): string[] {
  const units: string[] = [];
  const words = text.trim().split(GAP_RUN);
  words.forEach((word, i) => {
    if (i > 0) units.push(GAP_CLASS);
    for (const ch of word) units.push(charUnit(ch, caseInsensitive));
  });
  return units;
}

function charUnit(ch: string, caseInsensitive: boolean): string {
  if (ch === "'" || ch === '\u2019' || ch === '\u2018') return APOSTROPHE_CLASS;
  if (ch === '"' || ch === '\u201c' || ch === '\u201d') return DOUBLE_QUOTE_CLASS;
  if (caseInsensitive) {
    const lower = ch.toLowerCase();
    const upper = ch.toUpperCase();
    if (lower !== upper && lower.length === 1 && upper.length === 1) return `[${lower}${upper}]`;
  }
  return escapeRegexChar(ch);
}

function escapeRegexChar(ch: string): string {
  if (/[.*+?^${}()|[\]\\/]/.test(ch)) return `\\${ch}`;
  const code = ch.codePointAt(0) ?? 0;
  // Keep the pattern ASCII so it survives any serialisation of the index.
  if (code > 0x7e) return code > 0xffff ? ch : `\\u${code.toString(16).padStart(4, '0')}`;
  return ch;
}

class TrieNode {
  readonly children = new Map<string, TrieNode>();
  /** null: no phrase ends here; otherwise whether the ending phrase needs a \b after it. */
  end: null | { boundary: boolean } = null;

  insert(units: readonly string[], boundaryAfter: boolean): void {
    let node: TrieNode = this;
    for (const unit of units) {
      let child = node.children.get(unit);
      if (!child) {
        child = new TrieNode();
        node.children.set(unit, child);
      }
      node = child;
    }
    // If two phrases end at the same node, one with \b and one without, the looser one wins.
    node.end = { boundary: (node.end?.boundary ?? true) && boundaryAfter };
  }

  emit(): string {
    const alternatives = [...this.children].map(([unit, child]) => unit + child.emit());
    // Longer continuations come first so the longest phrase wins; the end comes last.
    if (this.end) alternatives.push(this.end.boundary ? '\\b' : '');
    if (alternatives.length === 0) return '';
    if (alternatives.length === 1) return alternatives[0]!;
    return `(?:${alternatives.join('|')})`;
  }
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
