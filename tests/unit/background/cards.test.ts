import { describe, expect, it } from 'vitest';
import { entityCard } from '../../../src/background/cards';
import { zeroTolerancePack } from '../../../src/pack/packs/zero-tolerance';

describe('entityCard', () => {
  it('resolves every source the card cites, without shipping excerpts', () => {
    for (const entity of zeroTolerancePack.entities) {
      const card = entityCard(zeroTolerancePack, entity.id);
      const cited = [
        ...entity.facts.flatMap((f) => f.sources),
        ...(entity.quotes ?? []).map((q) => q.source),
        ...(entity.figures ?? []).flatMap((f) => f.sources),
      ];
      for (const id of cited) {
        expect(card.sources[id], `${entity.id} cites ${id}`).toBeDefined();
        expect(card.sources[id]!.excerpts).toBeUndefined();
      }
      for (const q of entity.quotes ?? []) expect(card.names[q.speaker]).toBeTruthy();
    }
  });

  it('gives the timeline events of an entity in date order', () => {
    const card = entityCard(zeroTolerancePack, 'jeff-sessions');
    const dates = card.events.map((e) => e.date);
    expect(dates.length).toBeGreaterThan(0);
    expect([...dates].sort()).toEqual(dates);
  });

  it('throws a readable error for an unknown entity', () => {
    expect(() => entityCard(zeroTolerancePack, 'nobody')).toThrow(/no card for “nobody”/);
  });
});
