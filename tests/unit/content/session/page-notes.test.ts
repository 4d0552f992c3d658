import { afterEach, describe, expect, it, vi } from 'vitest';
import { PageNotes } from '../../../../src/content/session/page-notes';
import { buildTextModel } from '../../../../src/detect/text-model';
import { createNote, type Note } from '../../../../src/notes/model';
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

  it('describes what a note written in the frame is about: the passage’s selectors, the title and the name', () => {
    const t = setUp();
    const builds = vi.spyOn(textModel, 'buildTextModel');
    const draft = t.notes.draftFor(rangeOf(document, 'defended it'), 'e1');
    expect(builds).toHaveBeenCalledTimes(1);
    expect(draft).toMatchObject({ pageTitle: document.title, entityId: 'e1', entityName: 'Alpha' });
    expect(draft.selector[0]).toMatchObject({ type: 'TextQuoteSelector', exact: 'defended it' });
    // The page's URL is not the page script's to give: the browser reports it with the frame's request.
    expect(draft).not.toHaveProperty('pageUrl');
    expect(t.notes.draftFor(null).selector).toEqual([]);
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
