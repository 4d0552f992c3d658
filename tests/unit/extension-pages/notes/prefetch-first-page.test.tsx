import { afterEach, describe, expect, it, vi } from 'vitest';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { summariesOf, useRoot } from './list-helpers';

const notes = summariesOf(3, (i) => ({ pageUrl: `https://example.com/${i}`, pageTitle: `Story ${i}`, text: `Note ${i}` }));
const root = useRoot();
afterEach(() => {
  vi.restoreAllMocks();
});

/** Renders a list fed by useAllNotes; returns what it shows after the replies have settled. */
async function renderList(useAllNotes: typeof import('../../../../src/extension-pages/notes/useNotes').useAllNotes) {
  const seen: { notes: string[] | null; error: string | null } = { notes: null, error: null };
  function List() {
    const { notes, error } = useAllNotes();
    seen.notes = notes?.map((n) => n.text) ?? null;
    seen.error = error;
    return null;
  }
  await act(async () => {
    render(<List />, root());
    await new Promise((resolve) => setTimeout(resolve, 0));
  });
  return seen;
}

describe('prefetchFirstPage', () => {
  it('asks for the newest page before anything renders, and the list takes that reply instead of asking again', async () => {
    vi.resetModules();
    const { prefetchFirstPage, useAllNotes, FIRST_PAGE } = await import('../../../../src/extension-pages/notes/useNotes');
    const asked: unknown[] = [];
    vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockImplementation(async (message: unknown) => {
      asked.push(message);
      return { ok: true, value: (message as { type: string }).type === 'notes:count' ? notes.length : notes };
    });

    prefetchFirstPage();
    prefetchFirstPage();
    expect(asked).toEqual([{ type: 'notes:list-summaries', limit: FIRST_PAGE }]);

    const seen = await renderList(useAllNotes);
    expect(seen.notes).toEqual(['Note 0', 'Note 1', 'Note 2']);
    // Fewer than a page: the one (prefetched) request was all of them.
    expect(asked).toEqual([{ type: 'notes:list-summaries', limit: FIRST_PAGE }]);

    // A later read (a change elsewhere) asks afresh.
    await act(async () => {
      await fakeBrowser.runtime.onMessage.trigger({ type: 'backstory:notes-changed' }, { id: fakeBrowser.runtime.id });
      await new Promise((resolve) => setTimeout(resolve, 0));
    });
    expect(asked).toEqual([
      { type: 'notes:list-summaries', limit: FIRST_PAGE },
      { type: 'notes:list-summaries', limit: FIRST_PAGE },
    ]);
  });

  it('shows an error, not an empty list, when the prefetched request gets no proper reply', async () => {
    vi.resetModules();
    const { prefetchFirstPage, useAllNotes } = await import('../../../../src/extension-pages/notes/useNotes');
    vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockImplementation(async () => undefined);
    prefetchFirstPage();
    const seen = await renderList(useAllNotes);
    expect(seen.notes).toBeNull();
    expect(seen.error).toMatch(/did not answer/);
  });
});
