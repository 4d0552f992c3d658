/**
 * What the background answers. It alone opens the notes database (in the extension's
 * origin); content scripts and extension pages ask through these handlers.
 */
import { browser } from 'wxt/browser';
import type { BackgroundHandlers, Caller } from '../messages/handler';
import { sendToTab } from '../messages/tab-wake';
import type { Pack } from '../pack/schema';
import { createNote, validateNoteText } from '../notes/model';
import type { NoteStore, SummaryCursor } from '../notes/store';
import { exportCsv, exportJsonLd, exportMarkdown, parseImport } from '../notes/transfer';
import { normalizePageUrl } from '../notes/url';
import { readSettings, writeSettings } from '../settings/store';
import { packAbout, sampleArticle } from './about';
import { badgeText, clearAllBadges, setTabBadge } from './badge';
import { broadcast } from './broadcast';
import { MAX_CARDS_PER_REQUEST, entityCard, entityCards, measureCard } from './cards';
import { timelineQuery } from '../extension-pages/timeline/query';

export interface BackgroundDeps {
  store: () => Promise<NoteStore>;
  pack: Pack;
  /** Called after any change to the notes (src/background/noted-pages.ts follows them). */
  onNotesChanged?: () => void;
}

const EXPORTS = {
  jsonld: { ext: 'jsonld', mime: 'application/ld+json', write: exportJsonLd },
  markdown: { ext: 'md', mime: 'text/markdown', write: exportMarkdown },
  csv: { ext: 'csv', mime: 'text/csv', write: exportCsv },
} as const;

/** Every request the background answers, one entry per message: long as a table is long, each entry short. */
export function createHandlers({ store, pack, onNotesChanged }: BackgroundDeps): BackgroundHandlers {
  /** Tells every view; `urls` are the pages whose notes changed (so tabs showing others can stay idle). */
  const changed = (...urls: string[]) => {
    onNotesChanged?.();
    const pages = [...new Set(urls)];
    void broadcast({ type: 'backstory:notes-changed', url: pages.length === 1 ? pages[0] : undefined, urls: pages });
  };
  return {
    'page:boot': async ({ url }, caller) => {
      const [settings, notes] = await Promise.all([readSettings(), (await store()).listForPage(pageOf(caller, url))]);
      return { settings, notes };
    },
    'card:get': async ({ entityId }) => entityCard(pack, entityId),
    'card:get-many': async ({ entityIds }) => entityCards(pack, entityIds),
    'card:get-measure': async ({ measureId }) => measureCard(pack, measureId),
    'notes:save': async ({ draft }, caller) => {
      // A page saves notes for itself only, whatever URL its message names.
      const made = createNote(caller.kind === 'extension' ? draft : { ...draft, pageUrl: caller.url }, new Date());
      if (!made.ok) throw new Error(made.error);
      const note = made.note;
      await (await store()).add(note);
      changed(note.target.source);
      return note;
    },
    'notes:list-page': async ({ url }, caller) => (await store()).listForPage(pageOf(caller, url)),
    'notes:page-has-notes': async (_req, caller) => (await (await store()).listForPage(pageOf(caller))).length > 0,
    'notes:list-all': async () => (await store()).listAll(),
    'notes:list-summaries': async ({ limit, after }) => (await store()).listSummaries(summaryPageRequest(limit, after)),
    'notes:count': async () => (await store()).count(),
    'notes:update': async ({ id, text, tags }, caller) => {
      if (text !== undefined) {
        const problem = validateNoteText(text);
        if (problem) throw new Error(problem);
      }
      await ownNotesOnly(await store(), caller, [id]);
      const note = await (await store()).update(id, { text, tags });
      changed(note.target.source);
      return note;
    },
    'notes:delete': async ({ ids }, caller) => {
      await ownNotesOnly(await store(), caller, ids);
      const removed = await (await store()).removeMany(ids);
      changed(...removed.map((n) => n.target.source));
      return removed;
    },
    'notes:restore': async ({ notes }, caller) => {
      if (caller.kind !== 'extension' && notes.some((n) => n?.target?.source !== pageOf(caller))) throw notYours();
      const restored = await (await store()).restoreMany(notes);
      changed(...notes.map((n) => n.target.source));
      return restored;
    },
    'notes:import': async ({ text, replace }) => {
      const parsed = parseImport(text);
      if (!parsed.ok) throw new Error(`This file can’t be imported:\n${parsed.errors.join('\n')}`);
      const result = await (await store()).importNotes(parsed.notes, { replace: replace === true });
      if (result.written) changed(...parsed.notes.map((n) => n.target.source));
      return result;
    },
    'notes:export': async ({ format, ids }) => {
      const all = await (await store()).listAll();
      const wanted = ids ? new Set(ids) : null;
      const chosen = wanted ? all.filter((n) => wanted.has(n.id)) : all;
      const kind = EXPORTS[format];
      const stamp = new Date().toISOString().slice(0, 10);
      return { filename: `backstory-notes-${stamp}.${kind.ext}`, mime: kind.mime, text: kind.write(chosen) };
    },
    'source:open': async ({ sourceId, excerptId, quote }) => {
      const params = new URLSearchParams({ source: sourceId });
      if (excerptId) params.set('excerpt', excerptId);
      if (quote) params.set('quote', quote);
      await browser.tabs.create({ url: browser.runtime.getURL(`/source.html?${params}` as '/source.html') });
      return null;
    },
    'timeline:open': async ({ date, entities }) => {
      const query = timelineQuery(date, entities.slice(0, MAX_CARDS_PER_REQUEST));
      await browser.tabs.create({ url: browser.runtime.getURL(`/timeline.html${query}` as '/timeline.html') });
      return null;
    },
    'page:open-note': async ({ url, noteId }) => {
      const tab = await browser.tabs.create({ url: webUrl(url) });
      // Ask the new tab's content script, once it answers, to scroll to the note and flash it.
      if (tab.id !== undefined) void showNoteWhenReady(tab.id, noteId);
      return null;
    },
    'settings:get': async () => readSettings(),
    'settings:set': async ({ patch }) => {
      const settings = await writeSettings(patch);
      if (settings.paused) void clearAllBadges();
      // Pages take the change before the reply, so a popup that reads its page next reads it as it is
      // now; a page that does not answer (a script stuck in a dialog) holds the reply up a second at most.
      // The storage watch (broadcastSettingsChanges) tells them too, for changes made elsewhere; a page
      // ignores settings it already has.
      await Promise.race([broadcast({ type: 'backstory:settings-changed', settings }), new Promise((r) => setTimeout(r, 1000))]);
      return settings;
    },
    'page:report': async (report, caller) => {
      if (caller.tabId !== undefined) await setTabBadge(caller.tabId, badgeText(report));
      return null;
    },
    'pack:about': async () => packAbout(pack),
    'pack:sample': async () => sampleArticle(pack),
  };
}

/** The page a request is about: a page's own URL, or the URL an extension page names. */
function pageOf(caller: Caller, named?: unknown): string {
  if (caller.kind !== 'extension') return normalizePageUrl(caller.url);
  if (typeof named !== 'string') throw new Error('Asked for a page’s notes without naming the page.');
  return normalizePageUrl(named);
}

function notYours(): Error {
  return Object.assign(new Error('A note can be changed here only on its own page.'), { code: 'not-allowed' });
}

/** For the note frame: every note named must exist and be on the frame's own page. */
async function ownNotesOnly(notes: NoteStore, caller: Caller, ids: readonly unknown[]): Promise<void> {
  if (caller.kind === 'extension') return;
  const page = pageOf(caller);
  for (const id of ids) {
    const note = typeof id === 'string' ? await notes.get(id) : undefined;
    if (note?.target.source !== page) throw notYours();
  }
}

/** An http(s) URL, checked: notes are about web pages, and no other scheme is opened for one. */
export function webUrl(url: unknown): string {
  let parsed: URL | null = null;
  try {
    parsed = typeof url === 'string' ? new URL(url) : null;
  } catch {
    // Not a URL: refused below.
  }
  if (!parsed || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')) {
    throw Object.assign(new Error('Backstory opens only web pages (http or https) for a note.'), { code: 'not-allowed' });
  }
  return parsed.href;
}

/** The most summaries one reply carries (about 1 MB), so no reply keeps a list page busy for long. */
export const SUMMARY_PAGE_MAX = 2_000;

function summaryPageRequest(limit: unknown, after: unknown): { limit: number; after?: SummaryCursor } {
  if (typeof limit !== 'number' || !Number.isFinite(limit)) throw new Error('Asked for a page of notes without saying how many.');
  const page = { limit: Math.min(Math.max(Math.floor(limit), 0), SUMMARY_PAGE_MAX) };
  if (after === undefined) return page;
  const cursor = after as Partial<SummaryCursor> | null;
  if (typeof cursor?.modified !== 'string' || typeof cursor.id !== 'string') throw new Error('Asked for a page of notes after an unknown place.');
  return { ...page, after: { modified: cursor.modified, id: cursor.id } };
}

/**
 * Polls the tab until its content script has placed the note (a local page can finish loading
 * before any tabs.onUpdated listener would be registered, so we don't wait for that event).
 */
async function showNoteWhenReady(tabId: number, noteId: string): Promise<void> {
  for (let attempt = 0; attempt < 60; attempt++) {
    try {
      const shown = await sendToTab(tabId, { type: 'backstory:show-note', noteId });
      if (shown === true) return;
    } catch {
      // The content script is not there yet.
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}
