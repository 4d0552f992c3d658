/**
 * What every page pays: the loader (src/content/boot/loader.ts) in a real Chromium. A page without the
 * topic and without notes never gets the engine; a covered page gets it at once; a page with a
 * saved note gets it through the script the background registers for noted pages only, and
 * stops getting it once the note is gone. State is read from the content script's isolated world
 * (never by messaging the tab, which would itself start the engine).
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { currentWorker, eventually, inContentScript, openExtensionPage, sendToTab, tabIdOf } from './harness';
import { openFixturePage, useExtension } from './extension-fixture';
import { GLOBAL_NAMES } from '../../src/content/boot/contract';

const browser = useExtension();

const UNRELATED = '/e2e/doj-unrelated.html';
const COVERED = '/e2e/covered-article.html';
const QUOTE = 'focus on cases involving technology companies';

interface Perf {
  mode: 'idle' | 'engine';
  reason?: string;
  covered: boolean;
}

const perfOf = (page: Page) => inContentScript<Perf>(page, '(b) => b.perf()');
const engineLoaded = (page: Page) => inContentScript<boolean>(page, `() => Boolean(globalThis.${GLOBAL_NAMES.engine})`);
/** Noted passages are drawn in Backstory's shadow root (its marks layer exists once one is placed), never in CSS.highlights. */
const notesDrawn = (page: Page) => inContentScript<boolean>(page, `(b) => !!b.shadowRoot()?.querySelector('.marks')`);
const highlightCount = (page: Page) => page.evaluate(() => (CSS as unknown as { highlights: Map<string, Set<Range>> }).highlights.size);

/** Sends a request to the background from an extension page, as the popup does. */
async function ask(message: Record<string, unknown>): Promise<{ ok: boolean; value?: any; error?: string }> {
  const ext = await openExtensionPage(browser.session, 'popup.html');
  try {
    return await ext.evaluate((m) => (globalThis as any).chrome.runtime.sendMessage(m), message);
  } finally {
    await ext.close();
  }
}

const open = (path: string) => openFixturePage(browser, path);

describe('the loader', () => {
  it('leaves a page without the topic alone: no engine, no highlights, no errors', async () => {
    const { page, errors } = await open(UNRELATED);
    const perf = await perfOf(page);
    expect(perf.mode).toBe('idle');
    expect(perf.covered).toBe(false);
    // Give a late engine every chance to show up.
    await page.waitForTimeout(500);
    expect(await engineLoaded(page)).toBe(false);
    expect(await highlightCount(page)).toBe(0);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('registers no message listener on an idle page until Backstory asks, then answers without the engine', async () => {
    const { page, errors } = await open(UNRELATED);
    expect((await perfOf(page)).mode).toBe('idle');
    const tabId = await tabIdOf(browser.session, page);
    const rawSend = async () =>
      (await currentWorker(browser.session)).evaluate(async (tabId) => {
        try {
          return { reply: await (globalThis as any).chrome.tabs.sendMessage(tabId, { type: 'backstory:page-state' }, { frameId: 0 }) };
        } catch (e) {
          return { error: String(e) };
        }
      }, tabId);
    expect((await rawSend()).error).toMatch(/Receiving end does not exist/);
    // Backstory's own senders wake the loader first (src/messages/tab-wake.ts).
    expect(await sendToTab(browser.session, page, { type: 'backstory:page-state' })).toMatchObject({ covered: false, mentions: [] });
    expect((await rawSend()).reply).toMatchObject({ covered: false });
    expect(await engineLoaded(page)).toBe(false);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('starts the engine at once on a covered page', async () => {
    const { page, errors } = await open(COVERED);
    const perf = await perfOf(page);
    expect(perf).toMatchObject({ mode: 'engine', reason: 'gate', covered: true });
    expect(await highlightCount(page)).toBeGreaterThan(0);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('brings a note on a page without the topic back on the next visit, and forgets the page once the note is deleted', async () => {
    const url = browser.server.url(UNRELATED);
    const saved = await ask({
      type: 'notes:save',
      draft: {
        pageUrl: url,
        pageTitle: 'Justice Department Names New Leadership',
        selector: [{ type: 'TextQuoteSelector', exact: QUOTE, prefix: 'said the division would ', suffix: ' and health care' }],
        text: 'Antitrust, not immigration: keep for the merger story.',
        tags: [],
      },
    });
    expect(saved.ok).toBe(true);

    // The registration follows the save asynchronously: a fresh visit finds the note placed.
    const placed = await eventually(
      async () => {
        const { page } = await open(`${UNRELATED}?utm_source=newsletter`);
        const perf = await perfOf(page);
        const drawn = await notesDrawn(page);
        await page.close();
        return { perf, drawn };
      },
      (v) => v.perf.mode === 'engine' && v.drawn,
      'the note is placed on a new visit',
      10_000,
    );
    expect(placed.perf).toMatchObject({ mode: 'engine', reason: 'noted', covered: false });

    // Another page of the same site is not a noted page.
    const other = await open(COVERED.replace('covered-article', 'live-blog'));
    expect((await perfOf(other.page)).reason).not.toBe('noted');
    await other.page.close();

    const deleted = await ask({ type: 'notes:delete', ids: [saved.value.id] });
    expect(deleted.ok).toBe(true);
    await eventually(
      async () => {
        const { page } = await open(UNRELATED);
        const perf = await perfOf(page);
        await page.close();
        return perf.mode;
      },
      (mode) => mode === 'idle',
      'the page is idle again after the note is deleted',
      10_000,
    );
  });

  it('starts the engine in an open tab when a note for its page is saved elsewhere', async () => {
    const { page, errors } = await open(UNRELATED);
    expect((await perfOf(page)).mode).toBe('idle');
    const saved = await ask({
      type: 'notes:save',
      draft: {
        pageUrl: browser.server.url(UNRELATED),
        pageTitle: 'Justice Department Names New Leadership',
        selector: [{ type: 'TextQuoteSelector', exact: QUOTE, prefix: '', suffix: '' }],
        text: 'Saved from another tab.',
        tags: [],
      },
    });
    expect(saved.ok).toBe(true);
    await eventually(() => notesDrawn(page), (drawn) => drawn, 'the note is drawn in the open tab');
    expect((await perfOf(page)).reason).toBe('noted');
    await ask({ type: 'notes:delete', ids: [saved.value.id] });
    expect(errors).toEqual([]);
    await page.close();
  });
});
