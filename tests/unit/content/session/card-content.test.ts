import { describe, expect, it } from 'vitest';
import { CardContent } from '../../../../src/content/session/card-content';
import { fakeBackground } from './fakes';

const cardOf = (id: string) => ({ entity: { id }, sources: {}, related: [], names: {}, events: [] });

describe('CardContent', () => {
  it('asks the background once per entity, and again after an error', async () => {
    let failing = true;
    const bg = fakeBackground((type, m) => (failing ? { ok: false, error: 'offline' } : { ok: true, value: cardOf(m.entityId as string) }));
    const cards = new CardContent();
    expect(await cards.for('a').pending).toBe('offline');
    expect(cards.arrived('a')).toBeUndefined();
    failing = false;
    expect(await cards.for('a').pending).toEqual(cardOf('a'));
    await cards.for('a').pending;
    expect(bg.types()).toEqual(['card:get', 'card:get']);
    expect(cards.arrived('a')).toEqual(cardOf('a'));
  });

  it('fetches ahead in one message, at most twelve cards, none already asked for', async () => {
    const bg = fakeBackground((type, m) =>
      type === 'card:get-many'
        ? { ok: true, value: Object.fromEntries((m.entityIds as string[]).filter((id) => id !== 'e3').map((id) => [id, cardOf(id)])) }
        : { ok: true, value: cardOf(m.entityId as string) },
    );
    const cards = new CardContent();
    await cards.for('e0').pending;
    const ids = Array.from({ length: 20 }, (_, i) => `e${i}`);
    await cards.prefetch([...ids, 'e1']);
    const batch = bg.sent.find((m) => m.type === 'card:get-many')!;
    expect(batch.entityIds).toEqual(ids.slice(1, 12));
    // The one the batch left out is asked for on its own.
    expect(bg.sent.filter((m) => m.type === 'card:get').map((m) => m.entityId)).toEqual(['e0', 'e3']);
    expect(cards.arrived('e3')).toEqual(cardOf('e3'));
    await cards.prefetch(ids);
    expect(bg.types().filter((t) => t === 'card:get-many')).toHaveLength(1);
  });
});
