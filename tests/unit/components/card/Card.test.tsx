import { afterEach, describe, expect, it, vi } from 'vitest';
import { render } from 'preact';
import axe from 'axe-core';
import { zeroTolerancePack as pack } from '../../../../src/pack/packs/zero-tolerance';
import { entityCard } from '../../../../src/background/cards';
import type { Source } from '../../../../src/pack/schema';
import { act } from 'preact/test-utils';
import { citeLabel, citeLabels, glanceFacts, glanceQuote, repeatsRole, splitAtDate, type CardProps } from '../../../../src/components/card/Card';
import { renderCard } from './render-card';

let root: HTMLElement | null = null;

function show(props: Partial<CardProps> & { entityId?: string; glance?: boolean } = {}): HTMLElement {
  root = renderCard(props);
  return root;
}

afterEach(() => {
  if (root) {
    render(null, root);
    root.remove();
    root = null;
  }
});

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

describe('Card', () => {
  it('is a dialog named by the entity’s name and described by its identity', () => {
    const page = show();
    const dialog = page.querySelector('[role="dialog"]')!;
    const name = page.querySelector(`#${dialog.getAttribute('aria-labelledby')}`)!;
    expect(name.textContent).toBe('Jeff Sessions');
    expect(page.querySelector(`#${dialog.getAttribute('aria-describedby')}`)!.textContent).toMatch(/attorney general/i);
  });

  it('has real buttons for every action, and a close button named in words', () => {
    const page = show();
    const buttons = [...page.querySelectorAll('button')];
    expect(buttons.every((b) => b.type === 'button')).toBe(true);
    expect(buttons.map((b) => b.textContent)).toEqual(expect.arrayContaining(['View source context', 'Save note']));
    const close = page.querySelector('button.close')!;
    expect(close.getAttribute('aria-label')).toBe('Close card');
    expect(close.querySelector('[aria-hidden="true"]')!.textContent).toBe('×');
    // Nothing clickable that is not a button.
    expect(page.querySelectorAll('[onclick], a, [tabindex]')).toHaveLength(0);
  });

  it('opens the source a citation names', () => {
    const onViewSource = vi.fn();
    const page = show({ onViewSource });
    const cite = [...page.querySelectorAll<HTMLButtonElement>('.cite')].find((b) => b.textContent === 'U.S. Department of Justice, press release, April 6, 2018')!;
    cite.click();
    expect(onViewSource).toHaveBeenCalledWith('d03-release');
  });

  it('groups each fact’s sources under a name', () => {
    const page = show();
    const group = page.querySelector('.facts .cites')!;
    expect(group.getAttribute('role')).toBe('group');
    expect(group.getAttribute('aria-label')).toMatch(/^Sources?$/);
  });

  it('says it is loading, or what went wrong, before the content arrives', () => {
    const page = show({ card: null });
    expect(page.querySelector('[role="dialog"]')!.getAttribute('aria-label')).toBe('Backstory: Attorney General Jeff Sessions');
    expect(page.querySelector('[role="dialog"]')!.getAttribute('aria-busy')).toBe('true');
    render(null, root!);
    const failed = show({ card: null, error: 'Backstory’s background did not answer.' });
    expect(failed.querySelector('[role="alert"]')!.textContent).toContain('did not answer');
  });

  it('passes axe (contrast aside: jsdom does not lay out)', async () => {
    const page = show();
    const results = await axe.run(page, { rules: { 'color-contrast': { enabled: false }, region: { enabled: false } } });
    expect(results.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
  });

  it('passes axe with the note editor open', async () => {
    const page = show({ editing: true });
    expect(page.querySelector('textarea')).not.toBeNull();
    const results = await axe.run(page, { rules: { 'color-contrast': { enabled: false }, region: { enabled: false } } });
    expect(results.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
  });
});

describe('Later: what came after the article', () => {
  it('splits facts at the article date, undated ones counting as known then', () => {
    const facts = [{ date: '2018-04-06' }, {}, { date: '2018-06-20' }, { date: '2019-01-17' }];
    expect(splitAtDate(facts, '2018-06-20')).toEqual({ then: [facts[0], facts[1], facts[2]], later: [facts[3]] });
    expect(splitAtDate(facts, null)).toEqual({ then: facts, later: [] });
  });

  it('sets the facts dated after the article apart under “Later:”, each with its date', () => {
    const entity = pack.entities.find((e) => e.id === 'jeff-sessions')!;
    const later = entity.facts.filter((f) => f.date && f.date > '2018-05-07');
    expect(later.length).toBeGreaterThan(0);
    const el = show({ articleDate: '2018-05-07' });
    const section = el.querySelector('.later')!;
    expect(section.textContent).toContain('Later:');
    for (const fact of later.slice(0, 5)) expect(section.textContent).toContain(fact.text);
    const before = el.querySelector('ul.facts')!;
    expect(before.closest('.later')).toBeNull();
    for (const fact of later) expect(before.textContent).not.toContain(fact.text);
  });

  it('has no “Later:” section on an undated article', () => {
    expect(show({ articleDate: null }).querySelector('.later')).toBeNull();
  });
});

describe('the glance', () => {
  const sessions = pack.entities.find((e) => e.id === 'jeff-sessions')!;

  it('shows who, two facts, one quote and a “More” that opens the full card', () => {
    const el = show({ glance: true, articleDate: '2018-06-20' });
    expect(el.querySelector('.who')!.textContent).toContain(sessions.role);
    expect(el.querySelectorAll('.glance-facts li')).toHaveLength(2);
    expect(el.querySelectorAll('.quote')).toHaveLength(1);
    expect(el.querySelector('.identity')).toBeNull();
    const more = el.querySelector<HTMLButtonElement>('.more-toggle')!;
    expect(more.textContent).toBe('More');
    expect(more.getAttribute('aria-expanded')).toBe('false');
    act(() => more.click());
    expect(el.querySelectorAll('ul.facts li').length).toBe(sessions.facts.length);
    expect(el.querySelector<HTMLButtonElement>('.more-toggle')!.textContent).toBe('Less');
  });

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

  it('names one source per fact and keeps the rest behind “Sources (n)”', () => {
    const el = show({ glance: true });
    const many = [...el.querySelectorAll('.glance-facts li')].find((li) => li.querySelector('.sources-toggle'))!;
    const toggle = many.querySelector<HTMLButtonElement>('.sources-toggle')!;
    const total = Number(/\((\d+)\)/.exec(toggle.textContent!)![1]);
    expect(many.querySelectorAll('.cite')).toHaveLength(1);
    act(() => toggle.click());
    expect(many.querySelectorAll('.cite')).toHaveLength(total);
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
  });

  it('leads with the person’s own words', () => {
    expect(glanceQuote(sessions)!.speaker).toBe('jeff-sessions');
  });

  it('lists related entities on the full card, each opening its own card', () => {
    const onOpenEntity = vi.fn();
    const el = show({ onOpenEntity });
    const related = [...el.querySelectorAll<HTMLButtonElement>('.related button')];
    expect(related.length).toBe(entityCard(pack, 'jeff-sessions').related.length);
    related[0]!.click();
    expect(onOpenEntity).toHaveBeenCalledWith(entityCard(pack, 'jeff-sessions').related[0]!.id, related[0]!.textContent);
  });
});
