import { describe, expect, it } from 'vitest';
import { createNote, type Note, type NoteDraft } from '../../../src/notes/model';
import { foldForSearch, queryTerms, searchSummaries, sortNotes, sortSummaries, summarizeNote } from '../../../src/notes/search';
import { describeQuote } from '../../../src/notes/selectors';

let minute = 0;
function note(draft: Partial<NoteDraft> & { text: string }, quoteIn?: [string, string]): Note {
  const selector = quoteIn ? describeQuote(quoteIn[0], quoteIn[0].indexOf(quoteIn[1]), quoteIn[0].indexOf(quoteIn[1]) + quoteIn[1].length) : undefined;
  const result = createNote(
    { pageUrl: 'https://www.example.com/a', pageTitle: 'Family separation explained', ...draft, ...(selector ? { selector } : {}) },
    new Date(Date.UTC(2018, 5, 20, 12, minute++)),
  );
  if (!result.ok) throw new Error(result.error);
  return result.note;
}

const page = 'Judge Dana Sabraw ordered reunification. Later, Enrique Peña Nieto criticised the policy.';
const sabraw = note({ text: 'The injunction came six days after the order.', tags: ['court'], entityId: 'dana-sabraw', entityName: 'Dana Sabraw' }, [page, 'ordered reunification']);
const pena = note({ text: 'Reaction from Mexico', tags: ['Mexico', 'diplomacy'], pageUrl: 'https://news.other.org/b', pageTitle: 'Reactions abroad' }, [page, 'Enrique Peña Nieto']);
const memo = note({ text: 'Memo text, April 6', tags: ['DOJ'], pageUrl: 'https://example.com/memo', pageTitle: 'The memo', entityId: 'jeff-sessions', entityName: 'Jeff Sessions' });
const lookalike = note({ text: 'Not the same site', pageUrl: 'https://notexample.com/x', pageTitle: 'Elsewhere' });
const all = [sabraw, pena, memo, lookalike];
const ids = (notes: ReadonlyArray<{ id: string }>) => notes.map((n) => n.id);
/** Searches notes as the lists do: through their summaries. */
const searchNotes = (notes: readonly Note[], query: string, filters?: Parameters<typeof searchSummaries>[2]) =>
  searchSummaries(notes.map(summarizeNote), query, filters);

describe('searchNotes', () => {
  it('finds words in the note text, the quote, tags, page title and entity name', () => {
    expect(ids(searchNotes(all, 'injunction'))).toEqual([sabraw.id]);
    expect(ids(searchNotes(all, 'reunification'))).toEqual([sabraw.id]);
    expect(ids(searchNotes(all, 'diplomacy'))).toEqual([pena.id]);
    expect(ids(searchNotes(all, 'abroad'))).toEqual([pena.id]);
    expect(ids(searchNotes(all, 'sessions'))).toEqual([memo.id]);
  });

  it('ignores case and accents, in the query and in the notes', () => {
    expect(ids(searchNotes(all, 'pena nieto'))).toEqual([pena.id]);
    expect(ids(searchNotes(all, 'PEÑA'))).toEqual([pena.id]);
    expect(ids(searchNotes(all, 'mexico'))).toEqual([pena.id]);
    expect(foldForSearch('Çà Ÿ Ø ß')).toBe('ca y ø ß');
  });

  it('needs every word, in any field', () => {
    expect(ids(searchNotes(all, 'court injunction'))).toEqual([sabraw.id]);
    expect(ids(searchNotes(all, 'court mexico'))).toEqual([]);
  });

  it('keeps a "quoted phrase" together', () => {
    expect(ids(searchNotes(all, '"six days after"'))).toEqual([sabraw.id]);
    expect(ids(searchNotes(all, '"days six"'))).toEqual([]);
    expect(queryTerms('  "Six   Days" after ')).toEqual(['six days', 'after']);
  });

  it('does not match a phrase across two fields', () => {
    // Text ends "...the order." and the quote begins "ordered": no "order. ordered" phrase.
    expect(searchNotes(all, '"order. ordered"')).toEqual([]);
  });

  it('returns every note, newest first, for an empty query', () => {
    expect(ids(searchNotes(all, '   '))).toEqual(ids([lookalike, memo, pena, sabraw]));
  });

  it('filters by site, including www. and subdomains but not look-alike hosts', () => {
    expect(ids(searchNotes(all, '', { site: 'example.com' }))).toEqual([memo.id, sabraw.id]);
    expect(ids(searchNotes(all, '', { site: 'www.example.com' }))).toEqual([memo.id, sabraw.id]);
    expect(ids(searchNotes(all, '', { site: 'other.org' }))).toEqual([pena.id]);
  });

  it('filters by entity and by tag (without case), together with words', () => {
    expect(ids(searchNotes(all, '', { entityId: 'jeff-sessions' }))).toEqual([memo.id]);
    expect(ids(searchNotes(all, '', { tag: 'doj' }))).toEqual([memo.id]);
    expect(ids(searchNotes(all, 'reaction', { tag: 'Mexico', site: 'other.org' }))).toEqual([pena.id]);
    expect(searchNotes(all, 'reaction', { tag: 'court' })).toEqual([]);
  });

  it('sorts newest first, oldest first, or by page in reading order', () => {
    expect(ids(searchNotes(all, '', { sort: 'oldest' }))).toEqual(ids([sabraw, pena, memo, lookalike]));
    const samePage = 'First passage here. Second passage there. Third passage last.';
    const third = note({ text: 'c', pageUrl: 'https://example.com/p', pageTitle: 'A page' }, [samePage, 'Third passage']);
    const first = note({ text: 'a', pageUrl: 'https://example.com/p', pageTitle: 'A page' }, [samePage, 'First passage']);
    const pageNote = note({ text: 'about the whole page', pageUrl: 'https://example.com/p', pageTitle: 'A page' });
    const zPage = note({ text: 'z', pageUrl: 'https://example.com/z', pageTitle: 'Zebra page' });
    expect(ids(sortNotes([zPage, third, first, pageNote], 'page'))).toEqual(ids([pageNote, first, third, zPage]));
  });

  it('searches stored summaries with the same results as the notes themselves', () => {
    const summaries = all.map(summarizeNote);
    for (const [query, filters] of [
      ['court', {}],
      ['memo', {}],
      ['PEÑA', {}],
      ['', { site: 'www.example.com', sort: 'oldest' }],
      ['reaction', { tag: 'mexico' }],
      ['', { entityId: 'jeff-sessions' }],
      ['', { sort: 'page' }],
    ] as const) {
      expect(ids(searchSummaries(summaries, query, filters))).toEqual(ids(searchNotes(all, query, filters)));
    }
  });
});

describe('summarizeNote', () => {
  it('keeps what a list row shows, and folds the searchable text once', () => {
    expect(summarizeNote(sabraw)).toEqual({
      id: sabraw.id,
      created: sabraw.created,
      modified: sabraw.modified,
      source: 'https://www.example.com/a',
      originalUrl: 'https://www.example.com/a',
      pageTitle: 'Family separation explained',
      quote: 'ordered reunification',
      text: 'The injunction came six days after the order.',
      tags: ['court'],
      entityId: 'dana-sabraw',
      entityName: 'Dana Sabraw',
      host: 'www.example.com',
      position: page.indexOf('ordered reunification'),
      searchText: 'the injunction came six days after the order.\0ordered reunification\0court\0family separation explained\0dana sabraw',
      tagKeys: ['court'],
    });
    const summary = summarizeNote(pena);
    expect(summary.searchText).toContain('enrique pena nieto');
    expect(summary.tagKeys).toEqual(['mexico', 'diplomacy']);
    expect('entityId' in summarizeNote(lookalike)).toBe(false);
    expect(summarizeNote(lookalike).position).toBe(-1);
  });

  it('sorts summaries as sortNotes sorts notes, in every order', () => {
    const summaries = all.map(summarizeNote);
    for (const order of ['newest', 'oldest', 'page'] as const) {
      expect(sortSummaries(summaries, order).map((s) => s.id)).toEqual(ids(sortNotes(all, order)));
    }
  });
});
