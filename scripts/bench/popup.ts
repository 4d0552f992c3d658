/**
 * The popup with 10,000 notes. The notes go in through the background's `notes:import` (the
 * path the notes page uses), sent from an extension page. Then the popup is opened as a page
 * (`popup.html?tabId=…`, as the browser tests do) with a script that runs before the popup's
 * own: it switches to "All notes" as soon as the tab exists (as if the popup had opened there)
 * and records when the first `.note` row is painted (the row's insertion, then a message posted
 * from the next animation frame, which runs once that frame is rendered); it says so on the
 * console, and nothing runs in the page from the bench until then. Typing into the
 * search box is timed per keystroke, from the input event to the next paint, the same way.
 */
import type { Page } from 'playwright-core';
import type { ExtensionSession } from '../lib/browser';
import { POPUP_FLOOR_PAGES, type PopupFloors } from './floors';
import { notesImportFile } from './notes';
import { median } from './stats';

export const NOTE_COUNT = 10_000;
/** Typed one key at a time; every word is common in the generated notes. */
export const SEARCH_QUERY = 'zero tolerance policy';

export interface PopupRun {
  /** Navigation start → first note row painted in "All notes". */
  firstPaintMs: number;
  /** Navigation start → the row inserted into the DOM (render done, before style, layout, paint). */
  firstRowInsertedMs: number;
  /** Each keystroke: input event → next paint, with the result count after it. */
  keystrokes: Array<{ ms: number; query: string; results: string }>;
  longTasks: Array<[number, number]>;
}

export interface PopupResult {
  notes: number;
  importFileBytes: number;
  importMs: number;
  /** Round trip of `notes:list-all` from an extension page (IndexedDB read + message copy). */
  listAllMs: number[];
  /** Round trip of the popup's first request, `notes:list-summaries` for the newest 50. */
  firstPageMs: number[];
  runs: PopupRun[];
  firstPaintMs: number;
  searchMs: number;
  /** The floor pages' first row painted (floors.ts), medians; null when the build has none. */
  floors: PopupFloors | null;
  /**
   * The median over opens of (this open's first paint − the round-trip floor page opened in the
   * same round): the same margin as firstPaintMs − floors.roundTripMs, but paired, so a slow minute on
   * a shared machine moves both sides of each difference. NaN without floors.
   */
  roundTripMarginMs: number;
}

/** What the probe logs once the first row is painted. */
const PAINTED = 'backstory-bench: first note row painted';

/** Runs in the popup page before its scripts. */
const POPUP_PROBE = `(() => {
  const m = { allClickedAt: 0, rowAt: 0, paintAt: 0, searches: [] };
  window.__bsPopup = m;
  const afterFrame = (set) => requestAnimationFrame(() => {
    const ch = new MessageChannel();
    ch.port1.onmessage = () => set(performance.now());
    ch.port2.postMessage(0);
  });
  const observer = new MutationObserver(() => {
    if (!m.allClickedAt) {
      const tab = document.getElementById('tab-all');
      if (tab) { m.allClickedAt = performance.now(); tab.click(); }
    }
    if (!m.rowAt && document.querySelector('#panel-all .note')) {
      m.rowAt = performance.now();
      afterFrame((t) => { m.paintAt = t; console.debug(${JSON.stringify(PAINTED)}); });
      observer.disconnect();
    }
  });
  observer.observe(document, { childList: true, subtree: true });
  document.addEventListener('input', (e) => {
    const target = e.target;
    if (!(target instanceof HTMLInputElement) || !target.classList.contains('search')) return;
    const start = e.timeStamp;
    const query = target.value;
    afterFrame((t) => {
      const count = document.querySelector('#panel-all .count');
      m.searches.push({ ms: t - start, query, results: count ? count.textContent : '' });
    });
  }, true);
})();`;

async function sendFromExtensionPage(page: Page, message: Record<string, unknown>): Promise<{ reply: unknown; ms: number }> {
  return page.evaluate(async (msg) => {
    const g = globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } };
    const t0 = performance.now();
    const reply = await g.chrome.runtime.sendMessage(msg);
    return { reply, ms: performance.now() - t0 };
  }, message);
}

export async function seedNotes(session: ExtensionSession, count = NOTE_COUNT): Promise<{ bytes: number; ms: number }> {
  const file = notesImportFile(count);
  const page = await session.context.newPage();
  try {
    await page.goto(`chrome-extension://${session.extensionId}/options.html`);
    const { reply, ms } = await sendFromExtensionPage(page, { type: 'notes:import', text: file });
    const r = reply as { ok: boolean; value?: { added: number }; error?: string };
    if (!r?.ok) throw new Error(`notes:import failed: ${r?.error ?? JSON.stringify(reply)}`);
    if (r.value!.added !== count) throw new Error(`notes:import added ${r.value!.added} of ${count} notes`);
    return { bytes: Buffer.byteLength(file), ms };
  } finally {
    await page.close();
  }
}

async function firstPageMs(session: ExtensionSession): Promise<number> {
  const page = await session.context.newPage();
  try {
    await page.goto(`chrome-extension://${session.extensionId}/options.html`);
    const { reply, ms } = await sendFromExtensionPage(page, { type: 'notes:list-summaries', limit: 50 });
    const r = reply as { ok: boolean; value?: unknown[] };
    if (!r?.ok || r.value?.length !== 50) throw new Error('notes:list-summaries did not return the first 50 notes');
    return ms;
  } finally {
    await page.close();
  }
}

async function listAllMs(session: ExtensionSession): Promise<number> {
  const page = await session.context.newPage();
  try {
    await page.goto(`chrome-extension://${session.extensionId}/options.html`);
    const { reply, ms } = await sendFromExtensionPage(page, { type: 'notes:list-all' });
    const r = reply as { ok: boolean; value?: unknown[] };
    if (!r?.ok || r.value?.length !== NOTE_COUNT) throw new Error('notes:list-all did not return every note');
    return ms;
  } finally {
    await page.close();
  }
}

/**
 * Opens `url` in a new tab with the probe and waits for its first row painted, without running
 * anything in the page until then: the probe says so on the console. `waitForFunction` would run
 * Playwright's own script in the page on load, which in the popup falls between a row's insertion
 * and its paint, and in the floor pages in their idle round trip: unequal costs.
 */
async function openUntilPainted(session: ExtensionSession, url: string): Promise<Page> {
  const page = await session.context.newPage();
  try {
    await page.addInitScript(POPUP_PROBE);
    const painted = page.waitForEvent('console', { predicate: (m) => m.text() === PAINTED, timeout: 60_000 });
    await page.goto(url, { waitUntil: 'commit' });
    await painted;
    return page;
  } catch (e) {
    await page.close();
    throw e;
  }
}

async function popupRun(session: ExtensionSession, tabId: number): Promise<PopupRun> {
  const page = await openUntilPainted(session, `chrome-extension://${session.extensionId}/popup.html?tabId=${tabId}`);
  try {
    const first = await page.evaluate(() => (window as unknown as { __bsPopup: { rowAt: number; paintAt: number } }).__bsPopup);
    const box = page.locator('#panel-all input.search');
    await box.click();
    for (let i = 0; i < SEARCH_QUERY.length; i++) {
      await page.keyboard.type(SEARCH_QUERY[i]!);
      await page.waitForFunction((n) => (window as unknown as { __bsPopup: { searches: unknown[] } }).__bsPopup.searches.length >= n, i + 1, {
        timeout: 30_000,
      });
    }
    const searches = await page.evaluate(() => (window as unknown as { __bsPopup: { searches: PopupRun['keystrokes'] } }).__bsPopup.searches);
    const longTasks = await page.evaluate(() => (window as unknown as { __bsLongTasks?: () => Array<[number, number]> }).__bsLongTasks?.() ?? []);
    return { firstPaintMs: first.paintAt, firstRowInsertedMs: first.rowAt, keystrokes: searches, longTasks };
  } finally {
    await page.close();
  }
}

/** A floor page (floors.ts): navigation start → its first `.note` row painted. */
async function floorRun(session: ExtensionSession, file: string): Promise<number> {
  const page = await openUntilPainted(session, `chrome-extension://${session.extensionId}/${file}`);
  try {
    return await page.evaluate(() => (window as unknown as { __bsPopup: { paintAt: number } }).__bsPopup.paintAt);
  } finally {
    await page.close();
  }
}

/**
 * Opens of the popup (and of each floor page) at the least. One open's first paint varies by tens of
 * milliseconds on a shared machine; seven keep the medians, and their difference, steady.
 */
const MIN_POPUP_OPENS = 7;

/**
 * The popup with NOTE_COUNT notes, opened `runs` times (MIN_POPUP_OPENS at the least). With
 * `floors` (the build holds floors.ts's pages), each open is followed by one load of each floor
 * page, so both see the same conditions.
 */
export async function measurePopup(session: ExtensionSession, tabId: number, runs: number, floors = false): Promise<PopupResult> {
  const opens = Math.max(runs, MIN_POPUP_OPENS);
  const seeded = await seedNotes(session);
  const listAll: number[] = [];
  for (let i = 0; i < runs; i++) listAll.push(await listAllMs(session));
  const firstPage: number[] = [];
  for (let i = 0; i < runs; i++) firstPage.push(await firstPageMs(session));
  const results: PopupRun[] = [];
  const floorTimes: Record<keyof PopupFloors, number[]> = { staticMs: [], moduleMs: [], roundTripMs: [] };
  for (let i = 0; i < opens; i++) {
    results.push(await popupRun(session, tabId));
    if (!floors) continue;
    // Rotated, so that none of them always comes first after the popup closes.
    const pages = Object.entries(POPUP_FLOOR_PAGES) as Array<[keyof PopupFloors, string]>;
    for (let k = 0; k < pages.length; k++) {
      const [key, file] = pages[(i + k) % pages.length]!;
      floorTimes[key].push(await floorRun(session, file));
    }
  }
  const floorMedians = floors ? { staticMs: median(floorTimes.staticMs), moduleMs: median(floorTimes.moduleMs), roundTripMs: median(floorTimes.roundTripMs) } : null;
  // A popup part that ran must give its figures: a missing one fails the run rather than printing –.
  for (const [i, r] of results.entries()) {
    if (!Number.isFinite(r.firstPaintMs) || r.firstPaintMs <= 0) throw new Error(`popup run ${i + 1}: no first paint`);
    if (r.keystrokes.length !== SEARCH_QUERY.length) throw new Error(`popup run ${i + 1}: ${r.keystrokes.length} of ${SEARCH_QUERY.length} keystrokes timed`);
  }
  if (floorMedians && !Object.values(floorMedians).every((v) => Number.isFinite(v) && v > 0)) throw new Error(`popup floors incomplete: ${JSON.stringify(floorMedians)}`);
  return {
    notes: NOTE_COUNT,
    importFileBytes: seeded.bytes,
    importMs: seeded.ms,
    listAllMs: listAll,
    firstPageMs: firstPage,
    runs: results,
    firstPaintMs: median(results.map((r) => r.firstPaintMs)),
    searchMs: median(results.flatMap((r) => r.keystrokes.map((k) => k.ms))),
    floors: floorMedians,
    roundTripMarginMs: median(results.map((r, i) => r.firstPaintMs - (floorTimes.roundTripMs[i] ?? Number.NaN))),
  };
}
