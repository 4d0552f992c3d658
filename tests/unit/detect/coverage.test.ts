import { describe, expect, it } from 'vitest';
import type { CoverageResult } from '../../../src/detect/coverage';
import { compilePackIndex, type PackIndex } from '../../../src/detect/pack-index';
import { scanDocument } from '../../../src/detect/scan';
import { testIndex, testPack } from './test-pack';

/** The coverage the scanner reports for a page whose article is this one paragraph. */
function coverageOf(text: string, index: PackIndex): CoverageResult {
  const doc = document.implementation.createHTMLDocument('');
  const p = doc.body.appendChild(doc.createElement('article')).appendChild(doc.createElement('p'));
  p.textContent = text;
  return scanDocument(doc, index).coverage;
}

const filler = (words: number) => 'The council also discussed parking rules and library hours. '.repeat(Math.ceil(words / 9));

describe('coverage, as the scanner reports it', () => {
  it('lights a text with strong signals and entities', () => {
    const result = coverageOf(
      'Attorney General Jeff Sessions announced the zero tolerance policy. Family separation followed, and children were separated from their parents. Sessions defended zero tolerance.',
      testIndex,
    );
    expect(result.covered).toBe(true);
    expect(result.entities).toEqual(['jeff-sessions', 'zero-tolerance']);
    expect(result.signals.map((s) => [s.text, s.count])).toEqual([
      ['zero tolerance', 2],
      ['family separation', 1],
      ['separated from their parents', 1],
    ]);
  });

  it('reads soft-hyphenated words as the page shows them', () => {
    const plain = 'Attorney General Jeff Sessions announced the zero tolerance policy. Family separation followed. Sessions defended zero tolerance.';
    const hyphenated = plain.replaceAll('tolerance', 'tol\u00ader\u00adance').replaceAll('separation', 'sep\u00ada\u00adra\u00adtion').replace('Sessions', 'Ses\u00adsions');
    const result = coverageOf(hyphenated, testIndex);
    expect(result.covered).toBe(true);
    expect(result).toEqual(coverageOf(plain, testIndex));
  });

  it('keeps a text with entities but no topic signal dark', () => {
    const result = coverageOf('Attorney General Jeff Sessions met Stephen Miller and Gene Hamilton. Sessions and Miller talked.', testIndex);
    expect(result.covered).toBe(false);
    expect(result.entities).toHaveLength(3);
  });

  it('keeps a single borrowed phrase dark (minDistinct)', () => {
    expect(coverageOf('The school has a zero tolerance policy on phones. Zero tolerance, the principal said.', testIndex).covered).toBe(false);
  });

  it('lets negative signals pull a text down', () => {
    const topical = 'Jeff Sessions and the zero tolerance policy: family separation. ';
    expect(coverageOf(topical, testIndex).covered).toBe(true);
    expect(coverageOf(`${topical} The special counsel, the special counsel, the special counsel. Drunk driving.`, testIndex).covered).toBe(false);
  });

  it('adds co-occurrence weight when all entities of a group appear', () => {
    const withBoth = coverageOf('Jeff Sessions. zero tolerance.', testIndex).score;
    const noCooccurrence = coverageOf('Jeff Sessions. zero tolerance.', compilePackIndex(testPack({ cooccurrence: [] }))).score;
    expect(withBoth - noCooccurrence).toBeCloseTo(2);
  });

  it('scales scores down for long texts so a passing mention does not light a long article', () => {
    const passing = 'Jeff Sessions, known for the zero tolerance policy and family separation, was there.';
    expect(coverageOf(passing, testIndex).covered).toBe(true);
    expect(coverageOf(`${filler(3000)} ${passing} ${filler(3000)}`, testIndex).covered).toBe(false);
  });

  it('lights a very long text that is about the topic all through (judged in article-sized stretches)', () => {
    const story =
      'Attorney General Jeff Sessions announced the zero tolerance policy. Family separation followed, and children were separated from their parents. ';
    const long = `${story}${filler(60)}`.repeat(400); // about 40,000 words
    const result = coverageOf(long, testIndex);
    expect(result.covered).toBe(true);
    expect(result.score).toBeGreaterThanOrEqual(testIndex.threshold);
  });

  it('judges a text up to one stretch long exactly as a whole', () => {
    const passing = 'Jeff Sessions, known for the zero tolerance policy and family separation, was there.';
    const text = `${filler(1400)} ${passing} ${filler(1400)}`; // under four reference articles
    const scaled = coverageOf(passing, testIndex).score / Math.sqrt(text.length / 6 / testIndex.referenceWords);
    expect(coverageOf(text, testIndex).score).toBeCloseTo(scaled, 1);
  });

  it("does not count markup's indentation as length", () => {
    const story = 'Attorney General Jeff Sessions announced the zero tolerance policy. Family separation followed, and children were separated from their parents.';
    // Text nodes of saved markup: each sentence between blocks indented by newlines and spaces.
    const indented = story.split('. ').join(`.\n${' '.repeat(400)}\n`).repeat(16);
    const compact = story.split('. ').join('.\n').repeat(16);
    expect(indented.length).toBeGreaterThan(6 * testIndex.referenceWords);
    expect(coverageOf(indented, testIndex).score).toBe(coverageOf(compact, testIndex).score);
  });

  it('reports a score even for an empty text', () => {
    expect(coverageOf('', testIndex)).toEqual({ covered: false, score: 0, signals: [], entities: [] });
  });
});

describe('the gate', () => {
  const gated = compilePackIndex(testPack({ gate: ['toleran', 'separat'] }));

  it('rules out a text without any gate stem before weighing anything', () => {
    const text = 'Attorney General Jeff Sessions met Stephen Miller, Gene Hamilton and John Bash. Sessions spoke.';
    expect(coverageOf(text, gated)).toEqual({ covered: false, score: 0, signals: [], entities: [] });
  });

  it('weighs a text that contains a stem, in any case', () => {
    expect(coverageOf('Jeff Sessions and the ZERO TOLERANCE policy: family separation.', gated).covered).toBe(true);
  });
});
