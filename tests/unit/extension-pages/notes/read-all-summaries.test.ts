import { describe, expect, it } from 'vitest';
import { createNote } from '../../../../src/notes/model';
import { summarizeNote, type NoteSummary } from '../../../../src/notes/search';
import type { SummaryCursor } from '../../../../src/notes/store';
import { readAllSummaries, type AskPage } from '../../../../src/extension-pages/notes/useNotes';

/** Summaries newest first, as the store lists them. */
function summaries(count: number): NoteSummary[] {
  return Array.from({ length: count }, (_, i) => {
    const made = createNote(
      { pageUrl: `https://example.com/${i % 7}`, pageTitle: `Story ${i % 7}`, text: `Note ${i}` },
      new Date(Date.UTC(2018, 5, 20, 12, 0, 0, count - i)),
    );
    if (!made.ok) throw new Error(made.error);
    return summarizeNote(made.note);
  });
}

/** A background that answers pages from `all`, and records what it was asked. */
function background(all: NoteSummary[]) {
  const asked: Array<{ limit: number; after?: SummaryCursor }> = [];
  const ask: AskPage = async (request) => {
    asked.push(request);
    const start = request.after ? all.findIndex((s) => s.id === request.after!.id) + 1 : 0;
    return { ok: true, value: all.slice(start, start + request.limit) };
  };
  return { ask, asked };
}

describe('readAllSummaries', () => {
  it('hands over a small first page, then every note in order, and says when it is done', async () => {
    const all = summaries(2_345);
    const { ask, asked } = background(all);
    const seen: Array<[number, boolean]> = [];
    let last: NoteSummary[] = [];
    const error = await readAllSummaries(
      ask,
      (read, done) => {
        seen.push([read.length, done]);
        last = read;
      },
      { first: 50, later: 1_000 },
    );
    expect(error).toBeNull();
    expect(seen).toEqual([
      [50, false],
      [1_050, false],
      [2_050, false],
      [2_345, true],
    ]);
    expect(last.map((s) => s.id)).toEqual(all.map((s) => s.id));
    expect(asked.map((r) => r.limit)).toEqual([50, 1_000, 1_000, 1_000]);
    expect(asked[1]!.after).toEqual({ modified: all[49]!.modified, id: all[49]!.id });
  });

  it('is done after one page when the first page is not full', async () => {
    const { ask, asked } = background(summaries(12));
    const seen: Array<[number, boolean]> = [];
    await readAllSummaries(ask, (read, done) => seen.push([read.length, done]), { first: 50 });
    expect(seen).toEqual([[12, true]]);
    expect(asked).toHaveLength(1);
  });

  it('asks for one more, empty page when the notes end exactly on a page', async () => {
    const { ask } = background(summaries(150));
    const seen: Array<[number, boolean]> = [];
    await readAllSummaries(ask, (read, done) => seen.push([read.length, done]), { first: 50, later: 100 });
    expect(seen).toEqual([
      [50, false],
      [150, false],
      [150, true],
    ]);
  });

  it('waits for the first page to paint before asking for more', async () => {
    const { ask, asked } = background(summaries(120));
    const events: string[] = [];
    await readAllSummaries(ask, (read) => events.push(`page ${read.length}`), {
      first: 50,
      later: 50,
      afterFirstPage: async () => {
        events.push(`painted, ${asked.length} asked`);
      },
    });
    expect(events).toEqual(['page 50', 'painted, 1 asked', 'page 100', 'page 120']);
  });

  it('returns the error of a failed page and hands over nothing after it', async () => {
    const all = summaries(300);
    const { ask: answer } = background(all);
    let calls = 0;
    const ask: AskPage = async (request) => (++calls === 3 ? { ok: false, error: 'The notes database was closed.' } : answer(request));
    const seen: number[] = [];
    expect(await readAllSummaries(ask, (read) => seen.push(read.length), { first: 50, later: 100 })).toBe('The notes database was closed.');
    expect(seen).toEqual([50, 150]);
  });

  it('stops quietly once cancelled (a newer read has started)', async () => {
    const { ask } = background(summaries(500));
    const seen: number[] = [];
    let cancelled = false;
    const error = await readAllSummaries(
      ask,
      (read) => {
        seen.push(read.length);
        if (read.length >= 150) cancelled = true;
      },
      { first: 50, later: 100, cancelled: () => cancelled },
    );
    expect(error).toBeNull();
    expect(seen).toEqual([50, 150]);
  });
});
