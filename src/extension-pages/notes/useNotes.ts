/**
 * Every note's summary for an extension page, newest first, kept live.
 *
 * The first page is small (enough to fill the list) so the list paints at once however many
 * notes there are; the rest follows in pages after that paint, so search, filters, sort,
 * scrolling and select-all soon cover every note. Any change from any tab or page re-reads.
 */
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { askBackground } from '../../messages/client';
import { onBroadcast } from '../../messages/handler';
import type { Reply } from '../../messages/protocol';
import type { Note } from '../../notes/model';
import { summarizeNote, type NoteSummary } from '../../notes/search';
import type { SummaryCursor } from '../../notes/store';
import { afterPaint } from './after-paint';

/** The first page: more rows than the popup or the notes page shows at once. */
export const FIRST_PAGE = 50;

/** About 1 MB a reply: each is taken in well under a keystroke's budget. */
export const LATER_PAGE = 1_000;

export interface NotesState {
  /** Newest first; null until the first page arrives. */
  notes: NoteSummary[] | null;
  /** How many notes there are (more than notes.length while loading); null until counted. */
  total: number | null;
  /** Later pages are still arriving. */
  loading: boolean;
  error: string | null;
  /** Shows this page's own change at once; the re-read its broadcast causes follows. */
  removed: (ids: readonly string[]) => void;
  updated: (note: Note) => void;
}

export type AskPage = (request: { limit: number; after?: SummaryCursor }) => Promise<Reply<NoteSummary[]>>;

/**
 * Reads every summary a page at a time, calling `onPage` with all read so far after each
 * page (`done` on the last). From the second page on, asks for the next page before handing
 * over the current one, so the background reads while this page renders. Returns the error
 * of a failed page, or null; stops quietly once `cancelled()`.
 */
export async function readAllSummaries(
  ask: AskPage,
  onPage: (summaries: NoteSummary[], done: boolean) => void,
  options: { first?: number; later?: number; cancelled?: () => boolean; afterFirstPage?: () => Promise<void> } = {},
): Promise<string | null> {
  const { first = FIRST_PAGE, later = LATER_PAGE, cancelled = () => false } = options;
  const after = (summaries: NoteSummary[]) => {
    const last = summaries[summaries.length - 1]!;
    return { modified: last.modified, id: last.id };
  };
  let reply = await ask({ limit: first });
  if (cancelled()) return null;
  if (!reply.ok) return reply.error;
  let summaries = reply.value;
  if (summaries.length < first) {
    onPage(summaries, true);
    return null;
  }
  onPage(summaries, false);
  // Let the first page paint before anything else is read or rendered.
  await options.afterFirstPage?.();
  let next: Promise<Reply<NoteSummary[]>> | null = ask({ limit: later, after: after(summaries) });
  while (next) {
    reply = await next;
    if (cancelled()) return null;
    if (!reply.ok) return reply.error;
    summaries = summaries.concat(reply.value);
    next = reply.value.length < later ? null : ask({ limit: later, after: after(summaries) });
    onPage(summaries, next === null);
  }
  return null;
}

/** Calls `onChange` whenever notes change in any tab or page. */
export function useNotesChanged(onChange: () => void): void {
  const latest = useRef(onChange);
  latest.current = onChange;
  useEffect(() => onBroadcast('backstory:notes-changed', () => latest.current()), []);
}

const askBackgroundForPage: AskPage = (request) => askBackground('notes:list-summaries', request);

/** The newest page, asked for by prefetchFirstPage before anything rendered; taken by the first read. */
let prefetched: Promise<Reply<NoteSummary[]>> | null = null;

/**
 * Asks for the newest page of notes at once. A page calls this first thing, before it renders,
 * so the round trip to the background overlaps the first render instead of following it; the
 * first read of useAllNotes then takes this reply rather than asking again.
 */
export function prefetchFirstPage(): Promise<Reply<NoteSummary[]>> {
  prefetched ??= askBackgroundForPage({ limit: FIRST_PAGE });
  return prefetched;
}

const askPage: AskPage = (request) => {
  const early = prefetched;
  prefetched = null;
  if (early && request.limit === FIRST_PAGE && request.after === undefined) return early;
  return askBackgroundForPage(request);
};

export function useAllNotes(): NotesState {
  const [state, setState] = useState<Pick<NotesState, 'notes' | 'total' | 'loading' | 'error'>>({
    notes: null,
    total: null,
    loading: true,
    error: null,
  });
  const generation = useRef(0);
  /** A complete list has been shown: a re-read then replaces it only once it is complete too. */
  const complete = useRef(false);

  const read = useCallback(async () => {
    const mine = ++generation.current;
    const cancelled = () => generation.current !== mine;
    const showPages = !complete.current;
    let counting = false;
    const error = await readAllSummaries(
      askPage,
      (summaries, done) => {
        if (done) {
          complete.current = true;
          setState({ notes: summaries, total: summaries.length, loading: false, error: null });
          return;
        }
        if (!showPages) return;
        setState((s) => ({ ...s, notes: summaries, loading: true, error: null }));
        // Counting takes a store longer than reading its newest page, so it is asked for after,
        // once that page is painted (its reply would otherwise render again before the first paint).
        if (counting) return;
        counting = true;
        void afterPaint()
          .then(() => askBackground('notes:count', {}))
          .then((reply) => {
            if (reply.ok && !cancelled()) setState((s) => (s.loading ? { ...s, total: reply.value } : s));
          });
      },
      { cancelled, afterFirstPage: afterPaint },
    );
    if (error !== null && !cancelled()) setState((s) => ({ ...s, loading: false, error }));
  }, []);

  // A layout effect starts the first read before the first paint rather than after it.
  useLayoutEffect(() => void read(), [read]);
  useNotesChanged(() => void read());

  const removed = useCallback((ids: readonly string[]) => {
    const gone = new Set(ids);
    setState((s) => {
      if (!s.notes) return s;
      const notes = s.notes.filter((n) => !gone.has(n.id));
      return { ...s, notes, total: s.total === null ? null : s.total - (s.notes.length - notes.length) };
    });
  }, []);
  const updated = useCallback((note: Note) => {
    setState((s) => {
      if (!s.notes) return s;
      // An edit makes the note the newest.
      return { ...s, notes: [summarizeNote(note), ...s.notes.filter((n) => n.id !== note.id)] };
    });
  }, []);

  return { ...state, removed, updated };
}
