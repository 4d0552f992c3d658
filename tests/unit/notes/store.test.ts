import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openDB } from 'idb';
import { createNote, type Note, type NoteDraft } from '../../../src/notes/model';
import { summarizeNote } from '../../../src/notes/search';
import { describeQuote } from '../../../src/notes/selectors';
import {
  CLOSED_MESSAGE,
  DB_VERSION,
  NoteStoreError,
  QUOTA_MESSAGE,
  openNoteStore,
  type NoteRecordV1,
  type NoteStore,
} from '../../../src/notes/store';
import { exportJsonLd, parseImport } from '../../../src/notes/transfer';
import { ARTICLE } from './article';

let databases = 0;
/** fake-indexeddb lives for the whole file: each test gets its own database. */
const uniqueName = () => `backstory-test-${++databases}`;

/** A clock the test moves by hand. */
function fakeClock(start = '2018-06-20T12:00:00.000Z') {
  let time = Date.parse(start);
  return {
    now: () => new Date(time),
    advance(ms = 60_000) {
      time += ms;
    },
  };
}

function makeNote(index: number, overrides: Partial<NoteDraft> = {}, time = new Date(Date.UTC(2018, 5, 20, 12, 0, index))): Note {
  const result = createNote(
    { pageUrl: `https://example.com/story-${index % 3}`, pageTitle: `Story ${index % 3}`, text: `Note number ${index}`, ...overrides },
    time,
  );
  if (!result.ok) throw new Error(result.error);
  return result.note;
}

async function expectStoreError(promise: Promise<unknown>, code: NoteStoreError['code'], message?: string | RegExp) {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(NoteStoreError);
  expect((error as NoteStoreError).code).toBe(code);
  if (message !== undefined) expect((error as NoteStoreError).message).toMatch(message);
}

const stores: NoteStore[] = [];
async function open(name = uniqueName(), clock = fakeClock()): Promise<NoteStore> {
  const store = await openNoteStore(name, { now: clock.now });
  stores.push(store);
  return store;
}

afterEach(() => {
  vi.restoreAllMocks();
  for (const store of stores.splice(0)) store.close();
});

describe('the note store', () => {
  it('saves a note and gives it back unchanged', async () => {
    const store = await open();
    const note = makeNote(1, { selector: describeQuote(ARTICLE, 100, 140), tags: ['court'], entityId: 'dana-sabraw', entityName: 'Dana Sabraw' });
    await store.add(note);
    expect(await store.get(note.id)).toEqual(note);
    expect(await store.count()).toBe(1);
  });

  it('gives undefined for a note it does not have', async () => {
    const store = await open();
    expect(await store.get('urn:uuid:nope')).toBeUndefined();
  });

  it('refuses an invalid note and writes nothing', async () => {
    const store = await open();
    const note = makeNote(1);
    await expectStoreError(store.add({ ...note, body: { text: '', tags: [] } }), 'invalid', 'Write something first.');
    await expectStoreError(store.add({ ...note, target: { ...note.target, source: 'javascript:alert(1)' } }), 'invalid', /http\(s\)/);
    expect(await store.count()).toBe(0);
  });

  it('refuses a second note with the same id', async () => {
    const store = await open();
    const note = makeNote(1);
    await store.add(note);
    await expectStoreError(store.add({ ...note, body: { text: 'other', tags: [] } }), 'invalid', 'A note with this id is already saved.');
    expect((await store.get(note.id))?.body.text).toBe('Note number 1');
  });

  it('lists the notes of one page, newest first, from any form of its URL', async () => {
    const store = await open();
    const notes = [0, 1, 2, 3, 4, 5, 6].map((i) => makeNote(i));
    for (const note of notes) await store.add(note);
    const page = await store.listForPage('https://EXAMPLE.com/story-0?utm_source=x#comments');
    expect(page.map((note) => note.body.text)).toEqual(['Note number 6', 'Note number 3', 'Note number 0']);
  });

  it('lists the notes made from one entity', async () => {
    const store = await open();
    await store.add(makeNote(1, { entityId: 'jeff-sessions', entityName: 'Jeff Sessions' }));
    await store.add(makeNote(2));
    await store.add(makeNote(3, { entityId: 'jeff-sessions', entityName: 'Jeff Sessions' }));
    expect((await store.listForEntity('jeff-sessions')).map((note) => note.body.text)).toEqual(['Note number 3', 'Note number 1']);
  });

  it('lists all notes newest first by modified time, so an edited note comes to the top', async () => {
    const clock = fakeClock('2018-07-01T00:00:00.000Z');
    const store = await open(uniqueName(), clock);
    for (const i of [1, 2, 3]) await store.add(makeNote(i));
    expect((await store.listAll()).map((note) => note.body.text)).toEqual(['Note number 3', 'Note number 2', 'Note number 1']);
    await store.update((await store.listAll())[2]!.id, { text: 'Note number 1, revised' });
    expect((await store.listAll()).map((note) => note.body.text)).toEqual(['Note number 1, revised', 'Note number 3', 'Note number 2']);
  });

  it('updates text and tags, bumps modified and keeps created', async () => {
    const clock = fakeClock('2018-07-01T00:00:00.000Z');
    const store = await open(uniqueName(), clock);
    const note = makeNote(1);
    await store.add(note);
    clock.advance(5000);
    const updated = await store.update(note.id, { text: '  New text  ', tags: [' ice ', 'ICE', 'hhs'] });
    expect(updated).toEqual({ ...note, body: { text: 'New text', tags: ['ice', 'hhs'] }, modified: '2018-07-01T00:00:05.000Z' });
    expect(await store.get(note.id)).toEqual(updated);
  });

  it('moves modified forward even when the clock has not', async () => {
    const note = makeNote(1, {}, new Date('2018-07-01T00:00:00.000Z'));
    const store = await open(uniqueName(), fakeClock('2018-07-01T00:00:00.000Z'));
    await store.add(note);
    expect((await store.update(note.id, { text: 'again' })).modified).toBe('2018-07-01T00:00:00.001Z');
  });

  it('turns a highlight into a comment when text is written on it', async () => {
    const store = await open();
    const highlight = makeNote(1, { motivation: 'highlighting', text: '', selector: describeQuote(ARTICLE, 0, 20) });
    await store.add(highlight);
    expect((await store.update(highlight.id, { text: 'Why this matters' })).motivation).toBe('commenting');
  });

  it('refuses an update that empties a comment or breaks the tag rules, and keeps the note', async () => {
    const store = await open();
    const note = makeNote(1);
    await store.add(note);
    await expectStoreError(store.update(note.id, { text: ' ' }), 'invalid', 'Write something first.');
    await expectStoreError(store.update(note.id, { tags: Array.from({ length: 25 }, (_, i) => `t${i}`) }), 'invalid', /at most 20 tags/);
    expect(await store.get(note.id)).toEqual(note);
  });

  it('says a note is gone when updating or removing one that does not exist', async () => {
    const store = await open();
    await expectStoreError(store.update('urn:uuid:gone', { text: 'x' }), 'not-found', /no longer exists/);
    await expectStoreError(store.remove('urn:uuid:gone'), 'not-found');
  });

  it('removes a note, returning it so restore can undo the removal exactly', async () => {
    const store = await open();
    const note = makeNote(1, { selector: describeQuote(ARTICLE, 50, 90), tags: ['undo'] });
    await store.add(note);
    const removed = await store.remove(note.id);
    expect(removed).toEqual(note);
    expect(await store.get(note.id)).toBeUndefined();
    await store.restore(removed);
    expect(await store.get(note.id)).toEqual(note);
    expect(await store.listForPage(note.target.source)).toEqual([note]);
  });

  it('removes many notes in one go, returning those that were there, and restores them exactly', async () => {
    const store = await open();
    const notes = Array.from({ length: 5 }, (_, i) => makeNote(i, { tags: [`t${i}`] }));
    for (const note of notes) await store.add(note);
    const ids = [notes[0]!.id, notes[2]!.id, 'urn:uuid:gone', notes[2]!.id, notes[4]!.id];
    const removed = await store.removeMany(ids);
    // The one already gone is passed over, the repeated one counted once.
    expect(removed).toEqual([notes[0], notes[2], notes[4]]);
    expect((await store.listAll()).map((n) => n.id).sort()).toEqual([notes[1]!.id, notes[3]!.id].sort());
    expect(await store.restoreMany(removed)).toBe(3);
    expect(await store.listAll()).toEqual([...notes].reverse());
    expect(await store.listSummaries({ limit: 10 })).toHaveLength(5);
  });

  it('says the notes are gone when none of the ids is there, and restores none when one note is bad', async () => {
    const store = await open();
    await expectStoreError(store.removeMany(['urn:uuid:gone', 'urn:uuid:also-gone']), 'not-found');
    const good = makeNote(1);
    const bad = { ...makeNote(2), created: 'yesterday' } as Note;
    await expectStoreError(store.restoreMany([good, bad]), 'invalid');
    expect(await store.count()).toBe(0);
  });

  it('loses nothing when two handles add notes at the same time', async () => {
    const name = uniqueName();
    const [first, second] = await Promise.all([open(name), open(name)]);
    const notes = Array.from({ length: 100 }, (_, i) => makeNote(i));
    await Promise.all(notes.map((note, i) => (i % 2 === 0 ? first : second).add(note)));
    const third = await open(name);
    expect(await third.count()).toBe(100);
    expect(new Set((await third.listAll()).map((note) => note.id))).toEqual(new Set(notes.map((note) => note.id)));
  });
});

describe('note summaries', () => {
  /** Every summary, read page by page the way the notes lists read them. */
  async function readInPages(store: NoteStore, limit: number) {
    const pages = [await store.listSummaries({ limit })];
    while (pages.at(-1)!.length === limit) {
      const last = pages.at(-1)![limit - 1]!;
      pages.push(await store.listSummaries({ limit, after: { modified: last.modified, id: last.id } }));
    }
    return pages;
  }

  // Browsers with IndexedDB's getAllRecords read a page in one request; the others (Firefox 140)
  // find the page's oldest key with a cursor and read the page with getAll. Both must agree.
  describe.each([
    ['with getAllRecords', true],
    ['without getAllRecords', false],
  ])('%s', (_name, withRecords) => {
    const proto = IDBIndex.prototype as unknown as { getAllRecords?: unknown };
    const original = proto.getAllRecords;
    beforeEach(() => {
      expect(typeof original).toBe('function');
      if (!withRecords) delete proto.getAllRecords;
    });
    afterEach(() => {
      proto.getAllRecords = original;
    });

    it('lists summaries a page at a time, newest first like listAll', async () => {
      const store = await open();
      // Groups of five share a modified time, so pages must split ties by id without losing or repeating any.
      const notes = Array.from({ length: 123 }, (_, i) => makeNote(i, {}, new Date(Date.UTC(2018, 5, 20, 12, 0, Math.floor(i / 5)))));
      await store.importNotes(notes);
      const pages = await readInPages(store, 10);
      expect(pages.map((page) => page.length)).toEqual([...Array(12).fill(10), 3]);
      expect(pages.flat()).toEqual((await store.listAll()).map(summarizeNote));
    });

    it('gives the newest notes first, and nothing past the oldest', async () => {
      const store = await open();
      await store.importNotes(Array.from({ length: 30 }, (_, i) => makeNote(i)));
      const first = await store.listSummaries({ limit: 3 });
      expect(first.map((s) => s.text)).toEqual(['Note number 29', 'Note number 28', 'Note number 27']);
      expect(await store.listSummaries({ limit: 0 })).toEqual([]);
      expect(await store.listSummaries({ limit: 50, after: { modified: '2000-01-01T00:00:00.000Z', id: '' } })).toEqual([]);
    });

    it('reads a page in a few requests, not one per summary', async () => {
      const store = await open();
      await store.importNotes(Array.from({ length: 200 }, (_, i) => makeNote(i)));
      const cursorSteps = vi.spyOn(IDBCursor.prototype, 'continue');
      const page = await store.listSummaries({ limit: 50, after: { modified: '2018-06-20T12:02:30.000Z', id: '' } });
      expect(page.map((s) => s.text)).toEqual(Array.from({ length: 50 }, (_, i) => `Note number ${149 - i}`));
      expect(cursorSteps).not.toHaveBeenCalled();
    });

    it('gives a short last page whole', async () => {
      const store = await open();
      await store.importNotes(Array.from({ length: 7 }, (_, i) => makeNote(i)));
      expect((await store.listSummaries({ limit: 50 })).map((s) => s.text)).toEqual(
        Array.from({ length: 7 }, (_, i) => `Note number ${6 - i}`),
      );
      expect(await store.listSummaries({ limit: 1 })).toHaveLength(1);
      const [third] = (await store.listSummaries({ limit: 3 })).slice(-1);
      expect((await store.listSummaries({ limit: 50, after: third })).map((s) => s.text)).toEqual(
        Array.from({ length: 4 }, (_, i) => `Note number ${3 - i}`),
      );
    });
  });

  it('keeps each summary in step with its note through add, update, remove, restore and import', async () => {
    const clock = fakeClock('2018-07-01T00:00:00.000Z');
    const store = await open(uniqueName(), clock);
    const summariesMatchNotes = async () => expect(await store.listSummaries({ limit: 100 })).toEqual((await store.listAll()).map(summarizeNote));
    const [a, b, c] = [makeNote(1, { tags: ['court'] }), makeNote(2, { selector: describeQuote(ARTICLE, 10, 60) }), makeNote(3)];
    await store.add(a);
    await store.add(b);
    await store.add(c);
    await summariesMatchNotes();
    await store.update(a.id, { text: 'Edited: the injunction', tags: ['Court', 'memo'] });
    const [newest] = await store.listSummaries({ limit: 1 });
    expect(newest).toMatchObject({ id: a.id, text: 'Edited: the injunction', tags: ['Court', 'memo'], tagKeys: ['court', 'memo'] });
    expect(newest!.searchText).toContain('edited: the injunction');
    await summariesMatchNotes();
    const removed = await store.remove(b.id);
    expect(await store.listSummaries({ limit: 100 })).toHaveLength(2);
    await summariesMatchNotes();
    await store.restore(removed);
    await summariesMatchNotes();
    await store.importNotes([{ ...c, body: { text: 'Imported newer copy', tags: [] }, modified: '2018-08-01T00:00:00.000Z' }, makeNote(4)]);
    await summariesMatchNotes();
    expect((await store.listSummaries({ limit: 1 }))[0]).toMatchObject({ id: c.id, text: 'Imported newer copy' });
  });

  it('writes no summary when the note itself is not written', async () => {
    const store = await open();
    await store.add(makeNote(1));
    vi.spyOn(IDBObjectStore.prototype, 'add').mockImplementation(() => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    });
    await expectStoreError(store.add(makeNote(2)), 'quota');
    await expectStoreError(store.importNotes([makeNote(3), makeNote(4)]), 'quota');
    vi.restoreAllMocks();
    expect((await store.listSummaries({ limit: 10 })).map((s) => s.text)).toEqual(['Note number 1']);
  });

  it('writes no note when its summary cannot be written', async () => {
    const store = await open();
    const realPut = IDBObjectStore.prototype.put;
    vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['put']>) {
      if (this.name === 'summaries') throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return realPut.apply(this, args);
    });
    await expectStoreError(store.add(makeNote(1)), 'quota', QUOTA_MESSAGE);
    vi.restoreAllMocks();
    expect(await store.count()).toBe(0);
    expect(await store.listAll()).toEqual([]);
  });
});

describe('storage errors', () => {
  it('reports a full disk as quota with a message saying nothing was saved, and keeps no partial record', async () => {
    const store = await open();
    vi.spyOn(IDBObjectStore.prototype, 'add').mockImplementation(() => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    });
    await expectStoreError(store.add(makeNote(1)), 'quota', QUOTA_MESSAGE);
    vi.restoreAllMocks();
    expect(await store.count()).toBe(0);
    expect(QUOTA_MESSAGE).toBe("Your browser's storage for Backstory is full; nothing was saved. Delete or export notes to make room.");
  });

  it('reports a closed database as closed', async () => {
    const store = await openNoteStore(uniqueName());
    store.close();
    await expectStoreError(store.add(makeNote(1)), 'closed', CLOSED_MESSAGE);
    await expectStoreError(store.listAll(), 'closed');
  });

  it('steps aside when a newer version of Backstory opens the database, then reports closed', async () => {
    const name = uniqueName();
    const store = await open(name);
    const newer = await openDB(name, DB_VERSION + 1); // would hang if the store did not close
    newer.close();
    await expectStoreError(store.count(), 'closed');
  });

  it('explains that notes saved by a newer version cannot be opened', async () => {
    const name = uniqueName();
    (await openDB(name, DB_VERSION + 5)).close();
    await expectStoreError(openNoteStore(name), 'unknown', /newer version of Backstory/);
  });

  it('maps an unexpected failure to unknown with the browser’s reason', async () => {
    const store = await open();
    vi.spyOn(IDBObjectStore.prototype, 'add').mockImplementation(() => {
      throw new DOMException('disk on fire', 'UnknownError');
    });
    await expectStoreError(store.add(makeNote(1)), 'unknown', "Backstory couldn't read or save notes: UnknownError: disk on fire");
  });
});

describe('importNotes', () => {
  const batch = (count: number) => Array.from({ length: count }, (_, i) => makeNote(i, { tags: [`t${i % 5}`] }));

  it('adds a batch and reports what it added', async () => {
    const store = await open();
    expect(await store.importNotes(batch(50))).toEqual({ written: true, added: 50, replaced: 0, skipped: 0, previous: [] });
    expect(await store.count()).toBe(50);
  });

  it('adds nothing when the same notes are imported twice', async () => {
    const store = await open();
    const notes = batch(30);
    await store.importNotes(notes);
    expect(await store.importNotes(structuredClone(notes))).toEqual({ written: true, added: 0, replaced: 0, skipped: 30, previous: [] });
    expect(await store.count()).toBe(30);
  });

  it('replaces a note only with a copy modified later, and keeps a newer local edit', async () => {
    const clock = fakeClock('2018-08-01T00:00:00.000Z');
    const store = await open(uniqueName(), clock);
    const [older, newer] = batch(2);
    await store.importNotes([older!, newer!]);
    const editedHere = await store.update(newer!.id, { text: 'edited here' });
    const editedElsewhere = { ...older!, body: { ...older!.body, text: 'edited elsewhere' }, modified: '2018-07-01T00:00:00.000Z' };
    const staleCopy = { ...newer!, body: { ...newer!.body, text: 'stale' }, modified: '2018-06-21T00:00:00.000Z' };
    const storedOlder = await store.get(older!.id);
    expect(await store.importNotes([editedElsewhere, staleCopy], { replace: false })).toEqual({ written: false, added: 0, replaced: 1, skipped: 1, previous: [] });
    expect(await store.get(older!.id), 'not allowed to replace: nothing written').toEqual(storedOlder);
    expect(await store.importNotes([editedElsewhere, staleCopy])).toEqual({ written: true, added: 0, replaced: 1, skipped: 1, previous: [storedOlder] });
    expect(await store.get(older!.id)).toEqual(editedElsewhere);
    expect(await store.get(newer!.id)).toEqual(editedHere);
  });

  it('gives back the versions an import replaced, which restoreMany puts back as they were', async () => {
    const store = await open();
    const notes = batch(3);
    await store.importNotes(notes);
    const newer = notes.map((note) => ({ ...note, body: { ...note.body, text: `imported over ${note.id}` }, modified: '2030-01-01T00:00:00.000Z' }));
    const result = await store.importNotes([...newer.slice(0, 2), makeNote(99)]);
    expect(result).toMatchObject({ added: 1, replaced: 2, skipped: 0 });
    expect(result.previous).toEqual(notes.slice(0, 2));
    expect(await store.restoreMany(result.previous)).toBe(2);
    expect(await store.get(notes[0]!.id)).toEqual(notes[0]);
    expect(await store.get(notes[1]!.id)).toEqual(notes[1]);
    expect((await store.listSummaries({ limit: 10 })).find((s) => s.id === notes[0]!.id)?.text).toBe(notes[0]!.body.text);
  });

  it('writes none of a batch that would replace a note when replacing is not allowed, and all of one that would not', async () => {
    const store = await open();
    const notes = batch(5);
    await store.importNotes(notes.slice(0, 2));
    const newer = { ...notes[0]!, body: { ...notes[0]!.body, text: 'newer' }, modified: '2030-01-01T00:00:00.000Z' };
    expect(await store.importNotes([newer, ...notes.slice(1)], { replace: false })).toMatchObject({ written: false, added: 3, replaced: 1, skipped: 1 });
    expect(await store.count()).toBe(2);
    expect(await store.importNotes(notes, { replace: false })).toMatchObject({ written: true, added: 3, replaced: 0, skipped: 2 });
    expect(await store.count()).toBe(5);
  });

  it('sorts a large batch into added, replaced and skipped when it reads the whole store at once', async () => {
    const store = await open();
    const notes = batch(200);
    await store.importNotes(notes.slice(0, 40));
    const later = (note: Note) => ({ ...note, body: { ...note.body, text: 'edited elsewhere' }, modified: '2019-01-01T00:00:00.000Z' });
    // 200 ids against 40 saved notes: one read of the store, not 200.
    const getAll = vi.spyOn(IDBObjectStore.prototype, 'getAll');
    const incoming = [...notes.slice(0, 20).map(later), ...notes.slice(20)];
    expect(await store.importNotes(incoming)).toMatchObject({ added: 160, replaced: 20, skipped: 20 });
    expect(getAll).toHaveBeenCalledTimes(1);
    expect(await store.count()).toBe(200);
    expect((await store.get(notes[0]!.id))!.body.text).toBe('edited elsewhere');

    const removed = await store.removeMany(notes.slice(0, 100).map((n) => n.id));
    expect(removed).toHaveLength(100);
    expect(await store.count()).toBe(100);
    expect(await store.listSummaries({ limit: 500 })).toHaveLength(100);

    // Every note left, named one by one: the stores are cleared, and undo still has them all.
    const clear = vi.spyOn(IDBObjectStore.prototype, 'clear');
    const rest = await store.removeMany(notes.slice(100).map((n) => n.id));
    expect(clear).toHaveBeenCalledTimes(2);
    expect(await store.count()).toBe(0);
    expect(await store.listSummaries({ limit: 500 })).toEqual([]);
    expect(await store.restoreMany(rest)).toBe(100);
    expect((await store.listAll()).map((n) => n.id).sort()).toEqual(notes.slice(100).map((n) => n.id).sort());
  });

  it('writes none of a batch whose 500th note is invalid, and names that note', async () => {
    const store = await open();
    const notes = batch(1000);
    notes[499] = { ...notes[499]!, target: { ...notes[499]!.target, source: 'data:text/html,hi' } };
    await expectStoreError(store.importNotes(notes), 'invalid', /^Note 500 can't be imported: target\.source: must be an http\(s\) web address\.$/);
    expect(await store.count()).toBe(0);
  });

  it('writes none of a batch when the database fails on the 500th write', async () => {
    const store = await open();
    await store.add(makeNote(5000));
    const realAdd = IDBObjectStore.prototype.add;
    let writes = 0;
    vi.spyOn(IDBObjectStore.prototype, 'add').mockImplementation(function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['add']>) {
      if (++writes === 500) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return realAdd.apply(this, args);
    });
    await expectStoreError(store.importNotes(batch(1000)), 'quota', QUOTA_MESSAGE);
    vi.restoreAllMocks();
    expect(await store.count()).toBe(1);
  });

  it('takes a JSON-LD export back into an empty store exactly', async () => {
    const original = await open();
    await original.importNotes(batch(200).map((note, i) => (i % 2 ? { ...note, target: { ...note.target, selector: describeQuote(ARTICLE, i, i + 40) } } : note)));
    const parsed = parseImport(exportJsonLd(await original.listAll()));
    if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
    const copy = await open();
    expect(await copy.importNotes(parsed.notes)).toEqual({ written: true, added: 200, replaced: 0, skipped: 0, previous: [] });
    expect(await copy.listAll()).toStrictEqual(await original.listAll());
  });

  it('refuses a batch that repeats an id', async () => {
    const store = await open();
    const [note] = batch(1);
    await expectStoreError(store.importNotes([note!, note!]), 'invalid', /^Note 2 has the same id as an earlier one/);
    expect(await store.count()).toBe(0);
  });
});

describe('schema upgrades', () => {
  it('creates the current schema with its indexes in a new database', async () => {
    const name = uniqueName();
    (await openNoteStore(name)).close();
    const db = await openDB(name);
    expect(db.version).toBe(DB_VERSION);
    expect([...db.objectStoreNames].sort()).toEqual(['notes', 'summaries']);
    const tx = db.transaction(['notes', 'summaries']);
    expect([...tx.objectStore('notes').indexNames].sort()).toEqual(['by-entity', 'by-modified', 'by-source']);
    expect([...tx.objectStore('summaries').indexNames]).toEqual(['by-modified-id']);
    expect(tx.objectStore('summaries').index('by-modified-id').keyPath).toEqual(['modified', 'id']);
    await tx.done;
    db.close();
  });

  it('upgrades a database written by schema v2, writing a summary for every note', async () => {
    const name = uniqueName();
    // What Backstory wrote at schema v2: the notes and their indexes, no summaries.
    const v2 = await openDB(name, 2, {
      upgrade(db) {
        const notes = db.createObjectStore('notes', { keyPath: 'id' });
        notes.createIndex('by-source', 'target.source');
        notes.createIndex('by-modified', 'modified');
        notes.createIndex('by-entity', 'entityId');
      },
    });
    const notes = [
      makeNote(1, { selector: describeQuote(ARTICLE, 100, 160), tags: ['Peña'], entityId: 'dana-sabraw', entityName: 'Dana Sabraw' }),
      makeNote(2, { pageTitle: 'Reunification' }),
      ...Array.from({ length: 300 }, (_, i) => makeNote(10 + i)),
    ];
    for (const note of notes) await v2.put('notes', note);
    v2.close();

    const store = await open(name);
    expect(await store.count()).toBe(302);
    // The notes themselves are untouched.
    expect(await store.get(notes[0]!.id)).toEqual(notes[0]);
    const summaries = await store.listSummaries({ limit: 1000 });
    expect(summaries).toEqual((await store.listAll()).map(summarizeNote));
    expect(summaries.find((s) => s.id === notes[0]!.id)).toMatchObject({ entityName: 'Dana Sabraw', tagKeys: ['pena'] });
  });

  it('upgrades a database written by schema v1, keeping every note', async () => {
    const name = uniqueName();
    // What the first version of Backstory wrote.
    const v1 = await openDB(name, 1, {
      upgrade(db) {
        db.createObjectStore('notes', { keyPath: 'id' });
      },
    });
    const records: Array<NoteRecordV1 | Partial<NoteRecordV1>> = [
      { id: 'urn:uuid:1', url: 'https://Example.com/story?utm_source=x#p3', quote: 'zero-tolerance policy', text: 'The start of it', created: Date.UTC(2018, 5, 1) },
      { id: 'urn:uuid:2', url: 'https://example.com/story', quote: '', text: 'A page note', created: Date.UTC(2018, 5, 2) },
      { id: 'urn:uuid:3', url: 'https://example.com/other', quote: 'a highlighted passage', text: '', created: Date.UTC(2018, 5, 3) },
      { id: 'urn:uuid:4', text: 'Saved by a buggy build without url or date' },
    ];
    for (const record of records) await v1.put('notes', record);
    v1.close();

    const store = await open(name, fakeClock('2019-01-01T00:00:00.000Z'));
    expect(await store.count()).toBe(4);
    expect(await store.get('urn:uuid:1')).toEqual({
      id: 'urn:uuid:1',
      schemaVersion: 2,
      motivation: 'commenting',
      target: {
        source: 'https://example.com/story',
        originalUrl: 'https://Example.com/story?utm_source=x#p3',
        pageTitle: '',
        selector: [{ type: 'TextQuoteSelector', exact: 'zero-tolerance policy', prefix: '', suffix: '' }],
      },
      body: { text: 'The start of it', tags: [] },
      created: '2018-06-01T00:00:00.000Z',
      modified: '2018-06-01T00:00:00.000Z',
    });
    expect((await store.get('urn:uuid:2'))?.target.selector).toEqual([]);
    expect((await store.get('urn:uuid:3'))?.motivation).toBe('highlighting');
    expect(await store.get('urn:uuid:4')).toMatchObject({ body: { text: 'Saved by a buggy build without url or date' }, created: '2019-01-01T00:00:00.000Z' });
    // The new indexes cover the converted records.
    expect((await store.listForPage('https://example.com/story')).map((note) => note.id)).toEqual(['urn:uuid:2', 'urn:uuid:1']);
    expect((await store.listAll()).map((note) => note.id)).toEqual(['urn:uuid:4', 'urn:uuid:3', 'urn:uuid:2', 'urn:uuid:1']);
    // …and so do the summaries, written from the converted records.
    expect(await store.listSummaries({ limit: 10 })).toEqual((await store.listAll()).map(summarizeNote));
  });
});
