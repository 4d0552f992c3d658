import { describe, expect, it } from 'vitest';
import { zeroTolerancePack as pack } from '../../../../src/pack/packs/zero-tolerance';
import { timelineRows } from '../../../../src/extension-pages/timeline/Timeline';
import { readTimelineParams, timelineQuery } from '../../../../src/extension-pages/timeline/query';

describe('timeline query', () => {
  it('round-trips the article date and the mentioned names, and drops a date that is not one', () => {
    const query = timelineQuery('2018-06-20', ['jeff-sessions', 'kirstjen-nielsen', 'jeff-sessions']);
    expect(readTimelineParams(query)).toEqual({ articleDate: '2018-06-20', mentioned: ['jeff-sessions', 'kirstjen-nielsen'] });
    expect(readTimelineParams('?date=<b>x</b>&entities=')).toEqual({ articleDate: null, mentioned: [] });
    expect(timelineQuery(null, [])).toBe('');
  });
});

describe('timelineRows', () => {
  it('lists every event oldest first, pins the article at its date, marks events with mentioned names', () => {
    const rows = timelineRows(pack, { articleDate: '2018-06-20', mentioned: ['jeff-sessions'] });
    const events = rows.flatMap((r) => (r.kind === 'event' ? [r] : []));
    expect(events).toHaveLength(pack.timeline.length);
    const dates = events.map((r) => r.event.date);
    expect(dates).toEqual([...dates].sort());
    const pin = rows.findIndex((r) => r.kind === 'article');
    expect(rows.filter((r) => r.kind === 'article')).toHaveLength(1);
    for (const [i, r] of rows.entries()) if (r.kind === 'event') expect(r.event.date > '2018-06-20').toBe(i > pin);
    for (const r of events) {
      expect(r.mentioned).toBe(r.event.entities.includes('jeff-sessions'));
      expect(r.later).toBe(r.event.date > '2018-06-20');
    }
    expect(events.some((r) => r.mentioned)).toBe(true);
  });

  it('pins nothing without an article date', () => {
    expect(timelineRows(pack, { articleDate: null, mentioned: [] }).some((r) => r.kind === 'article')).toBe(false);
  });
});
