/**
 * The one message protocol. Every message Backstory sends has a request type and a
 * reply type here; errors come back as values with a readable message.
 *
 * Background requests come from content scripts and extension pages, each only from the
 * senders BACKGROUND_GRANTS names, and are answered with `Reply<T>`. Tab requests go from the
 * background or popup to a tab's content script. `backstory:page-state` keeps its raw reply
 * shape: outside tools rely on it.
 */
import type { Entity, Figure, Measure, Source, TimelineEvent } from '../pack/schema';
import type { Note, NoteDraft } from '../notes/model';
import type { NoteSummary } from '../notes/search';
import type { ImportResult, SummaryCursor } from '../notes/store';
import type { Settings } from '../settings/settings';

export type Reply<T> = { ok: true; value: T } | { ok: false; error: string; code?: string };

/** Which pack a card comes from, for its "data as of" line and correction reports. */
export interface CardPackInfo {
  title: string;
  version: string;
  dataAsOf: string;
  corrections?: { email?: string; url?: string };
}

/** Everything a card needs about one entity, resolved on the background side. */
export interface EntityCard {
  entity: Entity;
  pack: CardPackInfo;
  /** The sources its facts, quotes, figures and timeline events cite, by id. */
  sources: Record<string, Source>;
  /** Related entities, for the card's links. */
  related: Array<{ id: string; name: string }>;
  /** Names of every entity the card refers to (quote speakers, related), by id. */
  names: Record<string, string>;
  /** Timeline events that involve the entity, oldest first. */
  events: TimelineEvent[];
}

/** Every figure the pack has for one measure, side by side, for the figures card of a count in an article. */
export interface MeasureCard {
  measure: Measure;
  /** Each figure with the entity (report, case, term) that carries it; in the pack's order. */
  figures: Array<{ figure: Figure; entityId: string; entityName: string }>;
  pack: CardPackInfo;
  /** The sources the figures cite, by id. */
  sources: Record<string, Source>;
}

export type ExportFormat = 'jsonld' | 'markdown' | 'csv';

export interface BackgroundRequests {
  /** One round trip when a page loads: the settings and this page's notes. */
  'page:boot': { req: { url: string }; res: { settings: Settings; notes: Note[] } };
  'card:get': { req: { entityId: string }; res: EntityCard };
  /** Cards for the names on a covered page, fetched ahead of a hover; unknown ids are left out. */
  'card:get-many': { req: { entityIds: string[] }; res: Record<string, EntityCard> };
  /** The figures card for a count of a measure found in the page's article. */
  'card:get-measure': { req: { measureId: string }; res: MeasureCard };
  'notes:save': { req: { draft: NoteDraft }; res: Note };
  'notes:list-page': { req: { url: string }; res: Note[] };
  /** Whether the sender's own page has notes (entrypoints/noted-page.ts, on a noted page's origin). */
  'notes:page-has-notes': { req: Record<string, never>; res: boolean };
  /** Every full note, newest first (tools and tests; the notes lists read summaries). */
  'notes:list-all': { req: Record<string, never>; res: Note[] };
  /** The notes lists, a page at a time: up to `limit` summaries, newest first, after `after`. */
  'notes:list-summaries': { req: { limit: number; after?: SummaryCursor }; res: NoteSummary[] };
  /** How many notes there are. */
  'notes:count': { req: Record<string, never>; res: number };
  'notes:update': { req: { id: string; text?: string; tags?: string[] }; res: Note };
  'notes:delete': { req: { ids: string[] }; res: Note[] };
  'notes:restore': { req: { notes: Note[] }; res: number };
  /**
   * Imports a file. Stored notes are replaced (by copies edited later) only with `replace: true`;
   * without it, a file that would replace any writes nothing and says how many (`written: false`).
   */
  'notes:import': { req: { text: string; replace?: boolean }; res: ImportResult };
  'notes:export': { req: { format: ExportFormat; ids?: string[] }; res: { filename: string; mime: string; text: string } };
  'source:open': { req: { sourceId: string; excerptId?: string; quote?: string }; res: null };
  'page:open-note': { req: { url: string; noteId: string }; res: null };
  /** Opens the pack's timeline with the article's date pinned and the names it mentions marked. */
  'timeline:open': { req: { date: string | null; entities: string[] }; res: null };
  'settings:get': { req: Record<string, never>; res: Settings };
  'settings:set': { req: { patch: Partial<Settings> }; res: Settings };
  /** The page's session tells what it found, for the toolbar badge of the tab that sent it. */
  'page:report': { req: PageReport; res: null };
  /** What the active pack covers, for the welcome page and the popup. */
  'pack:about': { req: Record<string, never>; res: PackAbout };
  /** The sample article the welcome page links to, made of the pack's own quoted passages. */
  'pack:sample': { req: Record<string, never>; res: SampleArticle };
}

export interface PageReport {
  /** Names are highlighted here: the page is covered, or the reader asked to scan it anyway. */
  highlighting: boolean;
  /** Distinct names highlighted. */
  names: number;
}

export interface PackAbout {
  title: string;
  description: string;
  /** How many names and sources the pack holds. */
  entities: number;
  sources: number;
}

export interface SampleArticle {
  title: string;
  /** The document the passages are quoted from (its id opens it in the source viewer). */
  source: { id: string; title: string; author: string; publisher: string; date: string };
  passages: Array<{ text: string; locator?: string }>;
}

export type BackgroundRequestType = keyof BackgroundRequests;

/**
 * Who may send a background request:
 * - 'page': Backstory's content script on a web page, about that page only: the background takes
 *   the page's URL from the browser's sender record, never from the message;
 * - 'extension': Backstory's own pages (popup, notes, options, source viewer);
 * - 'both': any of them, a content script or note frame still only for its own page;
 * - 'page-or-extension': a content script (for its own page) or Backstory's own pages, not the note
 *   frame: what the page engine asks, which the bundled sample article (an extension page) runs too;
 * - 'own-page': Backstory's own pages, and the note frame (an extension page framed in a web
 *   page's tab) for the notes of that tab's page only.
 * A content script runs in a process the web page shares, so it gets only what its page needs;
 * the note frame runs in the extension's process, so it may also change its page's notes.
 */
export type Grant = 'page' | 'extension' | 'both' | 'own-page' | 'page-or-extension';

export const BACKGROUND_GRANTS: { readonly [K in BackgroundRequestType]: Grant } = {
  // The bundled sample article is an extension page running the page engine: it boots, asks for
  // cards and reports like a page, and none of these answers holds a reader's data.
  'page:boot': 'page-or-extension',
  'card:get': 'page-or-extension',
  'card:get-many': 'page-or-extension',
  'source:open': 'page-or-extension',
  'page:report': 'page-or-extension',
  'pack:about': 'extension',
  'pack:sample': 'extension',
  'card:get-measure': 'page-or-extension',
  'notes:page-has-notes': 'page',
  'notes:save': 'both',
  'notes:list-page': 'both',
  'notes:list-all': 'extension',
  'notes:list-summaries': 'extension',
  'notes:count': 'extension',
  'notes:update': 'own-page',
  'notes:delete': 'own-page',
  'notes:restore': 'own-page',
  'notes:import': 'extension',
  'notes:export': 'extension',
  'page:open-note': 'extension',
  'timeline:open': 'page-or-extension',
  'settings:get': 'extension',
  'settings:set': 'extension',
};

/** What the content script reports about its page (the popup's "This page"). */
export interface PageState {
  covered: boolean;
  score: number;
  mentions: Array<{ entityId: string; text: string }>;
  scanMs: number;
  /**
   * Present, and true, only when the reader asked for this page to be scanned anyway: the
   * mentions are shown although `covered` is false. Absent otherwise, so the shape is unchanged.
   */
  forced?: true;
  /** The covered article's publication date (YYYY-MM-DD), or null when unknown or not covered. */
  published: string | null;
  /** How sure the date is: high (publisher metadata), medium, low (a URL or undated line). */
  publishedConfidence: 'high' | 'medium' | 'low' | null;
  /** Counts of a pack measure in the covered article, with the words that carry them. */
  figures: Array<{ measureId: string; count: number; text: string }>;
}

export interface PageSummary {
  url: string;
  title: string;
  covered: boolean;
  score: number;
  entities: Array<{ entityId: string; name: string; type: string; count: number }>;
  /** Notes for this page that could not be placed on it. */
  orphanIds: string[];
  paused: boolean;
  /** The topic's phrases found on the page (negative weights point away from it), for "Why?". */
  signals?: Array<{ text: string; weight: number; count: number }>;
  /** Distinct names of the topic the coverage test found (highlighted or not). */
  namesFound?: number;
  /** The score from which a page counts as covered. */
  threshold?: number;
  /** The reader asked for this uncovered page to be scanned anyway (this visit only). */
  forced?: boolean;
  /** The covered article's publication date and how sure it is, as in PageState. */
  published: string | null;
  publishedConfidence: PageState['publishedConfidence'];
}

export interface TabRequests {
  'backstory:page-state': { req: Record<string, never>; res: PageState };
  'backstory:page-summary': { req: Record<string, never>; res: PageSummary };
  /** Open the note editor on the current selection (context menu, keyboard command). */
  'backstory:note-selection': { req: Record<string, never>; res: null };
  /** Enter keyboard navigation through the page's mentions. */
  'backstory:navigate-mentions': { req: Record<string, never>; res: null };
  /** Open the card of a name on the page (its first mention), with focus in it; false when it is not on the page. */
  'backstory:open-card': { req: { entityId: string }; res: boolean };
  /** Scroll to a note's quote and flash it. */
  'backstory:show-note': { req: { noteId: string }; res: boolean };
  /**
   * Broadcast: notes changed; re-read this page's notes. `urls`: the pages whose notes changed
   * (absent: unknown, any page); `url`: the one page, when only one.
   */
  'backstory:notes-changed': { req: { url?: string; urls?: string[] }; res: null };
  /**
   * "Scan this page anyway": highlight the names on a page judged not covered, for this visit only
   * (a reload or a route change forgets it). Replies with the page's summary once drawn, for the popup.
   */
  'backstory:scan-anyway': { req: Record<string, never>; res: PageSummary };
  /** Broadcast: settings changed. */
  'backstory:settings-changed': { req: { settings: Settings }; res: null };
}

export type TabRequestType = keyof TabRequests;
export type TabMessage<K extends TabRequestType = TabRequestType> = { type: K } & TabRequests[K]['req'];
