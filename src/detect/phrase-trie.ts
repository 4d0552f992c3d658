/**
 * Phrases (name forms, blockers, signal phrases) → regexes, built once at compile time, that
 * `phrase-matcher.ts` runs over the text. The phrases are put in a trie and the trie is written out
 * as a regex (a radix trie: shared prefixes once, alternatives in phrase order), in two tiers:
 * - one small regex of the phrases' first words finds where a hit may start;
 * - per group of phrases whose first words can match at one place (a first word and the words it is
 *   a prefix of, in any case), the group's own trie as a regex, run at that place only.
 *
 * Why two tiers: V8 compiles a regex on its first run over a long text, on the page's main thread,
 * and one regex of every name is big enough that its compile outweighs the rest of a small
 * article's scan (docs/performance.md). The first words' regex is far smaller, and a group's regex
 * is compiled only when one of its first words is on the page. At any place at most one group can
 * match (two first words that both match there are in one group), so a hit is the one a single
 * regex of every phrase would find.
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
import { foldedKey, GAP_CLASS } from './phrase-pattern';

/** One node: how a phrase may end here (`END_*`), then its edges in the order they are tried. */
type TrieNode = [end: TrieEnd, ...edges: TrieEdge[]];

/** No phrase ends here / one does / one does and must be followed by a word boundary. */
type TrieEnd = 0 | 1 | 2;
const END_NONE = 0;
const END_FREE = 1;
const END_BOUNDARY = 2;

/**
 * An edge and the node it leads to:
 * - [EDGE_GAP, node]: one or more gap characters (space, hyphen and their variants);
 * - [EDGE_ONE_OF, chars, node]: one character among `chars` (the quote variants);
 * - [EDGE_TEXT, text, node]: exactly `text`;
 * - [EDGE_EITHER_CASE, lower, upper, node]: per character, lower[i] or upper[i].
 */
type TrieEdge =
  | [kind: typeof EDGE_GAP, node: TrieNode]
  | [kind: typeof EDGE_ONE_OF, chars: string, node: TrieNode]
  | [kind: typeof EDGE_TEXT, text: string, node: TrieNode]
  | [kind: typeof EDGE_EITHER_CASE, lower: string, upper: string, node: TrieNode];
const EDGE_GAP = 0;
const EDGE_ONE_OF = 1;
const EDGE_TEXT = 2;
const EDGE_EITHER_CASE = 3;

/** What the index stores per phrase list. */
export interface CompiledPhrases {
  /** Regex source (flags 'g') of every phrase's first word: where a hit may start. */
  starts: string;
  /** Per group of phrases, the group's trie as a regex source (flags 'y', run where a hit may start). */
  groups: string[];
  /** A first word, folded (`foldedKey`), → its group. */
  firstWords: Array<[key: string, group: number]>;
}

export interface PatternPhrase {
  text: string;
  caseInsensitive: boolean;
}

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
  const kept = phrases.map((p) => ({ text: p.text.trim(), caseInsensitive: p.caseInsensitive })).filter((p) => phraseUnits(p.text, p.caseInsensitive).length > 0);
  const firstWords = kept.map((p) => p.text.split(GAP_RUN)[0]!);
  const keys = firstWords.map(foldedKey);
  const groupOf = firstWordGroups(keys);
  // Each group in the order a walk of the whole trie meets its phrases: where two phrases part,
  // the branch tried first may have been made by an earlier phrase of another group.
  const order: number[] = [];
  const tries = phraseTries(kept, true);
  tries.wordStart.walk(order);
  tries.otherStart.walk(order);
  const groups: PatternPhrase[][] = [];
  for (const i of order) (groups[groupOf[i]!] ??= []).push(kept[i]!);
  // The first words as phrases of their own that may end anywhere: any match is a place to look.
  const starts = kept.map((p, i) => ({ text: firstWords[i]!, caseInsensitive: p.caseInsensitive }));
  return {
    starts: wholePattern(starts, false),
    groups: groups.map((list) => wholePattern(list)),
    firstWords: [...new Map(keys.map((key, i) => [key, groupOf[i]!]))],
  };
}

/**
 * Every phrase as one trie-shaped regex source (flags 'g'). `boundaries` false: no phrase needs
 * a word boundary after it (the first-words regex, whose matches go on into the phrase).
 */
export function wholePattern(phrases: readonly PatternPhrase[], boundaries = true): string {
  const { wordStart, otherStart } = phraseTries(phrases, boundaries);
  return patternSource(wordStart.serialise(), otherStart.serialise());
}

/** The phrases' two tries (`\b` before the first), each ending node knowing its phrases' positions. */
function phraseTries(phrases: readonly PatternPhrase[], boundaries: boolean): { wordStart: BuildNode; otherStart: BuildNode } {
  const wordStart = new BuildNode();
  const otherStart = new BuildNode();
  phrases.forEach((phrase, i) => {
    const text = phrase.text.trim();
    const units = phraseUnits(text, phrase.caseInsensitive);
    if (units.length === 0) return;
    (ASCII_WORD_CHAR.test(text[0]!) ? wordStart : otherStart).insert(units, boundaries && ASCII_WORD_CHAR.test(text.slice(-1)), i);
  });
  return { wordStart, otherStart };
}

/**
 * Group numbers for first words (folded), in order of first appearance: two words share a group
 * when one is a prefix of the other, directly or through others, since both can then match at
 * the same place and the phrases' order decides between them.
 */
function firstWordGroups(words: readonly string[]): number[] {
  const parent = words.map((_, i) => i);
  const root = (i: number): number => (parent[i] === i ? i : (parent[i] = root(parent[i]!)));
  for (let i = 0; i < words.length; i++) {
    for (let j = 0; j < i; j++) {
      if (words[i]!.startsWith(words[j]!) || words[j]!.startsWith(words[i]!)) parent[root(i)] = root(j);
    }
  }
  const numbers = new Map<number, number>();
  return words.map((_, i) => {
    const r = root(i);
    if (!numbers.has(r)) numbers.set(r, numbers.size);
    return numbers.get(r)!;
  });
}

/** The tries as one regex: `\b` before the word-start trie, then the other. */
function patternSource(wordStart: TrieNode, otherStart: TrieNode): string {
  const branches: string[] = [];
  if (wordStart.length > 1) branches.push(`\\b${nodeSource(wordStart)}`);
  if (otherStart.length > 1) branches.push(nodeSource(otherStart));
  return branches.length > 0 ? branches.join('|') : '(?!)';
}

/** A node's edges in order, then its ending (free, or at a word boundary): the walk's order. */
function nodeSource(node: TrieNode): string {
  const alternatives: string[] = [];
  for (let i = 1; i < node.length; i++) alternatives.push(edgeSource(node[i] as TrieEdge));
  if (node[0] === END_FREE) alternatives.push('');
  else if (node[0] === END_BOUNDARY) alternatives.push('\\b');
  return alternatives.length === 0 ? '(?!)' : group(alternatives);
}

function edgeSource(edge: TrieEdge): string {
  switch (edge[0]) {
    case EDGE_GAP:
      // Greedy and, after it, never a gap character (words hold none): the walk's longest run.
      return GAP_CLASS + nodeSource(edge[1]);
    case EDGE_ONE_OF:
      return unitSource({ kind: 'oneOf', chars: edge[1] }) + nodeSource(edge[2]);
    case EDGE_TEXT:
      return [...edge[1]].map(escapeRegexChar).join('') + nodeSource(edge[2]);
    case EDGE_EITHER_CASE: {
      const upper = [...edge[2]];
      return [...edge[1]].map((lower, i) => unitSource({ kind: 'char', lower, upper: upper[i]! })).join('') + nodeSource(edge[3]);
    }
  }
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
  /** The positions (in the list the trie was built from) of the phrases that end here. */
  readonly ending: number[] = [];

  insert(units: readonly Unit[], boundaryAfter: boolean, position: number): void {
    let node: BuildNode = this;
    for (const unit of units) {
      const key = unitKey(unit);
      let child = node.children.get(key);
      if (!child) node.children.set(key, (child = { unit, node: new BuildNode() }));
      node = child.node;
    }
    // If two phrases end at the same node, one with \b and one without, the looser one wins.
    node.end = { boundary: (node.end?.boundary ?? true) && boundaryAfter };
    node.ending.push(position);
  }

  /** The phrases' positions, children first in the order they were made, then those ending here. */
  walk(out: number[]): void {
    for (const { node } of this.children.values()) node.walk(out);
    out.push(...this.ending);
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
