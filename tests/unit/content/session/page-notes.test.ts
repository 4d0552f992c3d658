import { afterEach, describe, expect, it, vi } from 'vitest';
import { PageNotes } from '../../../../src/content/session/page-notes';
import { buildTextModel } from '../../../../src/detect/text-model';
import { createNote, type Note, type NoteDraft } from '../../../../src/notes/model';
import { describeQuote } from '../../../../src/notes/selectors';
import * as textModel from '../../../../src/detect/text-model';
import { asSurface, fakeBackground, fakeSurface, rangeOf } from './fakes';

const URL_ = 'https://news.example/story';
const ARTICLE = '<p>The policy separated families at the border.</p><p>Officials defended it in June.</p>';

function noteOn(quote: string, id: string): Note {
  const text = buildTextModel(document.body).text;
  const at = text.indexOf(quote);
  const made = createNote({ pageUrl: URL_, pageTitle: 'Story', selector: describeQuote(text, at, at + quote.length), text: 'why', tags: [] }, new Date(), () => id);
  if (!made.ok) throw new Error(made.error);
  return made.note;
}

/** The text of the last boxes of `kind` the UI was asked to draw. */
function marks(t: ReturnType<typeof setUp>, kind: string): string[] | undefined {
  const calls = t.surface.ui?.setMarks.mock.calls.filter((c) => c[0] === kind) ?? [];
  return (calls.at(-1)?.[1] as Range[] | undefined)?.map(String);
}

function setUp() {
  document.body.innerHTML = ARTICLE;
  const surface = fakeSurface();
  const onPlaced = vi.fn();
  const notes = new PageNotes({ doc: document, surface: asSurface(surface), entities: { e1: { name: 'Alpha', type: 'person' } }, url: () => URL_, onPlaced });
  return { notes, surface, onPlaced };
}

afterEach(() => {
  vi.restoreAllMocks();
  document.body.innerHTML = '';
});

describe('PageNotes', () => {
  it('places each note on its quote, drawn in the UI, and keeps those it cannot place as orphans', async () => {
    const t = setUp();
    const placed = noteOn('separated families', 'urn:uuid:1');
    const gone = { ...noteOn('in June', 'urn:uuid:2'), target: { ...placed.target, selector: describeQuote('nothing like this page at all', 0, 12) } };
    t.notes.notes = [placed, gone];
    t.notes.place();
    await vi.waitFor(() => expect(marks(t, 'note')).toEqual(['separated families']));
    // Never in the page's highlight registry, which the page can list.
    expect(t.surface.highlighter).toBeNull();
    expect(t.notes.orphanIds).toEqual(['urn:uuid:2']);
    expect(t.notes.targets().map((x) => [x.range.toString(), x.value])).toEqual([['separated families', { kind: 'note', note: placed }]]);
    expect(t.onPlaced).toHaveBeenCalledTimes(1);
  });

  it('saves a note on a selection with its selectors, building the body’s text model once', async () => {
    const t = setUp();
    const saved: NoteDraft[] = [];
    fakeBackground((type, m) => {
      if (type !== 'notes:save') return { ok: true, value: [] };
      saved.push(m.draft as NoteDraft);
      const made = createNote(m.draft as NoteDraft, new Date(), () => 'urn:uuid:9');
      return made.ok ? { ok: true, value: made.note } : { ok: false, error: made.error };
    });
    const builds = vi.spyOn(textModel, 'buildTextModel');
    expect(await t.notes.save(rangeOf(document, 'defended it'), 'A note', ['tag'], 'e1')).toBeNull();
    expect(builds).toHaveBeenCalledTimes(1);
    expect(saved[0]).toMatchObject({ pageUrl: URL_, text: 'A note', tags: ['tag'], entityId: 'e1', entityName: 'Alpha' });
    expect(saved[0]!.selector![0]).toMatchObject({ type: 'TextQuoteSelector', exact: 'defended it' });
    // The new note is on the page at once.
    await vi.waitFor(() => expect(marks(t, 'note')).toEqual(['defended it']));
  });

  it('gives the background’s error to the editor and places nothing', async () => {
    const t = setUp();
    fakeBackground(() => ({ ok: false, error: 'Storage is full.' }));
    expect(await t.notes.save(null, 'A note', [])).toBe('Storage is full.');
    expect(t.notes.notes).toEqual([]);
    expect(t.onPlaced).not.toHaveBeenCalled();
  });

  it('scrolls to and flashes a placed note; false for one that is not on the page', async () => {
    vi.useFakeTimers();
    const t = setUp();
    Element.prototype.scrollIntoView = vi.fn();
    t.notes.notes = [noteOn('separated families', 'urn:uuid:1')];
    t.notes.place();
    expect(t.notes.show('urn:uuid:1')).toBe(true);
    await vi.advanceTimersByTimeAsync(0);
    expect(marks(t, 'flash')).toEqual(['separated families']);
    await vi.advanceTimersByTimeAsync(2000);
    expect(marks(t, 'flash')).toEqual([]);
    expect(t.notes.show('urn:uuid:404')).toBe(false);
    vi.useRealTimers();
  });

  it('opens the editor on the selection, or on the whole page when nothing is selected', async () => {
    const t = setUp();
    await t.notes.editSelection();
    expect(t.surface.ui!.showEditor).toHaveBeenLastCalledWith(expect.objectContaining({ quote: '', pageNote: true }));
    const selection = document.getSelection()!;
    selection.removeAllRanges();
    selection.addRange(rangeOf(document, 'the border'));
    await t.notes.editSelection();
    expect(t.surface.ui!.showEditor).toHaveBeenLastCalledWith(expect.objectContaining({ quote: 'the border', pageNote: false }));
  });
});
