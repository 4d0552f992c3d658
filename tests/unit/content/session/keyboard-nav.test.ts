import { afterEach, describe, expect, it, vi } from 'vitest';
import { KeyboardNav } from '../../../../src/content/session/keyboard-nav';
import type { MentionLayer } from '../../../../src/content/session/mentions';
import type { PointerCards } from '../../../../src/content/session/pointer-cards';
import type { Mention } from '../../../../src/detect/mentions';
import { asSurface, fakeSurface, rangeOf } from './fakes';

const entities = { a: { name: 'Alpha Person', type: 'person' as const }, b: { name: 'Beta Office', type: 'organization' as const } };

/** Mentions drawn out of reading order (a later one found first), as a live page can leave them. */
function setUp(options: { withFigure?: boolean } = {}) {
  document.body.innerHTML = '<p>Alpha spoke.</p><p>Beta replied.</p><p>Alpha again.</p><p>Then 2,300 children.</p><button id="before">x</button>';
  const words = ['Beta', 'Alpha', 'again'];
  const ranges = [rangeOf(document, 'Beta'), rangeOf(document, 'Alpha'), rangeOf(document, 'again')];
  const mentions: Mention[] = words.map((text, i) => ({ entityId: text === 'Beta' ? 'b' : 'a', start: i, end: i + 1, text }));
  const layer = { mentions, ranges } as unknown as MentionLayer;
  const opened: string[] = [];
  const cards = {
    markShown: vi.fn(),
    openCard: vi.fn(async (m: Mention) => void opened.push(m.text)),
    openFiguresCard: vi.fn(async (f: { text: string }) => void opened.push(`figures: ${f.text}`)),
  };
  const figure = { figure: { start: 0, end: 5, measureId: 'm', count: 2300, qualifier: '' }, text: '2,300 children' };
  const figures = options.withFigure ? () => [{ range: rangeOf(document, '2,300 children'), figure }] : undefined;
  const surface = fakeSurface();
  Range.prototype.getBoundingClientRect = () => new DOMRect(0, 100, 50, 18);
  const nav = new KeyboardNav({ doc: document, surface: asSurface(surface), mentions: layer, cards: cards as unknown as PointerCards, entities, figures });
  return { nav, surface, cards, opened };
}

const key = (k: string) => new KeyboardEvent('keydown', { key: k, cancelable: true });

afterEach(() => {
  document.body.innerHTML = '';
});

describe('KeyboardNav', () => {
  it('walks the names in reading order, wrapping, and opens each one’s card', async () => {
    const t = setUp();
    await t.nav.start();
    await vi.waitFor(() => expect(t.opened).toEqual(['Alpha']));
    expect(t.surface.ui!.setNav).toHaveBeenLastCalledWith({ position: 1, total: 3, label: 'Alpha Person (“Alpha”)' });
    for (const k of ['j', 'ArrowRight', 'ArrowDown', 'k', 'End', 'Home']) t.nav.onKey(key(k));
    await vi.waitFor(() => expect(t.opened).toHaveLength(7));
    expect(t.opened).toEqual(['Alpha', 'Beta', 'again', 'Alpha', 'again', 'again', 'Alpha']);
    expect(t.surface.highlighter!.drawn.get('focus')!.map(String)).toEqual(['Alpha']);
    expect(t.cards.markShown).toHaveBeenCalledTimes(7);
  });

  it('walks the article’s counts with the names, in reading order, opening a count’s figures card', async () => {
    const t = setUp({ withFigure: true });
    await t.nav.start();
    await vi.waitFor(() => expect(t.opened).toEqual(['Alpha']));
    t.nav.onKey(key('End'));
    await vi.waitFor(() => expect(t.opened).toHaveLength(2));
    expect(t.opened[1]).toBe('figures: 2,300 children');
    expect(t.surface.ui!.setNav).toHaveBeenLastCalledWith({ position: 4, total: 4, label: 'Figures for “2,300 children”' });
  });

  it('Esc closes an open card first, then leaves and gives focus back', async () => {
    const t = setUp();
    const before = document.getElementById('before')!;
    before.focus();
    await t.nav.start();
    t.surface.ui!.current = {};
    const esc = key('Escape');
    t.nav.onKey(esc);
    expect(esc.defaultPrevented).toBe(true);
    expect(t.surface.ui!.closeFloating).toHaveBeenCalledTimes(1);
    t.surface.ui!.current = null;
    (document.activeElement as HTMLElement | null)?.blur();
    t.nav.onKey(key('Escape'));
    expect(t.surface.ui!.setNav).toHaveBeenLastCalledWith(null);
    expect(t.surface.highlighter!.drawn.has('focus')).toBe(false);
    expect(document.activeElement).toBe(before);
  });

  it('leaves other keys to the page', async () => {
    const t = setUp();
    await t.nav.start();
    const other = key('x');
    t.nav.onKey(other);
    expect(other.defaultPrevented).toBe(false);
  });
});
