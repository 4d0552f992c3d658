import { describe, expect, it } from 'vitest';
import { zeroTolerancePack as pack } from '../../../../src/pack/packs/zero-tolerance';
import { entityCard } from '../../../../src/background/cards';
import type { Source } from '../../../../src/pack/schema';
import { citeLabel, citeLabels } from '../../../../src/components/card/citations';

const source = (id: string) => pack.sources.find((s) => s.id === id)!;

describe('citations on the card', () => {
  it('tell apart two sources from the same publisher on the same day by what they are', () => {
    const memo = source('d03');
    const release = source('d03-release');
    expect(memo.publisher).toBe(release.publisher);
    expect(memo.date).toBe(release.date);
    expect(citeLabel(memo)).toBe('U.S. Department of Justice, memo, April 6, 2018');
    expect(citeLabel(release)).toBe('U.S. Department of Justice, press release, April 6, 2018');
  });

  it('always print the source’s own date, even when a fact of the same date sits above it', () => {
    expect(citeLabel(source('d04'))).toBe('Federal Register, FR Doc. 2018-13696; 83 FR 29435, June 20, 2018');
    expect(citeLabel({ ...source('d14'), date: '2020-10' })).toBe('The New York Times, Oct. 2020');
  });

  it('keep a report’s number, which says more than the word “report”', () => {
    expect(citeLabel(source('d02'))).toBe('U.S. Department of Justice, Office of the Inspector General, 21-028, Jan. 14, 2021');
  });

  it('add the start of the title when two sources would still read the same', () => {
    const wapo: Source = { ...source('d14'), publisher: 'The Washington Post', date: '2021-01-14' };
    const a: Source = { ...wapo, id: 'a', title: 'Washington Post reporting on the DOJ inspector general report' };
    const b: Source = { ...wapo, id: 'b', title: 'Washington Post analysis of the zero tolerance numbers' };
    const [la, lb] = citeLabels([a, b]);
    expect(la).not.toBe(lb);
    expect(la).toBe('The Washington Post, Jan. 14, 2021: Washington Post reporting on the DOJ…');
    expect(lb).toBe('The Washington Post, Jan. 14, 2021: Washington Post analysis of the zero…');
  });

  it('no two citation buttons under one fact read the same, on any card', () => {
    for (const entity of pack.entities) {
      const card = entityCard(pack, entity.id);
      for (const fact of entity.facts) {
        const labels = citeLabels(fact.sources.map((id) => card.sources[id]!).filter(Boolean));
        expect({ entity: entity.id, duplicates: labels.filter((l, i) => labels.indexOf(l) !== i) }).toEqual({
          entity: entity.id,
          duplicates: [],
        });
      }
    }
  });
});
