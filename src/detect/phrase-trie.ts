/**
 * Phrases (name forms, blockers, signal phrases) → a trie, built once at compile time, that
 * `phrase-matcher.ts` walks at the few places a phrase can start, plus a small regex source that
 * finds those places.
 *
 * Why not one regex of every phrase: V8 compiles a regex on every page (the content script starts
 * cold), and compiling the whole trie as one alternation cost more than the rest of the scan. The
 * regex kept here holds only the phrases' first few characters, so it compiles in a fraction of
 * the time; the trie walk then runs only where one of them occurs.
 *
 * Matching rules (pinned by tests): at a position, edges are tried in the order the phrases were
 * given and an edge's phrases before a phrase ending at the node, so the first phrase (in that
 * order) that can match wins, and a longer phrase beats its own prefix ("Donald Trump Jr." over
 * "Donald Trump"). Typography the page may use instead of what the pack wrote:
 * - a space or hyphen between words matches any run of whitespace (incl. NBSP and the text
 *   model's '\n' separator), ASCII hyphens, U+2010 hyphen and U+2011 non-breaking hyphen;
 * - an apostrophe matches ' ’ ‘ and a double quote matches " “ ”.
 * A phrase that begins (ends) with an ASCII letter, digit or '_' must not be glued to another
 * there (regex \b); `hasWordBoundaries` re-checks non-ASCII neighbours.
 */
import { GAP_CLASS } from './phrase-pattern';

/** One node: how a phrase may end here (`END_*`), then its edges in the order they are tried. */
export type TrieNode = [end: TrieEnd, ...edges: TrieEdge[]];

/** No phrase ends here / one does / one does and must be followed by a word boundary. */
export type TrieEnd = 0 | 1 | 2;
export const END_NONE = 0;
export const END_FREE = 1;
export const END_BOUNDARY = 2;

/**
 * An edge and the node it leads to:
 * - [EDGE_GAP, node]: one or more gap characters (space, hyphen and their variants);
 * - [EDGE_ONE_OF, chars, node]: one character among `chars` (the quote variants);
 * - [EDGE_TEXT, text, node]: exactly `text`;
 * - [EDGE_EITHER_CASE, lower, upper, node]: per character, lower[i] or upper[i].
 */
export type TrieEdge =
  | [kind: typeof EDGE_GAP, node: TrieNode]
  | [kind: typeof EDGE_ONE_OF, chars: string, node: TrieNode]
  | [kind: typeof EDGE_TEXT, text: string, node: TrieNode]
  | [kind: typeof EDGE_EITHER_CASE, lower: string, upper: string, node: TrieNode];
export const EDGE_GAP = 0;
export const EDGE_ONE_OF = 1;
export const EDGE_TEXT = 2;
export const EDGE_EITHER_CASE = 3;

/** What the index stores per phrase list. */
export interface CompiledPhrases {
  /** Phrases beginning with an ASCII word character: tried only where a word begins (\b). */
  wordStart: TrieNode;
  /** The others ("§ 1325", a quote), tried after those. */
  otherStart: TrieNode;
  /** Regex source (flags 'g') matching wherever a phrase may start: its first `STARTS_UNITS` units. */
  starts: string;
}

export interface PatternPhrase {
  text: string;
  caseInsensitive: boolean;
}

/**
 * How many units (characters or gaps) of a phrase the start regex holds. Fewer make a smaller
 * regex, cheaper to compile on a short page, but more false starts on a long one, each costing a
 * walk in JavaScript; five keeps the regex small for a pack of a few hundred names.
 */
const STARTS_UNITS = 5;

const GAP_RUN = /[\s\u2010\u2011-]+/g;
const ASCII_WORD_CHAR = /[A-Za-z0-9_]/;
const APOSTROPHES = "'\u2018\u2019";
const DOUBLE_QUOTES = '"\u201c\u201d';

/** A unit of a phrase: one character (in one case or either), a quote variant, or a gap. */
type Unit =
  | { kind: 'gap' }
  | { kind: 'oneOf'; chars: string }
  | { kind: 'char'; lower: string; upper: string };

export function compilePhrases(phrases: readonly PatternPhrase[]): CompiledPhrases {
  const wordStart = new BuildNode();
  const otherStart = new BuildNode();
  for (const phrase of phrases) {
    const text = phrase.text.trim();
    const units = phraseUnits(text, phrase.caseInsensitive);
    if (units.length === 0) continue;
    (ASCII_WORD_CHAR.test(text[0]!) ? wordStart : otherStart).insert(units, ASCII_WORD_CHAR.test(text.slice(-1)));
  }
  return { wordStart: wordStart.serialise(), otherStart: otherStart.serialise(), starts: startsSource(wordStart, otherStart) };
}

/** Splits a phrase into units: one per character, one per gap. */
function phraseUnits(text: string, caseInsensitive: boolean): Unit[] {
  const units: Unit[] = [];
  text.split(GAP_RUN).forEach((word, i) => {
    if (i > 0) units.push({ kind: 'gap' });
    for (const ch of word) units.push(charUnit(ch, caseInsensitive));
  });
  return units;
}

function charUnit(ch: string, caseInsensitive: boolean): Unit {
  if (APOSTROPHES.includes(ch)) return { kind: 'oneOf', chars: APOSTROPHES };
  if (DOUBLE_QUOTES.includes(ch)) return { kind: 'oneOf', chars: DOUBLE_QUOTES };
  if (caseInsensitive) {
    const lower = ch.toLowerCase();
    const upper = ch.toUpperCase();
    // Only a one-to-one case pair can be matched a character at a time ("ß" → "SS" cannot).
    if (lower !== upper && lower.length === 1 && upper.length === 1) return { kind: 'char', lower, upper };
  }
  return { kind: 'char', lower: ch, upper: ch };
}

/** Identity of a unit within a node's children: two phrases share a child only for equal units. */
function unitKey(unit: Unit): string {
  if (unit.kind === 'gap') return ' ';
  if (unit.kind === 'oneOf') return unit.chars;
  return unit.lower + unit.upper;
}

class BuildNode {
  readonly children = new Map<string, { unit: Unit; node: BuildNode }>();
  /** null: no phrase ends here; otherwise whether the ending phrase needs a \b after it. */
  end: null | { boundary: boolean } = null;

  insert(units: readonly Unit[], boundaryAfter: boolean): void {
    let node: BuildNode = this;
    for (const unit of units) {
      const key = unitKey(unit);
      let child = node.children.get(key);
      if (!child) node.children.set(key, (child = { unit, node: new BuildNode() }));
      node = child.node;
    }
    // If two phrases end at the same node, one with \b and one without, the looser one wins.
    node.end = { boundary: (node.end?.boundary ?? true) && boundaryAfter };
  }

  /** The compact JSON form: chains of single characters become one edge (a radix trie). */
  serialise(): TrieNode {
    const node: TrieNode = [this.end === null ? END_NONE : this.end.boundary ? END_BOUNDARY : END_FREE];
    for (const { unit, node: child } of this.children.values()) node.push(edgeFrom(unit, child));
    return node;
  }
}

function edgeFrom(unit: Unit, child: BuildNode): TrieEdge {
  if (unit.kind === 'gap') return [EDGE_GAP, child.serialise()];
  if (unit.kind === 'oneOf') return [EDGE_ONE_OF, unit.chars, child.serialise()];
  let lower = unit.lower;
  let upper = unit.upper;
  let node = child;
  // Follow the chain while it is one character after another, with no phrase ending or branching.
  for (;;) {
    if (node.end !== null || node.children.size !== 1) break;
    const next = node.children.values().next().value!;
    if (next.unit.kind !== 'char') break;
    lower += next.unit.lower;
    upper += next.unit.upper;
    node = next.node;
  }
  return lower === upper ? [EDGE_TEXT, lower, node.serialise()] : [EDGE_EITHER_CASE, lower, upper, node.serialise()];
}

/**
 * The start regex: every phrase's first STARTS_UNITS units (all of a shorter phrase) as a
 * trie-shaped alternation, with \b before those that begin with a word character. A position it
 * does not match cannot begin any phrase.
 */
function startsSource(wordStart: BuildNode, otherStart: BuildNode): string {
  const branches: string[] = [];
  if (wordStart.children.size > 0) branches.push(`\\b${prefixSource(wordStart, STARTS_UNITS)}`);
  if (otherStart.children.size > 0) branches.push(prefixSource(otherStart, STARTS_UNITS));
  // A pattern that can never match keeps callers free of special cases for empty packs.
  return branches.length > 0 ? branches.join('|') : '(?!)';
}

/** The alternation of the next `units` units below `node`. */
function prefixSource(node: BuildNode, units: number): string {
  // A prefix that is deep enough, or a whole phrase, matches on its own: the walk decides the rest.
  if (units === 0 || node.end !== null) return '';
  const alternatives: string[] = [];
  for (const { unit, node: child } of node.children.values()) {
    alternatives.push(unitSource(unit) + prefixSource(child, units - 1));
  }
  return group(alternatives);
}

function group(alternatives: string[]): string {
  return alternatives.length === 1 ? alternatives[0]! : `(?:${alternatives.join('|')})`;
}

function unitSource(unit: Unit): string {
  if (unit.kind === 'gap') return GAP_CLASS;
  if (unit.kind === 'oneOf') return `[${[...unit.chars].map(escapeRegexChar).join('')}]`;
  if (unit.lower === unit.upper) return escapeRegexChar(unit.lower);
  return `[${escapeRegexChar(unit.lower)}${escapeRegexChar(unit.upper)}]`;
}

function escapeRegexChar(ch: string): string {
  if (/[.*+?^${}()|[\]\\/-]/.test(ch)) return `\\${ch}`;
  const code = ch.codePointAt(0) ?? 0;
  // Keep the pattern ASCII so it survives any serialisation of the index.
  if (code > 0x7e) return code > 0xffff ? ch : `\\u${code.toString(16).padStart(4, '0')}`;
  return ch;
}
