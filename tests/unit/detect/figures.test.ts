import { describe, expect, it } from 'vitest';
import { findFigures, numberValue, type MeasureIndex } from '../../../src/detect/figures';
import { compilePackIndex } from '../../../src/detect/pack-index';
import { zeroTolerancePack } from '../../../src/pack/packs/zero-tolerance';

const measures: MeasureIndex[] = [
  { id: 'separated', nouns: ['children', 'kids', 'minors'], minCount: 50, counts: [1556, 2654, 5500] },
  { id: 'reunified', nouns: ['children were reunified', 'reunified'], minCount: 20, counts: [1442] },
];

const figures = (text: string) => findFigures(text, measures).map((f) => ({ text: text.slice(f.start, f.end), measure: f.measureId, count: f.count, qualifier: f.qualifier }));

describe('findFigures', () => {
  it('finds a count followed by a measure noun, with its qualifier', () => {
    expect(figures('The government separated more than 2,300 children in six weeks.')).toEqual([
      { text: 'more than 2,300 children', measure: 'separated', count: 2300, qualifier: 'more than' },
    ]);
  });

  it('allows up to two words between the number and the noun', () => {
    expect(figures('about 2,000 migrant children and 1,556 more separated minors')).toEqual([
      { text: 'about 2,000 migrant children', measure: 'separated', count: 2000, qualifier: 'about' },
      { text: '1,556 more separated minors', measure: 'separated', count: 1556, qualifier: '' },
    ]);
  });

  it('reads numbers in words', () => {
    expect(figures('nearly three thousand children')[0]).toMatchObject({ count: 3000, qualifier: 'nearly' });
    expect(numberValue('five hundred and twelve')).toBe(512);
    expect(numberValue('twenty-one thousand')).toBe(21000);
  });

  it('prefers the longest noun phrase, so a count of reunified children is not a count of separated ones', () => {
    expect(figures('By the deadline 1,442 children were reunified.')).toEqual([
      { text: '1,442 children were reunified', measure: 'reunified', count: 1442, qualifier: '' },
    ]);
  });

  it('reads a range as one figure, its low end', () => {
    expect(figures('covering 4,500 to 5,000 children')).toEqual([
      { text: '4,500 to 5,000 children', measure: 'separated', count: 4500, qualifier: '' },
    ]);
  });

  it('lets a count the pack holds name its measure whatever noun follows', () => {
    expect(figures('The government reunited 1,442 children with their parents.')[0]).toMatchObject({ measure: 'reunified', count: 1442 });
  });

  it('recognises a bare number the pack holds as a figure', () => {
    expect(figures('The ACLU said the new total, 1,556, came from the government.')).toEqual([
      { text: '1,556', measure: 'separated', count: 1556, qualifier: '' },
    ]);
  });

  it('leaves alone small counts, years, money, percentages, times and unknown bare numbers', () => {
    expect(figures('Her two children, in 2018, paid $2,654 for 2,654% more at 5:30 and 3,100 others.')).toEqual([]);
    expect(figures('A family of 12 children.')).toEqual([]);
    expect(figures('In 2018 children were held.')).toEqual([]);
  });
});

describe('the pack\'s measures in the compiled index', () => {
  it('carry every figure count of the measure, and nouns longest first', () => {
    const index = compilePackIndex(zeroTolerancePack);
    const separated = index.measures.find((m) => m.id === 'children-separated');
    expect(separated?.counts).toEqual(expect.arrayContaining([2654, 1556, 5400, 4500, 5000, 3014]));
    const nouns = separated?.nouns ?? [];
    expect(nouns).toEqual([...nouns].sort((a, b) => b.length - a.length));
  });
});
