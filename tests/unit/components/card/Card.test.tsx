import { afterEach, describe, expect, it, vi } from 'vitest';
import { render } from 'preact';
import axe from 'axe-core';
import { zeroTolerancePack as pack } from '../../../../src/pack/packs/zero-tolerance';
import { entityCard } from '../../../../src/background/cards';
import type { Source } from '../../../../src/pack/schema';
import { citeLabel, citeLabels, splitAtDate, type CardProps } from '../../../../src/components/card/Card';
import { renderCard } from './render-card';

let root: HTMLElement | null = null;

function show(props: Partial<CardProps> & { entityId?: string } = {}): HTMLElement {
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
