import { describe, expect, it } from 'vitest';
import { zeroTolerancePack as pack } from '../../../../src/pack/packs/zero-tolerance';
import { glanceFacts, glanceQuote, repeatsRole, splitAtDate } from '../../../../src/components/card/choose-content';

describe('what came after the article', () => {
  it('splits facts at the article date, undated ones counting as known then', () => {
    const facts = [{ date: '2018-04-06' }, {}, { date: '2018-06-20' }, { date: '2019-01-17' }];
    expect(splitAtDate(facts, '2018-06-20')).toEqual({ then: [facts[0], facts[1], facts[2]], later: [facts[3]] });
    expect(splitAtDate(facts, null)).toEqual({ then: facts, later: [] });
  });
});

describe('what the glance chooses', () => {
  const sessions = pack.entities.find((e) => e.id === 'jeff-sessions')!;

  it('never picks a fact that says the role again, on any card', () => {
    for (const entity of pack.entities) {
      for (const fact of glanceFacts(entity, '2018-06-20')) expect(repeatsRole(fact, entity.role), `${entity.id}: ${fact.text}`).toBe(false);
    }
    expect(repeatsRole({ text: 'Issued the April 6, 2018, memo directing prosecutors' }, sessions.role)).toBe(true);
  });

  it('prefers facts near the article’s date, and facts naming others the article mentions', () => {
    const entity = {
      role: 'A part in the story.',
      facts: [
        { text: 'Early step.', date: '2017-01-01', sources: ['s'], confidence: 'single' as const },
        { text: 'Step in June.', date: '2018-06-10', sources: ['s'], confidence: 'single' as const },
        { text: 'Much later step.', date: '2023-01-01', sources: ['s'], confidence: 'single' as const },
        { text: 'Met Kirstjen Nielsen.', date: '2016-01-01', sources: ['s'], confidence: 'single' as const },
      ],
    };
    expect(glanceFacts(entity, '2018-06-20').map((f) => f.text)).toEqual(['Early step.', 'Step in June.']);
    expect(glanceFacts(entity, '2018-06-20', ['Kirstjen Nielsen']).map((f) => f.text)).toEqual(['Met Kirstjen Nielsen.', 'Step in June.']);
    expect(glanceFacts(entity, '2023-02-01').map((f) => f.text)).toContain('Much later step.');
  });

  it('leads with the person’s own words', () => {
    expect(glanceQuote(sessions)!.speaker).toBe('jeff-sessions');
  });
});
