/**
 * The notes database's shape and its upgrades. Each upgrade step runs in order, so a database of
 * any age reaches the current version inside one versionchange transaction:
 *   v1  store `notes` (keyPath id) of NoteRecordV1 {id, url, quote, text, created}
 *   v2  the current Note record; indexes by-source, by-modified, by-entity
 *   v3  store `summaries` (keyPath id): one NoteSummary per note, written in the same
 *       transaction as the note, with index by-modified-id on [modified, id]. The notes
 *       list reads these a page at a time instead of every full record. Changing what a
 *       summary holds needs a new version whose upgrade rewrites them (rewriteSummaries).
 */
import type { DBSchema, IDBPDatabase, IDBPTransaction, StoreNames } from 'idb';
import { NOTE_SCHEMA_VERSION, type Note } from './model';
import { summarizeNote, type NoteSummary } from './search';
import { normalizePageUrl } from './url';

export const DB_VERSION = 3;
export const NOTES = 'notes';
export const SUMMARIES = 'summaries';

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

export interface NotesDB extends DBSchema {
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

export type NotesTransaction = IDBPTransaction<NotesDB, StoreNames<NotesDB>[], 'versionchange'>;

export async function upgradeFrom(oldVersion: number, db: IDBPDatabase<NotesDB>, tx: NotesTransaction, now: () => Date): Promise<void> {
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
