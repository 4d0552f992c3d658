import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { createNote, type Note } from '../../../../src/notes/model';
import { NotesPage } from '../../../../src/extension-pages/notes/NotesPage';
import { useRoot } from './list-helpers';

const root = useRoot();

function stored(text: string): Note {
  const made = createNote({ pageUrl: 'https://news.example/story', pageTitle: 'Story', text }, new Date(Date.UTC(2018, 5, 20)));
  if (!made.ok) throw new Error(made.error);
  return made.note;
}

const settle = () => act(() => new Promise((resolve) => setTimeout(resolve, 20)));
const button = (name: string) => [...root().querySelectorAll('button')].find((b) => b.textContent?.trim() === name);

async function chooseFile(text: string) {
  const input = root().querySelector<HTMLInputElement>('input[type="file"]')!;
  // jsdom's File has no arrayBuffer(): the page reads only these two members.
  const bytes = new TextEncoder().encode(text);
  const file = { size: bytes.byteLength, arrayBuffer: async () => bytes.buffer };
  Object.defineProperty(input, 'files', { value: [file], configurable: true });
  await act(() => {
    input.dispatchEvent(new Event('change', { bubbles: true }));
  });
  await settle();
}

describe('importing on the notes page', () => {
  it('asks before replacing notes, writes only on yes, and puts the replaced versions back on request', async () => {
    const mine = stored('my words');
    const requests: Array<Record<string, unknown>> = [];
    vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockImplementation(async (message: unknown) => {
      const m = message as Record<string, unknown>;
      requests.push(m);
      if (m.type === 'notes:list-summaries') return { ok: true, value: [] };
      if (m.type === 'notes:count') return { ok: true, value: 0 };
      if (m.type === 'notes:import' && m.replace !== true) return { ok: true, value: { written: false, added: 2, replaced: 1, skipped: 0, previous: [] } };
      if (m.type === 'notes:import') return { ok: true, value: { written: true, added: 2, replaced: 1, skipped: 0, previous: [mine] } };
      if (m.type === 'notes:restore') return { ok: true, value: 1 };
      return { ok: false, error: `unexpected ${String(m.type)}` };
    });
    render(<NotesPage />, root());
    await settle();

    await chooseFile('{"the": "file"}');
    const dialog = root().querySelector('[role="alertdialog"]');
    expect(dialog?.textContent).toContain('1 note in this file would replace an existing one');
    expect(dialog?.textContent).toContain('2 new notes would be added');
    expect(document.activeElement).toBe(button('Cancel'));
    const imports = () => requests.filter((r) => r.type === 'notes:import');
    expect(imports()).toEqual([{ type: 'notes:import', text: '{"the": "file"}', replace: false }]);

    // Cancel: nothing more is asked, the question goes.
    await act(() => button('Cancel')!.click());
    expect(root().querySelector('[role="alertdialog"]')).toBeNull();
    expect(imports()).toHaveLength(1);

    await chooseFile('{"the": "file"}');
    await act(() => button('Import and replace')!.click());
    await settle();
    expect(imports().at(-1)).toEqual({ type: 'notes:import', text: '{"the": "file"}', replace: true });
    const status = () => root().querySelector('[role="status"]')?.textContent ?? '';
    expect(status()).toBe('Imported 2 notes; replaced 1 with newer copies.Restore the 1 replaced note');

    await act(() => button('Restore the 1 replaced note')!.click());
    await settle();
    expect(requests.filter((r) => r.type === 'notes:restore')).toEqual([{ type: 'notes:restore', notes: [mine] }]);
    expect(status()).toBe('Put back 1 note as it was before the import.');
    expect(button('Restore the 1 replaced note')).toBeUndefined();
  });

  it('imports a file that replaces nothing without asking', async () => {
    vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockImplementation(async (message: unknown) => {
      const m = message as Record<string, unknown>;
      if (m.type === 'notes:import') return { ok: true, value: { written: true, added: 3, replaced: 0, skipped: 1, previous: [] } };
      return { ok: true, value: m.type === 'notes:count' ? 0 : [] };
    });
    render(<NotesPage />, root());
    await settle();
    await chooseFile('{}');
    expect(root().querySelector('[role="alertdialog"]')).toBeNull();
    expect(root().querySelector('[role="status"]')?.textContent).toBe('Imported 3 notes; 1 already here, skipped.');
  });
});

afterEach(() => vi.restoreAllMocks());
