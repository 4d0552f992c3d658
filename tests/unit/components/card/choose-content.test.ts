import { describe, expect, it } from 'vitest';
import { zeroTolerancePack as pack } from '../../../../src/pack/packs/zero-tolerance';
import { glanceQuote, inDateOrder, quoteExcerpt, rankedGlanceFacts, repeatsRole, splitAtDate } from '../../../../src/components/card/choose-content';

/** The glance's facts as it shows them: the two most relevant, in date order. */
const glanceFacts: typeof rankedGlanceFacts = (...args) => inDateOrder(rankedGlanceFacts(...args));

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
    // The most relevant first: the one a glance short of room keeps.
    expect(rankedGlanceFacts(entity, '2018-06-20').map((f) => f.text)).toEqual(['Step in June.', 'Early step.']);
  });

  it('leads with the person’s own words', () => {
    expect(glanceQuote(sessions)!.speaker).toBe('jeff-sessions');
  });
});

describe('a quote cut for a glance short of room', () => {
  const words = 'Those who planned and executed the zero-tolerance policy will have to live with it, always.';

  it('is whole when short enough', () => {
    expect(quoteExcerpt(words, words.length)).toBe(words);
  });

  it('ends between words, says it is cut, and is the quote’s own start', () => {
    for (let max = 12; max < words.length; max++) {
      const cut = quoteExcerpt(words, max);
      expect(cut.endsWith(' …'), cut).toBe(true);
      const kept = cut.slice(0, -2);
      expect(words.startsWith(kept), cut).toBe(true);
      expect(kept.length).toBeLessThanOrEqual(max);
      // The next character of the quote is a space or the punctuation before one: no word cut short.
      expect(words.slice(kept.length).match(/^[,;:]?\s/), cut).not.toBeNull();
    }
    expect(quoteExcerpt(words, 40)).toBe('Those who planned and executed the …');
    expect(quoteExcerpt(words, 48)).toBe('Those who planned and executed the …');
    expect(quoteExcerpt(words, 76)).toBe('Those who planned and executed the zero-tolerance policy will have to live …');
  });

  it('drops a comma or dash left hanging before the ellipsis', () => {
    expect(quoteExcerpt(words, 84)).toBe('Those who planned and executed the zero-tolerance policy will have to live with it …');
    expect(quoteExcerpt('We said no — and we meant it.', 13)).toBe('We said no …');
  });

  it('keeps a first word longer than the room whole', () => {
    expect(quoteExcerpt('Unconscionable, they said.', 5)).toBe('Unconscionable …');
  });
});
