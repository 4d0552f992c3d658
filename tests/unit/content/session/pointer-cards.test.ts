import { afterEach, describe, expect, it, vi } from 'vitest';
import { PointerCards, anchorFor } from '../../../../src/content/session/pointer-cards';
import type { Mention } from '../../../../src/detect/mentions';
import { asSurface, fakeBackground, fakeSurface, rangeOf } from './fakes';

const cardOf = (id: string) => ({ entity: { id }, sources: {}, related: [], names: {}, events: [] });
const alpha: Mention = { entityId: 'a', start: 0, end: 5, text: 'Alpha' };

function setUp(options: { firstDrawn?: () => { mention: Mention; range: Range } | null } = {}) {
  document.body.innerHTML = '<p>Alpha spoke.</p>';
  const surface = fakeSurface();
  const abort = new AbortController();
  const pointer = new PointerCards({
    doc: document,
    surface: asSurface(surface),
    now: () => 0,
    signal: abort.signal,
    firstDrawn: options.firstDrawn ?? (() => null),
    drawnEntityIds: () => ['a'],
    articleDate: () => '2018-06-20',
  });
  return { pointer, surface, abort };
}

afterEach(() => {
  document.body.innerHTML = '';
});

describe('PointerCards', () => {
  it('shows a card at once, then fills in its content when the background answers', async () => {
    let answer!: (value: unknown) => void;
    fakeBackground(() => new Promise((resolve) => (answer = resolve)));
    const t = setUp();
    const range = rangeOf(document, 'Alpha');
    const opening = t.pointer.openCard(alpha, { range });
    await vi.waitFor(() => expect(t.surface.ui?.showCard).toHaveBeenCalledWith({ anchor: { range }, entityId: 'a', mentionText: 'Alpha', card: null }));
    answer({ ok: true, value: cardOf('a') });
    await opening;
    await vi.waitFor(() => expect(t.surface.ui!.patchCard).toHaveBeenCalledWith('a', { card: cardOf('a') }));
    // The content is here now: the next card shows it in the same task.
    await t.pointer.openCard(alpha, { range });
    expect(t.surface.ui!.showCard).toHaveBeenLastCalledWith(expect.objectContaining({ card: cardOf('a') }));
  });

  it('opens a count’s figures card with the article’s date, asking the background once per measure', async () => {
    const measureCard = { measure: { id: 'm', label: 'M', nouns: ['children'] }, figures: [], pack: {}, sources: {} };
    const bg = fakeBackground(() => ({ ok: true, value: measureCard }));
    const t = setUp();
    const range = rangeOf(document, 'Alpha');
    const figure = { figure: { start: 0, end: 5, measureId: 'm', count: 2300, qualifier: '' }, text: 'Alpha' };
    await t.pointer.openFiguresCard(figure, { range });
    expect(t.surface.ui!.showFigures).toHaveBeenCalledWith({ anchor: { range }, measureId: 'm', mentionText: 'Alpha', articleDate: '2018-06-20', card: null });
    expect(t.surface.ui!.patchFigures).toHaveBeenCalledWith('m', { card: measureCard });
    await t.pointer.openFiguresCard(figure, { range });
    expect(bg.types()).toEqual(['card:get-measure']);
  });

  it('shows the background’s error in the card', async () => {
    fakeBackground(() => ({ ok: false, error: 'No such card.' }));
    const t = setUp();
    await t.pointer.openCard(alpha, { range: rangeOf(document, 'Alpha') });
    await vi.waitFor(() => expect(t.surface.ui!.patchCard).toHaveBeenCalledWith('a', { error: 'No such card.' }));
  });

  it('with something to hover, readies the UI and fetches the names’ cards once the page is idle', async () => {
    const bg = fakeBackground((type) => (type === 'card:get-many' ? { ok: true, value: { a: cardOf('a') } } : { ok: true, value: cardOf('a') }));
    let range: Range | null = null;
    const t = setUp({ firstDrawn: () => (range ? { mention: alpha, range } : null) });
    range = rangeOf(document, 'Alpha');
    t.pointer.setTargets([{ range, value: { kind: 'mention', mention: alpha } }]);
    expect(bg.types()).toEqual([]);
    await vi.waitFor(() => expect(t.surface.ui?.warm).toHaveBeenCalledWith({ card: cardOf('a'), mentionText: 'Alpha', anchor: { range } }), { timeout: 5000 });
    // The host and note frame first, the warm-up card in a later idle period.
    expect(t.surface.ui!.prepare).toHaveBeenCalledTimes(1);
    expect(t.surface.ui!.prepare.mock.invocationCallOrder[0]).toBeLessThan(t.surface.ui!.warm.mock.invocationCallOrder[0]!);
    expect(bg.types()).toEqual(['card:get-many']);
  });

  it('nothing to hover: no listener, no UI', async () => {
    const bg = fakeBackground(() => ({ ok: true, value: {} }));
    const t = setUp();
    t.pointer.setTargets([]);
    await new Promise((r) => setTimeout(r, 300));
    expect(t.surface.ui).toBeNull();
    expect(bg.types()).toEqual([]);
  });

  it('Esc anywhere on the page closes an open card; keys inside Backstory’s UI are left to it', async () => {
    fakeBackground(() => ({ ok: true, value: {} }));
    const t = setUp();
    const ui = await t.surface.ensureUi();
    t.pointer.setTargets([{ range: rangeOf(document, 'Alpha'), value: { kind: 'mention', mention: alpha } }]);
    ui.current = {};
    document.body.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    expect(ui.closeFloating).toHaveBeenCalledTimes(1);
    ui.contains.mockReturnValue(true);
    document.body.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    expect(ui.closeFloating).toHaveBeenCalledTimes(1);
    // Stopped: the listener is gone.
    ui.contains.mockReturnValue(false);
    t.abort.abort();
    document.body.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    expect(ui.closeFloating).toHaveBeenCalledTimes(1);
  });

  it('hangs a card from the line of a wrapped name under the pointer', () => {
    document.body.innerHTML = '<p>Alpha</p>';
    const range = rangeOf(document, 'Alpha');
    const lines = [new DOMRect(300, 100, 40, 18), new DOMRect(0, 120, 30, 18)];
    range.getClientRects = () => lines as unknown as DOMRectList;
    expect(anchorFor(range, { x: 10, y: 125 }).rect).toBe(lines[1]);
    expect(anchorFor(range, null).rect).toBeUndefined();
  });
});
