import { describe, expect, it } from 'vitest';
import { MAX_CARDS_PER_REQUEST, entityCard, entityCards, measureCard } from '../../../src/background/cards';
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

describe('entityCards', () => {
  it('gives the same card as entityCard for each entity asked for, by id', () => {
    const cards = entityCards(zeroTolerancePack, ['jeff-sessions', 'stephen-miller']);
    expect(Object.keys(cards).sort()).toEqual(['jeff-sessions', 'stephen-miller']);
    expect(cards['jeff-sessions']).toEqual(entityCard(zeroTolerancePack, 'jeff-sessions'));
    expect(cards['stephen-miller']).toEqual(entityCard(zeroTolerancePack, 'stephen-miller'));
  });

  it('leaves out ids the pack does not know instead of failing the batch', () => {
    const cards = entityCards(zeroTolerancePack, ['nobody', 'jeff-sessions', 'jeff-sessions']);
    expect(Object.keys(cards)).toEqual(['jeff-sessions']);
  });

  it('answers at most a page’s worth of names', () => {
    const all = zeroTolerancePack.entities.map((e) => e.id);
    expect(all.length).toBeGreaterThan(MAX_CARDS_PER_REQUEST);
    expect(Object.keys(entityCards(zeroTolerancePack, all))).toHaveLength(MAX_CARDS_PER_REQUEST);
  });
});

describe('measureCard', () => {
  it('gathers every figure of the measure from across the pack, with its carrier and sources', () => {
    const card = measureCard(zeroTolerancePack, 'children-separated');
    const expected = zeroTolerancePack.entities.flatMap((e) => (e.figures ?? []).filter((f) => f.measure === 'children-separated'));
    expect(card.figures.map((f) => f.figure)).toEqual(expected);
    expect(card.figures.length).toBeGreaterThan(3);
    for (const { figure, entityName } of card.figures) {
      expect(entityName).not.toBe('');
      for (const id of figure.sources) expect(card.sources[id]?.excerpts).toBeUndefined();
      for (const id of figure.sources) expect(card.sources[id], id).toBeDefined();
    }
    expect(card.figures.some((f) => f.figure.measure !== 'children-separated')).toBe(false);
  });

  it('throws a readable error for an unknown measure', () => {
    expect(() => measureCard(zeroTolerancePack, 'no-such-measure')).toThrow(/no figures/);
  });
});
