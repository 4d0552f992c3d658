/**
 * The phrases' trie-shaped regex (phrase-trie.ts, run by phrase-matcher.ts) must find exactly what
 * the plain alternation of the phrases (the oracle) finds: the same hits at the same offsets, over real pages and over text made to
 * probe the edges (case, gaps, quotes, glued letters, prefixes of phrases).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compilePackIndex, indexPhrases } from '../../../src/detect/pack-index';
import { nextHit, phraseMatcher, type PhraseHit } from '../../../src/detect/phrase-matcher';
import { compilePhrases, type PatternPhrase } from '../../../src/detect/phrase-trie';
import { zeroTolerancePack } from '../../../src/pack/packs/zero-tolerance';
import { regexHits } from './phrase-regex-oracle';

const index = compilePackIndex(zeroTolerancePack);
const { names: namePhrases, signals: signalPhrases } = indexPhrases(index);
const nameMatcher = phraseMatcher(index.namePhrases);
const signalMatcher = phraseMatcher(index.signalPhrases);

function trieHits(text: string, matcher = phraseMatcher(compilePhrases([]))): PhraseHit[] {
  // As the scanner walks them: each hit goes on from the previous one's end.
  const hits: PhraseHit[] = [];
  const hit: PhraseHit = { start: 0, end: 0, text: '', exact: '', folded: '' };
  for (let from = 0; nextHit(text, matcher, from, hit); from = hit.end) hits.push({ ...hit });
  return hits;
}

const hitsOf = (text: string, phrases: PatternPhrase[]) => trieHits(text, phraseMatcher(compilePhrases(phrases)));
const texts = (text: string, phrases: PatternPhrase[]) => hitsOf(text, phrases).map((h) => h.text);

function expectSameHits(text: string, label: string): void {
  expect(trieHits(text, nameMatcher), `names in ${label}`).toEqual(regexHits(text, namePhrases));
  expect(trieHits(text, signalMatcher), `signals in ${label}`).toEqual(regexHits(text, signalPhrases));
}

const FIXTURES = resolve(import.meta.dirname, '../../fixtures/pages');
const CORPUS = resolve(import.meta.dirname, '../../../../shared/corpus/pages');

function htmlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? htmlFiles(join(dir, entry.name)) : entry.name.endsWith('.html') ? [join(dir, entry.name)] : [],
  );
}

/** A deterministic generator (mulberry32), so a failure can be replayed. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Phrases of the pack, mangled the ways a page (or a near miss) may print them. */
function probeText(next: () => number, phrases: PatternPhrase[], pieces: number): string {
  const pick = <T,>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
  const gaps = [' ', '  ', '\u00a0', '-', '\u2010', '\u2011', '\n', ' - ', '\t'];
  const glue = ['', '', '', ' ', 'x', 'é', '1', '_', "'s", '’', '.', ',', '\u0301', 'Jr.', ' the '];
  const out: string[] = [];
  for (let i = 0; i < pieces; i++) {
    let phrase = pick(phrases).text;
    const r = next();
    if (r < 0.2) phrase = phrase.toUpperCase();
    else if (r < 0.4) phrase = phrase.toLowerCase();
    else if (r < 0.5) phrase = phrase.replace(/\b\w/g, (c) => c.toUpperCase());
    if (next() < 0.3) phrase = phrase.slice(0, Math.max(1, Math.floor(next() * phrase.length)));
    phrase = phrase.replace(/ /g, () => pick(gaps)).replace(/'/g, () => pick(["'", '’', '‘', '"']));
    out.push(pick(glue), phrase, pick(glue));
  }
  return out.join('');
}

describe('the phrase trie matches exactly as the single regex did', () => {
  it('on every labelled fixture page (raw HTML: text, markup and entities)', () => {
    const files = htmlFiles(FIXTURES);
    expect(files.length).toBeGreaterThan(50);
    for (const file of files) expectSameHits(readFileSync(file, 'utf8'), file);
  });

  it.skipIf(!existsSync(CORPUS))('on the shared corpus of real pages', () => {
    for (const file of htmlFiles(CORPUS)) expectSameHits(readFileSync(file, 'utf8'), file);
  });

  it('on text made of mangled, truncated and glued phrases of the pack', () => {
    const next = random(20181);
    const all = [...namePhrases, ...signalPhrases];
    for (let round = 0; round < 300; round++) expectSameHits(probeText(next, all, 12), `probe round ${round}`);
  });
});

describe('phrase matching rules', () => {
  const phrase = (text: string, caseInsensitive = false): PatternPhrase => ({ text, caseInsensitive });

  it('finds a name inside a longer title it is not a form of', () => {
    expect(texts('attorney general Jeff Sessions said', [phrase('Jeff Sessions'), phrase('Attorney General Jeff Sessions')])).toEqual(['Jeff Sessions']);
  });

  it('prefers a longer phrase to its own prefix, and falls back to the prefix', () => {
    const phrases = [phrase('Donald Trump'), phrase('Donald Trump Jr.')];
    expect(texts('Donald Trump Jr. and Donald Trump Junior', phrases)).toEqual(['Donald Trump Jr.', 'Donald Trump']);
  });

  it('tries phrases in the order given where two could match at one place', () => {
    // Either phrase matches "Border patrol" alone; the first given is tried first.
    expect(texts('Border patrol agents', [phrase('border patrol', true), phrase('Border patrol agents')])).toEqual(['Border patrol']);
    expect(texts('Border patrol agents', [phrase('Border patrol agents'), phrase('border patrol', true)])).toEqual(['Border patrol agents']);
  });

  it('keeps that order where a phrase with another first word made the branch first', () => {
    // "reunited" (either case) makes the trie's either-case branch before the exact "R" branch of
    // "Reunification of Families", so "reunification" is tried first although it is given later.
    const phrases = [phrase('reunited families', true), phrase('Reunification of Families'), phrase('reunification', true)];
    expect(texts('Reunification of Families', phrases)).toEqual(['Reunification']);
    expect(texts('Reunification of Families', phrases.slice(1))).toEqual(['Reunification of Families']);
  });

  it('goes on right after a first word that led to no phrase', () => {
    expect(texts('Ms.L. Ms. L.', [phrase('Ms. L.'), phrase('L.')])).toEqual(['L.', 'Ms. L.']);
  });

  it('matches any run of gap characters between words, and quote variants', () => {
    const phrases = [phrase('zero tolerance', true), phrase("Ms. L's case")];
    expect(texts('Zero \u00a0-\u2011tolerance; Ms.\nL’s case', phrases)).toEqual(['Zero \u00a0-\u2011tolerance', 'Ms.\nL’s case']);
  });

  it('needs a word boundary where a phrase begins or ends with a word character', () => {
    const phrases = [phrase('Sessions'), phrase('§ 1325')];
    expect(texts('Sessionsx xSessions Sessions_ §\u00a01325 §13250 a§ 1325', phrases)).toEqual(['§\u00a01325', '§ 1325']);
  });
});
