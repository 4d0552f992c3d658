import { afterEach, describe, expect, it, vi } from 'vitest';
import { render } from 'preact';
import axe from 'axe-core';
import { zeroTolerancePack as pack } from '../../../../src/pack/packs/zero-tolerance';
import { entityCard } from '../../../../src/background/cards';
import { act } from 'preact/test-utils';
import type { CardProps } from '../../../../src/components/card/Card';
import { renderCard } from './render-card';
import { GLANCE_FIT_STEPS } from '../../../../src/components/card/Glance';
import { TIGHT_QUOTE_CHARS, glanceQuote, quoteExcerpt, rankedGlanceFacts } from '../../../../src/components/card/choose-content';

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

  it('while editing, gives the note frame its slot instead of the actions (no editor in the page), and passes axe', async () => {
    const page = show({ editing: true });
    expect(page.querySelector('.frame-slot')).not.toBeNull();
    expect(page.querySelector('textarea')).toBeNull();
    expect(page.querySelector('.actions')).toBeNull();
    const results = await axe.run(page, { rules: { 'color-contrast': { enabled: false }, region: { enabled: false } } });
    expect(results.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
  });
});

describe('Later: what came after the article', () => {
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

  it('offers placement its steps for a short room, and marks what each gives up', () => {
    const el = show({ glance: true, articleDate: '2018-06-20' });
    const card = el.querySelector<HTMLElement>('.card.glance')!;
    expect(card.dataset.fitSteps).toBe(GLANCE_FIT_STEPS);
    // The fact dropped first is the less relevant of the two.
    const spare = rankedGlanceFacts(sessions, '2018-06-20')[1]!;
    const spares = [...el.querySelectorAll('.glance-facts li.spare')];
    expect(spares).toHaveLength(1);
    expect(spares[0]!.textContent).toContain(spare.text);
    // The quote whole, and a shorter start of it that ends in an ellipsis.
    const quote = glanceQuote(sessions)!.text;
    expect(el.querySelector('.quote-roomy')!.textContent).toBe(`“${quote}”`);
    expect(el.querySelector('.quote-tight')!.textContent).toBe(`“${quoteExcerpt(quote, TIGHT_QUOTE_CHARS)}”`);
    act(() => el.querySelector<HTMLButtonElement>('.more-toggle')!.click());
    expect(el.querySelector('[data-fit-steps]')).toBeNull();
  });

  it('leaves nothing a short room drops more than one click away: “More” has every fact and the whole quote', () => {
    for (const entity of pack.entities) {
      const quote = glanceQuote(entity);
      const el = show({ entityId: entity.id });
      const text = el.textContent!;
      for (const fact of entity.facts) expect(text, `${entity.id}: ${fact.text}`).toContain(fact.text);
      if (quote) expect(text, `${entity.id}: ${quote.text}`).toContain(`“${quote.text}”`);
      render(null, root!);
      root!.remove();
      root = null;
    }
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

  it('lists related entities on the full card, each opening its own card', () => {
    const onOpenEntity = vi.fn();
    const el = show({ onOpenEntity });
    const related = [...el.querySelectorAll<HTMLButtonElement>('.related button')];
    expect(related.length).toBe(entityCard(pack, 'jeff-sessions').related.length);
    related[0]!.click();
    expect(onOpenEntity).toHaveBeenCalledWith(entityCard(pack, 'jeff-sessions').related[0]!.id, related[0]!.textContent);
  });
});
