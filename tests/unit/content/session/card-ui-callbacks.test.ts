import { describe, expect, it, vi } from 'vitest';
import type { Mention } from '../../../../src/detect/mentions';
import { cardUiCallbacks, type CardUiJobs } from '../../../../src/content/session/card-ui-callbacks';
import { asSurface, fakeBackground, fakeSurface, fakeUi } from './fakes';

function jobs(mentions: Mention[]) {
  const surface = fakeSurface();
  const pointer = { openCard: vi.fn(async () => undefined), floatingHover: vi.fn(), dismiss: vi.fn() };
  const notes = { draftFor: vi.fn(() => 'draft') };
  const nav = { onKey: vi.fn() };
  const entities = { a: { name: 'Alpha', type: 'person' }, b: { name: 'Beta', type: 'term' } } as CardUiJobs['entities'];
  const wired = { surface: asSurface(surface), pointer, notes, nav, entities, mentions: () => mentions, articleDate: () => '2018-06-20' } as unknown as CardUiJobs;
  return { surface, pointer, notes, nav, callbacks: cardUiCallbacks(wired) };
}

const mention = (entityId: string, text: string): Mention => ({ entityId, text, start: 0, end: text.length });

describe('cardUiCallbacks', () => {
  it('names each entity the article mentions once, by its pack name', () => {
    const { callbacks } = jobs([mention('a', 'Alpha'), mention('b', 'the beta'), mention('a', 'Mr. Alpha'), mention('gone', 'Gone')]);
    expect(callbacks.mentionedNames()).toEqual(['Alpha', 'Beta']);
    expect(callbacks.articleDate()).toBe('2018-06-20');
  });

  it('closing a card ends the hover, and gives focus back to the toolbar while navigating', () => {
    const { callbacks, pointer, surface } = jobs([]);
    surface.ui = { ...fakeUi(), navigating: true };
    callbacks.onClosed();
    expect(pointer.dismiss).toHaveBeenCalledTimes(1);
    expect(surface.ui.focusNav).toHaveBeenCalledTimes(1);
  });

  it('opens a related entity’s card where the card was, with focus in it', async () => {
    const { callbacks, pointer, surface } = jobs([]);
    surface.ui = fakeUi();
    const anchor = { range: document.createRange() };
    callbacks.onOpenEntity('b', 'Beta', anchor);
    await vi.waitFor(() => expect(surface.ui!.focusFloating).toHaveBeenCalled());
    expect(pointer.openCard).toHaveBeenCalledWith({ entityId: 'b', text: 'Beta' }, anchor);
  });

  it('opens the timeline with the article’s date and the names it mentions', async () => {
    const background = fakeBackground(() => ({ ok: true, value: null }));
    const { callbacks } = jobs([mention('a', 'Alpha'), mention('b', 'Beta'), mention('a', 'Alpha')]);
    callbacks.onOpenTimeline();
    await vi.waitFor(() => expect(background.types()).toContain('timeline:open'));
    expect(background.sent.find((m) => m.type === 'timeline:open')).toMatchObject({ date: '2018-06-20', entities: ['a', 'b'] });
  });
});
