import { describe, expect, it } from 'vitest';
import { packAbout, sampleArticle } from '../../../src/background/about';
import { activePack } from '../../../src/pack/packs';
import type { Pack, Source } from '../../../src/pack/schema';

const source = (id: string, excerpts: string[]): Source =>
  ({
    id,
    kind: 'report',
    title: `Title ${id}`,
    author: 'An Author',
    publisher: 'A Publisher',
    date: '2020-01-02',
    excerpts: excerpts.map((text, i) => ({ id: `${id}-${i}`, text, locator: `p. ${i + 1}` })),
  }) as Source;
const packWith = (sources: Source[], seedSource?: string): Pack => ({ ...activePack, sources, seedSource });

describe('packAbout', () => {
  it('tells the pack’s own title and description, and how much it holds', () => {
    expect(packAbout(activePack)).toEqual({
      title: activePack.title,
      description: activePack.description,
      entities: activePack.entities.length,
      sources: activePack.sources.length,
    });
  });
});

describe('sampleArticle', () => {
  it('is the seed source’s passages, in order and exactly as stored, with the source named', () => {
    const sample = sampleArticle(packWith([source('a', ['one', 'two', 'three']), source('seed', ['first', 'second'])], 'seed'));
    expect(sample.source).toEqual({ id: 'seed', title: 'Title seed', author: 'An Author', publisher: 'A Publisher', date: '2020-01-02' });
    expect(sample.passages).toEqual([
      { text: 'first', locator: 'p. 1' },
      { text: 'second', locator: 'p. 2' },
    ]);
  });

  it('falls back to the source with most passages when the seed has none', () => {
    expect(sampleArticle(packWith([source('a', ['x']), source('b', ['y', 'z']), source('seed', [])], 'seed')).source.id).toBe('b');
    expect(sampleArticle(packWith([source('a', ['x']), source('b', ['y', 'z'])])).source.id).toBe('b');
  });

  it('says so when the pack quotes nothing', () => {
    expect(() => sampleArticle(packWith([source('a', [])]))).toThrow(/no quoted passages/);
  });

  it('of the shipped pack quotes its seed article', () => {
    const sample = sampleArticle(activePack);
    expect(sample.source.id).toBe(activePack.seedSource);
    expect(sample.passages.length).toBeGreaterThan(2);
  });
});
