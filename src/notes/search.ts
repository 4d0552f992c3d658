/**
 * Finding notes by what the reader remembers: words from the note, the
 * quoted passage, a tag, the page title or the person or agency it is about.
 * Matching ignores case and accents ("Nielsen", "nielsen"; "Peña", "pena").
 *
 * buildSearchIndex folds each note's searchable text once, so each keystroke
 * is only substring checks (10,000 notes in a few milliseconds).
 */
import { newestFirst, noteQuote, type Note } from './model';
import { hostOf } from './url';

export type SortOrder = 'newest' | 'oldest' | 'page';

export interface SearchFilters {
  /** A host such as "nytimes.com"; matches www. and other subdomains too. */
  site?: string;
  entityId?: string;
  /** One tag, compared without case or accents. */
  tag?: string;
  /** 'newest' (default) and 'oldest' go by `modified`; 'page' groups by page title, then reading order. */
  sort?: SortOrder;
}

interface IndexedNote {
  note: Note;
  haystack: string;
  site: string;
  tags: string[];
}

export interface SearchIndex {
  readonly entries: readonly IndexedNote[];
}

/** Lowercase, without accents or other combining marks. */
export function foldForSearch(text: string): string {
  return text.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase();
}

// A separator no typed query contains, so a phrase can't match across two fields.
const FIELD_SEPARATOR = '\u0000';

export function buildSearchIndex(notes: readonly Note[]): SearchIndex {
  return {
    entries: notes.map((note) => ({
      note,
      haystack: foldForSearch(
        [note.body.text, noteQuote(note), note.body.tags.join(FIELD_SEPARATOR), note.target.pageTitle, note.entityName ?? ''].join(FIELD_SEPARATOR),
      ),
      site: siteOf(note.target.source),
      tags: note.body.tags.map(foldForSearch),
    })),
  };
}

/**
 * Notes matching every word of the query (a "quoted phrase" counts as one
 * word) and every filter. An empty query matches all notes.
 */
export function search(index: SearchIndex, query: string, filters: SearchFilters = {}): Note[] {
  const terms = queryTerms(query);
  const site = filters.site ? siteOf(filters.site.includes('://') ? filters.site : `https://${filters.site}`) : '';
  const tag = filters.tag ? foldForSearch(filters.tag.trim()) : '';
  const found: Note[] = [];
  for (const entry of index.entries) {
    if (site && entry.site !== site && !entry.site.endsWith(`.${site}`)) continue;
    if (filters.entityId && entry.note.entityId !== filters.entityId) continue;
    if (tag && !entry.tags.includes(tag)) continue;
    if (!terms.every((term) => entry.haystack.includes(term))) continue;
    found.push(entry.note);
  }
  return sortNotes(found, filters.sort ?? 'newest');
}

/** One-off search; build an index instead when searching the same notes repeatedly. */
export function searchNotes(notes: readonly Note[], query: string, filters: SearchFilters = {}): Note[] {
  return search(buildSearchIndex(notes), query, filters);
}

/** Splits a query into folded terms: words, or "quoted phrases" kept whole. */
export function queryTerms(query: string): string[] {
  const terms: string[] = [];
  for (const match of foldForSearch(query).matchAll(/"([^"]*)"|(\S+)/g)) {
    const term = (match[1] ?? match[2] ?? '').trim().replace(/\s+/g, ' ');
    if (term) terms.push(term);
  }
  return terms;
}

/** A new sorted array. */
export function sortNotes(notes: readonly Note[], order: SortOrder): Note[] {
  const sorted = [...notes];
  if (order === 'newest') sorted.sort(newestFirst);
  else if (order === 'oldest') sorted.sort((a, b) => newestFirst(b, a));
  else sorted.sort(byPageThenReadingOrder);
  return sorted;
}

const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });

/** Pages alphabetically by title (then address); within a page, page notes first, then passages in reading order. */
function byPageThenReadingOrder(a: Note, b: Note): number {
  return (
    collator.compare(a.target.pageTitle, b.target.pageTitle) ||
    compareText(a.target.source, b.target.source) ||
    readingPosition(a) - readingPosition(b) ||
    compareText(a.created, b.created) ||
    compareText(a.id, b.id)
  );
}

function readingPosition(note: Note): number {
  const selector = note.target.selector;
  return selector.length === 2 ? selector[1].start : selector.length === 1 ? Number.MAX_SAFE_INTEGER - 1 : -1;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The host without "www.", so "www.nytimes.com" and "nytimes.com" are one site. */
function siteOf(url: string): string {
  return hostOf(url).replace(/^www\./, '');
}
