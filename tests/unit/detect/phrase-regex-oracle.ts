/**
 * The matcher phrase-trie.ts replaced, kept as the reference its results must equal: the phrases as
 * one trie-shaped regex, run natively, leftmost hit first (then the first alternative in trie
 * order), a glued hit retried one character later.
 */
import { exactKey, GAP_CLASS, hasWordBoundaries } from '../../../src/detect/phrase-pattern';
import type { PatternPhrase } from '../../../src/detect/phrase-trie';
import type { PhraseHit } from '../../../src/detect/phrase-matcher';

const APOSTROPHE_CLASS = "['\\u2018\\u2019]";
const DOUBLE_QUOTE_CLASS = '["\\u201c\\u201d]';
const GAP_RUN = /[\s\u2010\u2011-]+/g;

/** Every hit of the phrases in `text`, as the old regex matcher found them. */
export function regexHits(text: string, phrases: readonly PatternPhrase[]): PhraseHit[] {
  const pattern = new RegExp(buildPhrasePattern(phrases), 'g');
  const hits: PhraseHit[] = [];
  let match: RegExpExecArray | null;
  while ((match = pattern.exec(text)) !== null) {
    const start = match.index;
    const end = start + match[0].length;
    if (end === start || !hasWordBoundaries(text, start, end)) {
      pattern.lastIndex = start + 1;
      continue;
    }
    const exact = exactKey(match[0]);
    hits.push({ start, end, text: match[0], exact, folded: exact.toLowerCase() });
  }
  return hits;
}

const ASCII_WORD_CHAR = /[A-Za-z0-9_]/;

/**
 * Builds a regex source (use with the 'g' flag, no 'i') that finds every phrase. Phrases that
 * begin or end with a word character are anchored with \b there; \b only knows ASCII, so the
 * caller re-checks non-ASCII neighbours (see `hasWordBoundaries`).
 */
function buildPhrasePattern(phrases: readonly PatternPhrase[]): string {
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

