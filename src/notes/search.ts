/**
 * Finding notes by what the reader remembers: words from the note, the
 * quoted passage, a tag, the page title or the person or agency it is about.
 * Matching ignores case and accents ("Nielsen", "nielsen"; "Peña", "pena").
 *
 * Each note's searchable text is folded once, into its NoteSummary when the
 * note is written, so each keystroke is only substring checks (10,000 notes in
 * a few milliseconds).
 */
import { newestFirst, noteQuote, type Note } from './model';
import { hostnameOf } from './url';

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

/**
 * What a row in the notes list needs, and what searching needs, about one note: the store
 * keeps one beside every note (written in the same transaction), so the list can be read
 * page by page without reading full records, and searching never folds text while typing.
 */
export interface NoteSummary {
  id: string;
  created: string;
  modified: string;
  /** The normalized page address (Note.target.source). */
  source: string;
  originalUrl: string;
  pageTitle: string;
  /** The quoted passage; '' for a note about a page or an entity. */
  quote: string;
  /** The note's whole text (the editor starts from it). */
  text: string;
  tags: string[];
  entityId?: string;
  entityName?: string;
  /** hostnameOf(source), lowercased, with any "www.". */
  host: string;
  /** Where the passage starts in the page text, for reading order: -1 for a page note, near Number.MAX_SAFE_INTEGER for a passage with no position. */
  position: number;
  /** foldForSearch of the text, the whole quote, the tags, the page title and the entity name. */
  searchText: string;
  /** The tags, folded. */
  tagKeys: string[];
}

/** Lowercase, without accents or other combining marks. */
export function foldForSearch(text: string): string {
  return text.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase();
}

// A separator no typed query contains, so a phrase can't match across two fields.
const FIELD_SEPARATOR = '\u0000';

export function summarizeNote(note: Note): NoteSummary {
  const quote = noteQuote(note);
  const summary: NoteSummary = {
    id: note.id,
    created: note.created,
    modified: note.modified,
    source: note.target.source,
    originalUrl: note.target.originalUrl,
    pageTitle: note.target.pageTitle,
    quote,
    text: note.body.text,
    tags: [...note.body.tags],
    host: hostnameOf(note.target.source),
    position: readingPosition(note),
    searchText: foldForSearch(
      [note.body.text, quote, note.body.tags.join(FIELD_SEPARATOR), note.target.pageTitle, note.entityName ?? ''].join(FIELD_SEPARATOR),
    ),
    tagKeys: note.body.tags.map(foldForSearch),
  };
  if (note.entityId !== undefined) summary.entityId = note.entityId;
  if (note.entityName !== undefined) summary.entityName = note.entityName;
  return summary;
}

/**
 * Summaries matching every word of the query (a "quoted phrase" counts as one
 * word) and every filter, in the order asked for. An empty query matches all.
 * Sorting is cheap when the summaries come newest first, as the store lists them.
 */
export function searchSummaries(summaries: readonly NoteSummary[], query: string, filters: SearchFilters = {}): NoteSummary[] {
  const terms = queryTerms(query);
  const site = filters.site ? siteOf(filters.site.includes('://') ? filters.site : `https://${filters.site}`) : '';
  const tag = filters.tag ? foldForSearch(filters.tag.trim()) : '';
  const found: NoteSummary[] = [];
  for (const summary of summaries) {
    if (site && summary.host !== site && !summary.host.endsWith(`.${site}`)) continue;
    if (filters.entityId && summary.entityId !== filters.entityId) continue;
    if (tag && !summary.tagKeys.includes(tag)) continue;
    if (!terms.every((term) => summary.searchText.includes(term))) continue;
    found.push(summary);
  }
  return sortSummaries(found, filters.sort ?? 'newest');
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

/** What the sort orders look at; a NoteSummary is one. */
type SortKey = Pick<NoteSummary, 'id' | 'created' | 'modified' | 'source' | 'pageTitle' | 'position'>;

/** A new sorted array of summaries. */
export function sortSummaries<T extends SortKey>(items: readonly T[], order: SortOrder): T[] {
  const sorted = [...items];
  sorted.sort(comparatorFor(order));
  return sorted;
}

/** A new sorted array of notes. */
export function sortNotes(notes: readonly Note[], order: SortOrder): Note[] {
  const keyed = notes.map((note) => ({
    note,
    id: note.id,
    created: note.created,
    modified: note.modified,
    source: note.target.source,
    pageTitle: note.target.pageTitle,
    position: readingPosition(note),
  }));
  return sortSummaries(keyed, order).map((entry) => entry.note);
}

function comparatorFor(order: SortOrder): (a: SortKey, b: SortKey) => number {
  if (order === 'newest') return newestFirst;
  if (order === 'oldest') return (a, b) => newestFirst(b, a);
  return byPageThenReadingOrder;
}

// Made on first use: building a collator loads locale data, which would slow every list page's start.
let collator: Intl.Collator | undefined;

/** Pages alphabetically by title (then address); within a page, page notes first, then passages in reading order. */
function byPageThenReadingOrder(a: SortKey, b: SortKey): number {
  return (
    (collator ??= new Intl.Collator('en', { sensitivity: 'base', numeric: true })).compare(a.pageTitle, b.pageTitle) ||
    compareText(a.source, b.source) ||
    a.position - b.position ||
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
  return hostnameOf(url).replace(/^www\./, '');
}
