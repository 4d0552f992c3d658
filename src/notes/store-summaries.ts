/** Reading the notes lists' summaries a page at a time, newest first, in as few requests as the browser allows. */
import { unwrap, type IDBPIndex } from 'idb';
import type { NoteSummary } from './search';
import type { NotesDB } from './store-schema';

export type SummaryIndex = IDBPIndex<NotesDB, ['summaries'], 'summaries', 'by-modified-id', 'readonly'>;

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
export async function newestSummaries(index: SummaryIndex, before: [string, string] | undefined, limit: number): Promise<NoteSummary[]> {
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
