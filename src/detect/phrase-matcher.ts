/**
 * Runs a PackIndex's compiled phrases over text: one native pass of a small regex finds where a
 * phrase may start, and a walk of the phrase trie from each such place finds which phrase (if
 * any) is there. Work in JavaScript is proportional to the number of possible starts, not to
 * the length of the text. (What a hit reads as is looked up in compiled-index.ts.)
 */
import { exactKey, hasWordBoundaries } from './phrase-pattern';
import { EDGE_EITHER_CASE, EDGE_GAP, EDGE_ONE_OF, EDGE_TEXT, END_BOUNDARY, END_NONE, type CompiledPhrases, type TrieEdge, type TrieNode } from './phrase-trie';

export interface PhraseHit {
  start: number;
  end: number;
  /** The page's own characters. */
  text: string;
  /** The hit with gaps and quotes normalised, case kept; compare with a case-sensitive phrase. */
  exact: string;
  /** `exact` lowercased; the lookup key. */
  folded: string;
}

/** A phrase list ready to run: the start regex and, per trie, its root edges by first character. */
export interface PhraseMatcher {
  starts: RegExp;
  wordStart: RootEdges;
  otherStart: RootEdges;
}

/** Character code → the root's edges that can begin with it, in the order they are tried. */
type RootEdges = Map<number, TrieEdge[]>;

export function phraseMatcher(phrases: CompiledPhrases): PhraseMatcher {
  return { starts: new RegExp(phrases.starts, 'g'), wordStart: rootEdges(phrases.wordStart), otherStart: rootEdges(phrases.otherStart) };
}

function rootEdges(root: TrieNode): RootEdges {
  const byChar: RootEdges = new Map();
  const add = (code: number, edge: TrieEdge) => {
    const list = byChar.get(code);
    if (list === undefined) byChar.set(code, [edge]);
    else if (list[list.length - 1] !== edge) list.push(edge);
  };
  for (let i = 1; i < root.length; i++) {
    const edge = root[i] as TrieEdge;
    // The characters the edge can begin with (a phrase never begins with a gap).
    if (edge[0] === EDGE_ONE_OF) for (let k = 0; k < edge[1].length; k++) add(edge[1].charCodeAt(k), edge);
    else if (edge[0] === EDGE_TEXT) add(edge[1].charCodeAt(0), edge);
    else if (edge[0] === EDGE_EITHER_CASE) {
      add(edge[1].charCodeAt(0), edge);
      add(edge[2].charCodeAt(0), edge);
    }
  }
  return byChar;
}

/**
 * Finds the first hit in `text` at or after `from` and writes it into `hit` (reused, so a long page
 * allocates nothing per hit here). False when there are none. Callers go on from `hit.end`; the
 * matcher keeps no state between calls, so a paused scan can share it with another.
 */
export function nextHit(text: string, matcher: PhraseMatcher, from: number, hit: PhraseHit): boolean {
  const starts = matcher.starts;
  starts.lastIndex = from;
  let match: RegExpExecArray | null;
  while ((match = starts.exec(text)) !== null) {
    const start = match.index;
    const end = phraseEndAt(text, matcher, start);
    // Not a phrase after all, or glued to a non-ASCII letter: a later start may still be one.
    if (end <= start || !hasWordBoundaries(text, start, end)) {
      starts.lastIndex = start + 1;
      continue;
    }
    const found = text.slice(start, end);
    const exact = exactKey(found);
    hit.start = start;
    hit.end = end;
    hit.text = found;
    hit.exact = exact;
    hit.folded = exact.toLowerCase();
    return true;
  }
  return false;
}

/** End of the phrase that matches at `at` (word-start phrases first, where a word begins), or -1. */
export function phraseEndAt(text: string, matcher: PhraseMatcher, at: number): number {
  const code = text.charCodeAt(at);
  if (isAsciiWordCode(code) !== (at > 0 && isAsciiWordCode(text.charCodeAt(at - 1)))) {
    const edges = matcher.wordStart.get(code);
    if (edges !== undefined) {
      const end = walkEdges(text, edges, 0, at);
      if (end >= 0) return end;
    }
  }
  const edges = matcher.otherStart.get(code);
  return edges === undefined ? -1 : walkEdges(text, edges, 0, at);
}

/** Tries edges[from…] in order from `at`, each to the end of its subtree (depth first); -1 when none matches. */
function walkEdges(text: string, edges: readonly unknown[], from: number, at: number): number {
  for (let i = from; i < edges.length; i++) {
    const edge = edges[i] as TrieEdge;
    let next: number;
    let node: TrieNode;
    switch (edge[0]) {
      case EDGE_GAP:
        next = at;
        while (next < text.length && isGapCode(text.charCodeAt(next))) next++;
        if (next === at) continue;
        node = edge[1];
        break;
      case EDGE_ONE_OF:
        if (at >= text.length || !edge[1].includes(text[at]!)) continue;
        next = at + 1;
        node = edge[2];
        break;
      case EDGE_TEXT:
        if (!text.startsWith(edge[1], at)) continue;
        next = at + edge[1].length;
        node = edge[2];
        break;
      case EDGE_EITHER_CASE: {
        const lower = edge[1];
        const upper = edge[2];
        if (at + lower.length > text.length) continue;
        let k = 0;
        for (; k < lower.length; k++) {
          const c = text.charCodeAt(at + k);
          if (c !== lower.charCodeAt(k) && c !== upper.charCodeAt(k)) break;
        }
        if (k < lower.length) continue;
        next = at + lower.length;
        node = edge[3];
        break;
      }
    }
    const end = walkEdges(text, node, 1, next);
    if (end >= 0) return end;
    // The longer phrases below failed: a phrase may end right after this edge.
    const ending = node[0];
    if (ending !== END_NONE && (ending !== END_BOUNDARY || isBoundary(text, next))) return next;
  }
  return -1;
}

function isAsciiWordCode(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57) || code === 95;
}

/** Regex \b (ASCII word characters) at `at`. */
function isBoundary(text: string, at: number): boolean {
  const before = at > 0 && isAsciiWordCode(text.charCodeAt(at - 1));
  const after = at < text.length && isAsciiWordCode(text.charCodeAt(at));
  return before !== after;
}

/** Whether a character matches GAP_CLASS ([\s\u2010\u2011-]): JavaScript whitespace, hyphens. */
export function isGapCode(code: number): boolean {
  if (code <= 32) return code === 32 || (code >= 9 && code <= 13);
  if (code < 0xa0) return code === 45;
  return (
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2010 ||
    code === 0x2011 ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000 ||
    code === 0xfeff
  );
}
