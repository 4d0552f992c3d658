/**
 * The notes database: IndexedDB in the extension's origin, opened only by the
 * background script. Every record is checked against the note rules before it
 * is written; every failure becomes a NoteStoreError with a message a reader
 * can act on and a `code` the caller can branch on.
 *
 * The database's shape and upgrades are in store-schema.ts, paired writes in store-writer.ts,
 * paged summary reads in store-summaries.ts and the errors in store-errors.ts.
 */
import { openDB, type IDBPDatabase } from 'idb';
import { newestFirst, normalizeTags, noteProblem, sameNote, validateNote, validateNoteText, validateTags, type Note } from './model';
import type { NoteSummary } from './search';
import { normalizePageUrl } from './url';
import { abortQuietly, CLOSED_MESSAGE, errorNameAndMessage, isAbortError, NoteStoreError, toStoreError } from './store-errors';
import { DB_VERSION, NOTES, SUMMARIES, upgradeFrom, type NotesDB } from './store-schema';
import { newestSummaries } from './store-summaries';
import { BULK_READ_MIN, NoteWriter, type WriteTransaction } from './store-writer';

export { CLOSED_MESSAGE, NoteStoreError, QUOTA_MESSAGE, type NoteStoreErrorCode } from './store-errors';
export { DB_VERSION, noteFromV1, type NoteRecordV1 } from './store-schema';

export interface NotePatch {
  text?: string;
  tags?: readonly string[];
}

export interface ImportResult {
  /** False when nothing was written: the batch would replace notes, and replacing was not allowed. */
  written: boolean;
  /** Notes that were not in the store. */
  added: number;
  /** Notes already in the store whose imported copy was modified later: the imported copy replaces them. */
  replaced: number;
  /** Notes already in the store unchanged, or changed here more recently than the imported copy. */
  skipped: number;
  /** The stored versions the import replaced, as they were: restoreMany() puts them back. */
  previous: Note[];
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
  /**
   * Adds many notes in one transaction: all are written or none are. A stored note is replaced
   * only by a copy modified later, and only with `replace` (default true); the replaced versions
   * come back in `previous`. Without `replace`, a batch that would replace any writes nothing.
   */
  importNotes(notes: readonly Note[], options?: { replace?: boolean }): Promise<ImportResult>;
  close(): void;
}

export interface NoteStoreOptions {
  /** The clock for `modified` (tests pass a fake one). */
  now?: () => Date;
}

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

// ---- The store -----------------------------------------------------------------------------

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
    // One transaction for the lot: a transaction per note makes deleting thousands take seconds.
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

  async importNotes(incoming: readonly Note[], { replace = true }: { replace?: boolean } = {}): Promise<ImportResult> {
    // Every note is checked before the transaction opens; after that, a failed
    // write aborts the transaction, so the batch is written whole or not at all.
    checkImport(incoming);
    return this.write(async (notes) => {
      const existing = await notes.getMany(incoming.map((note) => note.id));
      const { added, replacing, previous, skipped } = sortImport(incoming, existing);
      const counts = { added: added.length, replaced: replacing.length, skipped };
      if (replacing.length > 0 && !replace) return { written: false, ...counts, previous: [] };
      notes.writeMany(added, 'add');
      notes.writeMany(replacing, 'put');
      return { written: true, ...counts, previous };
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

/** Refuses a batch with an invalid note or a repeated id, before any transaction opens. */
function checkImport(incoming: readonly Note[]): void {
  const seen = new Set<string>();
  incoming.forEach((note, index) => {
    const problem = noteProblem(note);
    if (problem) throw new NoteStoreError(`Note ${index + 1} can't be imported: ${problem}.`, 'invalid');
    if (seen.has(note.id)) throw new NoteStoreError(`Note ${index + 1} has the same id as an earlier one (${note.id}).`, 'invalid');
    seen.add(note.id);
  });
}

/** How an import sorts its notes against the store: new, replacing an older copy (kept in `previous`), or skipped. */
function sortImport(incoming: readonly Note[], existing: ReadonlyArray<Note | undefined>) {
  const added: Note[] = [];
  const replacing: Note[] = [];
  const previous: Note[] = [];
  let skipped = 0;
  incoming.forEach((note, index) => {
    const current = existing[index];
    if (!current) added.push(note);
    else if (sameNote(current, note) || note.modified <= current.modified) skipped++;
    else {
      replacing.push(note);
      previous.push(current);
    }
  });
  return { added, replacing, previous, skipped };
}
