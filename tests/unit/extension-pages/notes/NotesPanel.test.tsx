import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { NotesPanel } from '../../../../src/extension-pages/notes/NotesPanel';
import { summariesOf, useRoot } from './list-helpers';

const sites = ['news.example', 'wire.example'];
const notes = summariesOf(2, (i) => ({ pageUrl: `https://${sites[i]}/story`, pageTitle: `Story ${i}`, text: `Note ${i}`, tags: [`tag-${i}`] }));
const root = useRoot();

const options = (label: string) =>
  [...root().querySelectorAll<HTMLSelectElement>('select')].find((s) => s.getAttribute('aria-label') === label)!.querySelectorAll('option').length;

describe('the notes panel', () => {
  it('draws its first frame without the filters’ choices, and adds them once that frame is painted', async () => {
    render(
      <NotesPanel notes={notes} total={2} loading={false} rowMetrics={{ charsPerLine: 58, textLine: 17, frame: 81 }} emptyMessage="none" />,
      root(),
    );
    expect(root().querySelectorAll('article.note')).toHaveLength(2);
    expect([options('Filter by site'), options('Filter by tag')]).toEqual([1, 1]);
    await act(() => new Promise((resolve) => setTimeout(resolve, 150)));
    expect([options('Filter by site'), options('Filter by tag')]).toEqual([3, 3]);
  });

  it('says at once that many notes are being deleted, and takes Undo away while they are put back', async () => {
    const asked: string[] = [];
    let finishRestore: (reply: unknown) => void = () => undefined;
    vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockImplementation((message: unknown) => {
      const type = (message as { type: string }).type;
      asked.push(type);
      if (type === 'notes:delete') return new Promise((resolve) => setTimeout(() => resolve({ ok: true, value: notes }), 20));
      if (type === 'notes:restore') return new Promise((resolve) => (finishRestore = resolve));
      return Promise.resolve({ ok: true, value: null });
    });
    render(<NotesPanel notes={notes} total={2} loading={false} rowMetrics={{ charsPerLine: 58, textLine: 17, frame: 81 }} emptyMessage="none" />, root());
    const status = () => root().querySelector('[role="status"]')?.textContent ?? '';
    const button = (name: string) => [...root().querySelectorAll('button')].find((b) => b.textContent?.trim() === name);

    await act(() => button('Select all')!.click());
    await act(() => button('Delete selected')!.click());
    expect(status()).toBe('Deleting 2 notes…');
    await act(() => new Promise((resolve) => setTimeout(resolve, 40)));
    expect(status()).toBe('2 notes deleted.Undo');

    await act(() => button('Undo')!.click());
    expect(status()).toBe('Restoring 2 notes…');
    expect(button('Undo')).toBeUndefined();
    await act(async () => {
      finishRestore({ ok: true, value: 2 });
      await new Promise((resolve) => setTimeout(resolve, 0));
    });
    expect(status()).toBe('Restored.');
    expect(asked.filter((t) => t === 'notes:restore')).toHaveLength(1);
  });
});

afterEach(() => vi.restoreAllMocks());
