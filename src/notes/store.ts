/**
 * The notes database: IndexedDB in the extension's origin, opened only by the
 * background script. Every record is checked against the note rules before it
 * is written; every failure becomes a NoteStoreError with a message a reader
 * can act on and a `code` the caller can branch on.
 *
 * Schema history (each upgrade step runs in order, so a database of any age
 * reaches the current version inside one versionchange transaction):
 *   v1  store `notes` (keyPath id) of NoteRecordV1 {id, url, quote, text, created}
 *   v2  the current Note record; indexes by-source, by-modified, by-entity
 *   v3  store `summaries` (keyPath id): one NoteSummary per note, written in the same
 *       transaction as the note, with index by-modified-id on [modified, id]. The notes
 *       list reads these a page at a time instead of every full record. Changing what a
 *       summary holds needs a new version whose upgrade rewrites them (rewriteSummaries).
 */
import { openDB, unwrap, type DBSchema, type IDBPDatabase, type IDBPIndex, type IDBPObjectStore, type IDBPTransaction, type StoreNames } from 'idb';
import { NOTE_SCHEMA_VERSION, newestFirst, normalizeTags, noteProblem, sameNote, validateNote, validateNoteText, validateTags, type Note } from './model';
import { summarizeNote, type NoteSummary } from './search';
import { normalizePageUrl } from './url';

export const DB_VERSION = 3;
const NOTES = 'notes';
const SUMMARIES = 'summaries';

/** A note as the first version of Backstory stored it. */
export interface NoteRecordV1 {
  id: string;
  url: string;
  /** The selected passage, '' for a page note. */
  quote: string;
  text: string;
  /** Milliseconds since 1970. */
  created: number;
}

interface NotesDB extends DBSchema {
  notes: {
    key: string;
    value: Note;
    indexes: { 'by-source': string; 'by-modified': string; 'by-entity': string };
  };
  summaries: {
    key: string;
    value: NoteSummary;
    indexes: { 'by-modified-id': [string, string] };
  };
}

export type NoteStoreErrorCode = 'quota' | 'closed' | 'invalid' | 'not-found' | 'unknown';

export class NoteStoreError extends Error {
  override readonly name = 'NoteStoreError';
  constructor(
    message: string,
    readonly code: NoteStoreErrorCode,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export const QUOTA_MESSAGE = "Your browser's storage for Backstory is full; nothing was saved. Delete or export notes to make room.";
export const CLOSED_MESSAGE =
  "Backstory's notes database was closed (usually because Backstory was updated or restarted). Reload and try again.";

export interface NotePatch {
  text?: string;
  tags?: readonly string[];
}

export interface ImportResult {
  /** Notes that were not in the store. */
  added: number;
  /** Notes already in the store whose imported copy was modified later: the imported copy replaced them. */
  replaced: number;
  /** Notes already in the store unchanged, or changed here more recently than the imported copy. */
  skipped: number;
}

/** Where the previous page of summaries ended: its last summary's `modified` and `id`. */
export interface SummaryCursor {
  modified: string;
  id: string;
}

export interface NoteStore {
  /** Saves a new note. A note with the same id already saved → 'invalid'. */
  add(note: Note): Promise<Note>;
  /** Changes text and/or tags and bumps `modified`. */
  update(id: string, patch: NotePatch): Promise<Note>;
  /** Deletes a note and returns it, so the caller can offer undo through restore(). */
  remove(id: string): Promise<Note>;
  /**
   * Deletes several notes in one transaction (all or none) and returns those that were there, for
   * undo through restoreMany(). Ids no longer there are passed over; when none of them is → 'not-found'.
   */
  removeMany(ids: readonly string[]): Promise<Note[]>;
  /** Puts a removed note back exactly as it was. */
  restore(note: Note): Promise<Note>;
  /** Puts removed notes back exactly as they were, in one transaction: all or none. */
  restoreMany(notes: readonly Note[]): Promise<number>;
  get(id: string): Promise<Note | undefined>;
  /** Notes on one page (the URL is normalized first), newest first. */
  listForPage(pageUrl: string): Promise<Note[]>;
  /** Every page that has notes (normalized URLs, each once). */
  pageUrls(): Promise<string[]>;
  /** Notes made from one entity's card, newest first. */
  listForEntity(entityId: string): Promise<Note[]>;
  /** Every note, newest first: by `modified`, so an edited note comes back to the top. */
  listAll(): Promise<Note[]>;
  /**
   * Up to `limit` note summaries, newest first as listAll orders notes (by `modified`, ties by
   * id descending), starting after `after` or from the newest. Reads only those summaries.
   */
  listSummaries(options: { limit: number; after?: SummaryCursor }): Promise<NoteSummary[]>;
  /** How many notes there are (on a large store this takes longer than a page of summaries). */
  count(): Promise<number>;
  /** Adds many notes in one transaction: all are written or none are. */
  importNotes(notes: readonly Note[]): Promise<ImportResult>;
  close(): void;
}

export interface NoteStoreOptions {
  /** The clock for `modified` (tests pass a fake one). */
  now?: () => Date;
}

type NotesTransaction = IDBPTransaction<NotesDB, StoreNames<NotesDB>[], 'versionchange'>;

/** Opens (creating or upgrading as needed) the notes database. */
export async function openNoteStore(name = 'backstory', options: NoteStoreOptions = {}): Promise<NoteStore> {
  const now = options.now ?? (() => new Date());
  let migrationError: unknown;
  let store: IdbNoteStore | undefined;
  try {
    const db = await openDB<NotesDB>(name, DB_VERSION, {
      upgrade(database, oldVersion, _newVersion, transaction) {
        // idb does not wait for this callback; the open request only succeeds
        // once the versionchange transaction has committed, so async steps
        // still finish first, and a failed step aborts the whole upgrade.
        upgradeFrom(oldVersion, database, transaction, now).catch((error: unknown) => {
          migrationError = error;
          abortQuietly(transaction);
        });
      },
      // Another connection wants a newer version (Backstory was updated): let it.
      blocking() {
        store?.markClosed();
      },
      terminated() {
        store?.markClosed();
      },
    });
    store = new IdbNoteStore(db, now);
    return store;
  } catch (error) {
    if (migrationError !== undefined) {
      throw new NoteStoreError(`Backstory couldn't upgrade your saved notes: ${errorNameAndMessage(migrationError)}`, 'unknown', {
        cause: migrationError,
      });
    }
    throw toStoreError(error);
  }
}

// ---- Schema upgrades ---------------------------------------------------------------------

async function upgradeFrom(oldVersion: number, db: IDBPDatabase<NotesDB>, tx: NotesTransaction, now: () => Date): Promise<void> {
  if (oldVersion < 1) createV1(db);
  if (oldVersion < 2) await upgradeV1ToV2(tx, now);
  if (oldVersion < 3) await upgradeV2ToV3(db, tx);
}

function createV1(db: IDBPDatabase<NotesDB>): void {
  db.createObjectStore(NOTES, { keyPath: 'id' });
}

/** Adds the v2 indexes and rewrites each v1 record as a Note, in place. */
async function upgradeV1ToV2(tx: NotesTransaction, now: () => Date): Promise<void> {
  const notes = tx.objectStore(NOTES);
  notes.createIndex('by-source', 'target.source');
  notes.createIndex('by-modified', 'modified');
  notes.createIndex('by-entity', 'entityId');
  for (let cursor = await notes.openCursor(); cursor; cursor = await cursor.continue()) {
    await cursor.update(noteFromV1(cursor.value as unknown as Partial<NoteRecordV1>, cursor.primaryKey, now()));
  }
}

/** Adds the summaries store and writes a summary for every note. */
async function upgradeV2ToV3(db: IDBPDatabase<NotesDB>, tx: NotesTransaction): Promise<void> {
  db.createObjectStore(SUMMARIES, { keyPath: 'id' }).createIndex('by-modified-id', ['modified', 'id']);
  await rewriteSummaries(tx);
}

async function rewriteSummaries(tx: NotesTransaction): Promise<void> {
  const summaries = tx.objectStore(SUMMARIES);
  await summaries.clear();
  const writes: Array<Promise<unknown>> = [];
  for (let cursor = await tx.objectStore(NOTES).openCursor(); cursor; cursor = await cursor.continue()) {
    writes.push(summaries.put(summarizeNote(cursor.value)));
  }
  await Promise.all(writes);
}

/**
 * Lenient on purpose: an old record with a missing or odd field is still the
 * reader's note, so it is converted with defaults rather than dropped.
 */
export function noteFromV1(record: Partial<NoteRecordV1>, id: string, now: Date): Note {
  const url = typeof record.url === 'string' ? record.url : '';
  const text = typeof record.text === 'string' ? record.text : '';
  const quote = typeof record.quote === 'string' ? record.quote : '';
  const createdMs = typeof record.created === 'number' && Number.isFinite(new Date(record.created).getTime()) ? record.created : now.getTime();
  const created = new Date(createdMs).toISOString();
  return {
    id,
    schemaVersion: NOTE_SCHEMA_VERSION,
    motivation: text.trim() === '' && quote !== '' ? 'highlighting' : 'commenting',
    // v1 kept neither the page title nor the quote's context or position.
    target: {
      source: normalizePageUrl(url),
      originalUrl: url,
      pageTitle: '',
      selector: quote === '' ? [] : [{ type: 'TextQuoteSelector', exact: quote, prefix: '', suffix: '' }],
    },
    body: { text, tags: [] },
    created,
    modified: created,
  };
}

// ---- The store -----------------------------------------------------------------------------

type WriteTransaction = IDBPTransaction<NotesDB, ['notes', 'summaries'], 'readwrite'>;

/**
 * The two stores a write changes together: each method keeps a note's summary
 * beside it, in the same transaction, so they can never disagree.
 */
class NoteWriter {
  private readonly notes: IDBPObjectStore<NotesDB, ['notes', 'summaries'], 'notes', 'readwrite'>;
  private readonly summaries: IDBPObjectStore<NotesDB, ['notes', 'summaries'], 'summaries', 'readwrite'>;

  constructor(tx: WriteTransaction) {
    this.notes = tx.objectStore(NOTES);
    this.summaries = tx.objectStore(SUMMARIES);
  }

  get(id: string): Promise<Note | undefined> {
    return this.notes.get(id);
  }

  /** Adds a new note; a note with its id already saved fails with ConstraintError. */
  add(note: Note): Promise<void> {
    return both(
      () => this.notes.add(note),
      () => this.summaries.put(summarizeNote(note)),
    );
  }

  put(note: Note): Promise<void> {
    return both(
      () => this.notes.put(note),
      () => this.summaries.put(summarizeNote(note)),
    );
  }

  delete(id: string): Promise<void> {
    return both(
      () => this.notes.delete(id),
      () => this.summaries.delete(id),
    );
  }

  /**
   * The notes with these ids, in order (undefined where there is none). When the ids are a good
   * share of the store, one getAll: 10,000 gets take about 1.1 s in Chromium, a getAll of 10,000
   * notes 0.3 s.
   */
  async getMany(ids: readonly string[]): Promise<Array<Note | undefined>> {
    if (ids.length >= BULK_READ_MIN && ids.length * BULK_READ_SHARE >= (await this.count())) {
      const byId = new Map((await this.notes.getAll()).map((note) => [note.id, note]));
      return ids.map((id) => byId.get(id));
    }
    return Promise.all(ids.map((id) => this.notes.get(id)));
  }

  /**
   * Adds (a saved id fails with ConstraintError) or puts many notes with their summaries. Plain
   * requests, no promise each: a failed one aborts the transaction, which `write` reports.
   */
  writeMany(list: readonly Note[], mode: 'add' | 'put'): void {
    const notes = unwrap(this.notes);
    const summaries = unwrap(this.summaries);
    for (const note of list) {
      if (mode === 'add') notes.add(note);
      else notes.put(note);
      summaries.put(summarizeNote(note));
    }
  }

  count(): Promise<number> {
    return this.notes.count();
  }

  /** Deletes every note and summary (a plain request each, see writeMany). */
  clear(): void {
    unwrap(this.notes).clear();
    unwrap(this.summaries).clear();
  }

  /** Deletes many notes with their summaries, as plain requests (see writeMany). */
  deleteMany(ids: readonly string[]): void {
    const notes = unwrap(this.notes);
    const summaries = unwrap(this.summaries);
    for (const id of ids) {
      notes.delete(id);
      summaries.delete(id);
    }
  }
}

/** From this many ids up, getMany may read the whole store at once ... */
const BULK_READ_MIN = 64;
/** ... when the ids are at least an eighth of it. */
const BULK_READ_SHARE = 8;

/**
 * Makes two requests in the same transaction. When the second can't even be made, the first
 * (which the abort will then fail) is still observed, so no rejection goes unhandled.
 */
async function both(first: () => Promise<unknown>, second: () => Promise<unknown>): Promise<void> {
  const made = first();
  let other: Promise<unknown>;
  try {
    other = second();
  } catch (error) {
    made.catch(() => undefined);
    throw error;
  }
  await Promise.all([made, other]);
}

class IdbNoteStore implements NoteStore {
  private closed = false;

  constructor(
    private readonly db: IDBPDatabase<NotesDB>,
    private readonly now: () => Date,
  ) {}

  markClosed(): void {
    this.closed = true;
    this.db.close();
  }

  close(): void {
    this.markClosed();
  }

  add(note: Note): Promise<Note> {
    return this.write(async (notes) => {
      assertValid(note);
      await notes.add(note);
      return note;
    });
  }

  update(id: string, patch: NotePatch): Promise<Note> {
    return this.write(async (notes) => {
      const existing = await notes.get(id);
      if (!existing) throw notFound();
      const updated = applyPatch(existing, patch, this.now());
      await notes.put(updated);
      return updated;
    });
  }

  async remove(id: string): Promise<Note> {
    return (await this.removeMany([id]))[0]!;
  }

  removeMany(ids: readonly string[]): Promise<Note[]> {
    // One transaction for the lot: deleting 10,000 notes one transaction each took 16 s in Chromium.
    const unique = [...new Set(ids)];
    return this.write(async (notes) => {
      const removed = (await notes.getMany(unique)).filter((note): note is Note => note !== undefined);
      if (unique.length > 0 && removed.length === 0) throw notFound();
      // Every note (select all, delete): two requests instead of two per note.
      if (removed.length >= BULK_READ_MIN && removed.length === (await notes.count())) notes.clear();
      else notes.deleteMany(removed.map((note) => note.id));
      return removed;
    });
  }

  async restore(note: Note): Promise<Note> {
    await this.restoreMany([note]);
    return note;
  }

  async restoreMany(list: readonly Note[]): Promise<number> {
    // Every note is checked before the transaction opens, so a bad one puts back none.
    list.forEach(assertValid);
    return this.write(async (notes) => {
      notes.writeMany(list, 'put');
      return list.length;
    });
  }

  get(id: string): Promise<Note | undefined> {
    return this.read((db) => db.get(NOTES, id));
  }

  listForPage(pageUrl: string): Promise<Note[]> {
    return this.read(async (db) => (await db.getAllFromIndex(NOTES, 'by-source', normalizePageUrl(pageUrl))).sort(newestFirst));
  }

  /** Every page that has notes (normalized URLs, each once), from the by-source index's keys. */
  pageUrls(): Promise<string[]> {
    return this.read(async (db) => {
      const urls: string[] = [];
      let cursor = await db.transaction(NOTES).store.index('by-source').openKeyCursor(null, 'nextunique');
      for (; cursor; cursor = await cursor.continue()) urls.push(cursor.key);
      return urls;
    });
  }

  listForEntity(entityId: string): Promise<Note[]> {
    return this.read(async (db) => (await db.getAllFromIndex(NOTES, 'by-entity', entityId)).sort(newestFirst));
  }

  listAll(): Promise<Note[]> {
    // The index is in ascending `modified` order (ties by id), so reversed it is newestFirst order.
    return this.read(async (db) => (await db.getAllFromIndex(NOTES, 'by-modified')).reverse());
  }

  listSummaries({ limit, after }: { limit: number; after?: SummaryCursor }): Promise<NoteSummary[]> {
    return this.read(async (db) => {
      if (limit <= 0) return [];
      const index = db.transaction(SUMMARIES).store.index('by-modified-id');
      // [modified, id] descending is newest first with ties by id descending: newestFirst order.
      const before: [string, string] | undefined = after ? [after.modified, after.id] : undefined;
      return newestSummaries(index, before, limit);
    });
  }

  count(): Promise<number> {
    return this.read((db) => db.count(NOTES));
  }

  async importNotes(incoming: readonly Note[]): Promise<ImportResult> {
    // Every note is checked before the transaction opens; after that, a failed
    // write aborts the transaction, so the batch is written whole or not at all.
    const seen = new Set<string>();
    incoming.forEach((note, index) => {
      const problem = noteProblem(note);
      if (problem) throw new NoteStoreError(`Note ${index + 1} can't be imported: ${problem}.`, 'invalid');
      if (seen.has(note.id)) throw new NoteStoreError(`Note ${index + 1} has the same id as an earlier one (${note.id}).`, 'invalid');
      seen.add(note.id);
    });

    return this.write(async (notes) => {
      const existing = await notes.getMany(incoming.map((note) => note.id));
      const result: ImportResult = { added: 0, replaced: 0, skipped: 0 };
      const added: Note[] = [];
      const replaced: Note[] = [];
      incoming.forEach((note, index) => {
        const current = existing[index];
        if (!current) added.push(note);
        else if (sameNote(current, note) || note.modified <= current.modified) result.skipped++;
        else replaced.push(note);
      });
      notes.writeMany(added, 'add');
      notes.writeMany(replaced, 'put');
      result.added = added.length;
      result.replaced = replaced.length;
      return result;
    });
  }

  private async read<T>(operation: (db: IDBPDatabase<NotesDB>) => Promise<T>): Promise<T> {
    if (this.closed) throw new NoteStoreError(CLOSED_MESSAGE, 'closed');
    try {
      return await operation(this.db);
    } catch (error) {
      throw toStoreError(error);
    }
  }

  /**
   * Runs `operation` in one readwrite transaction and resolves only once it
   * has committed. On any failure the transaction is aborted (and the abort
   * awaited), so a caller that sees an error knows nothing was written.
   */
  private async write<T>(operation: (notes: NoteWriter) => Promise<T>): Promise<T> {
    if (this.closed) throw new NoteStoreError(CLOSED_MESSAGE, 'closed');
    let tx: WriteTransaction;
    try {
      tx = this.db.transaction([NOTES, SUMMARIES], 'readwrite');
    } catch (error) {
      throw toStoreError(error);
    }
    try {
      const result = await operation(new NoteWriter(tx));
      await tx.done;
      return result;
    } catch (error) {
      abortQuietly(tx);
      // The transaction's own error is the real cause when a request failed
      // because the transaction aborted (quota is reported this way at commit).
      const cause = await tx.done.then(
        () => error,
        (abortError: unknown) => (isAbortError(error) && abortError ? abortError : error),
      );
      throw toStoreError(cause);
    }
  }
}

type SummaryIndex = IDBPIndex<NotesDB, ['summaries'], 'summaries', 'by-modified-id', 'readonly'>;

/** IndexedDB 3.0's getAllRecords (Chromium 141+): a batch read that can run in descending order. */
type IndexWithRecords = IDBIndex & {
  getAllRecords?(options: { query?: IDBKeyRange | null; count?: number; direction?: IDBCursorDirection }): IDBRequest<Array<{ value: NoteSummary }>>;
};

/**
 * Up to `limit` summaries below `before` (all, without it), newest first, in one to three
 * requests rather than one per summary (each cursor step is a round trip to the browser's
 * IndexedDB and a task in the background; the popup's first page is 50 of them). One
 * getAllRecords where the browser has it; elsewhere (Firefox, older Chromium) a key cursor
 * finds the oldest of the page with one advance, and one getAll reads the page up to `before`.
 */
async function newestSummaries(index: SummaryIndex, before: [string, string] | undefined, limit: number): Promise<NoteSummary[]> {
  const range = before ? IDBKeyRange.upperBound(before, true) : null;
  const raw = unwrap(index) as IndexWithRecords;
  if (typeof raw.getAllRecords === 'function') {
    const records = await requestResult(raw.getAllRecords({ query: range, count: limit, direction: 'prev' }));
    return records.map((record) => record.value);
  }
  let cursor = await index.openKeyCursor(range, 'prev');
  if (!cursor) return [];
  if (limit > 1) cursor = await cursor.advance(limit - 1);
  // No cursor: fewer than `limit` summaries in range, so the page is all of them.
  const page = !cursor ? range : before ? IDBKeyRange.bound(cursor.key, before, false, true) : IDBKeyRange.lowerBound(cursor.key);
  return (await index.getAll(page, limit)).reverse();
}

function requestResult<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

function applyPatch(note: Note, patch: NotePatch, now: Date): Note {
  const text = patch.text === undefined ? note.body.text : patch.text.trim();
  // Writing a comment on a highlight makes it a comment.
  const motivation = note.motivation === 'highlighting' && text !== '' ? 'commenting' : note.motivation;
  const textProblem = patch.text === undefined ? null : validateNoteText(text, motivation);
  if (textProblem) throw new NoteStoreError(textProblem, 'invalid');
  const tags = patch.tags === undefined ? note.body.tags : normalizeTags(patch.tags);
  const tagsProblem = validateTags(tags);
  if (tagsProblem) throw new NoteStoreError(tagsProblem, 'invalid');
  return { ...note, motivation, body: { text, tags }, modified: laterThan(now, note.modified) };
}

/** `now`, or 1 ms after `previous` if the clock has not moved past it: an edit always sorts as newer. */
function laterThan(now: Date, previous: string): string {
  const time = now.toISOString();
  return time > previous ? time : new Date(Date.parse(previous) + 1).toISOString();
}

function assertValid(note: Note): void {
  const problem = validateNote(note);
  if (problem) throw new NoteStoreError(problem, 'invalid');
}

function notFound(): NoteStoreError {
  return new NoteStoreError('That note no longer exists; it may have been deleted in another window.', 'not-found');
}

// ---- Errors ---------------------------------------------------------------------------------

function toStoreError(error: unknown): NoteStoreError {
  if (error instanceof NoteStoreError) return error;
  const name = error instanceof Error || error instanceof DOMException ? error.name : '';
  switch (name) {
    case 'QuotaExceededError':
      return new NoteStoreError(QUOTA_MESSAGE, 'quota', { cause: error });
    case 'InvalidStateError':
      return new NoteStoreError(CLOSED_MESSAGE, 'closed', { cause: error });
    case 'ConstraintError':
      return new NoteStoreError('A note with this id is already saved.', 'invalid', { cause: error });
    case 'DataError':
    case 'DataCloneError':
      return new NoteStoreError(`This note can't be stored: ${errorNameAndMessage(error)}`, 'invalid', { cause: error });
    case 'VersionError':
      return new NoteStoreError('Your notes were saved by a newer version of Backstory. Update Backstory to open them.', 'unknown', {
        cause: error,
      });
    default:
      return new NoteStoreError(`Backstory couldn't read or save notes: ${errorNameAndMessage(error)}`, 'unknown', { cause: error });
  }
}

function isAbortError(error: unknown): boolean {
  return (error instanceof Error || error instanceof DOMException) && error.name === 'AbortError';
}

function abortQuietly(tx: IDBTransaction | { abort(): void }): void {
  try {
    tx.abort();
  } catch {
    // Already committed or aborting: nothing left to undo.
  }
}

/** A storage failure in words, with its DOMException name (QuotaExceededError, VersionError), which says most about what went wrong. */
function errorNameAndMessage(error: unknown): string {
  if (error instanceof Error || error instanceof DOMException) return error.message ? `${error.name}: ${error.message}` : error.name;
  return String(error);
}
