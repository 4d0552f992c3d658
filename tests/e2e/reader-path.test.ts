/**
 * The reader's whole path in real Chromium with the built extension: a covered page
 * lights up, a card opens on hover and closes on Esc; a DOJ story that names the same
 * officials stays dark; notes saved from a card and from a selection show in the popup,
 * survive a browser restart, and are gone after deletion.
 */
import { describe, expect, it } from 'vitest';
import { selectParagraph } from './select-paragraph';
import { openFixturePage, useExtension } from './extension-fixture';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import {
  cardText,
  collectErrors,
  eventually,
  inContentScript,
  launchWithExtension,
  noteFrame,
  noteFrameText,
  openExtensionPage,
  pageState,
  sendToTab,
  shadowElementCenter,
  tabIdOf,
  textCenter,
  waitForNoteEditor,
} from './harness';

const COVERED = '/e2e/covered-article.html';
const DOJ_STORY = '/e2e/doj-unrelated.html';

const browser = useExtension();

const openPage = (path: string) => openFixturePage(browser, path);

async function waitForCard(page: Page, includes: string, timeoutMs = 5000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  let text: string | null = null;
  while (Date.now() < deadline) {
    text = await cardText(page);
    if (text && text.includes(includes)) return text;
    await page.waitForTimeout(100);
  }
  throw new Error(`card with “${includes}” did not open; last card text: ${text}`);
}

describe('a page that covers the policy', () => {
  it('highlights the expected names without changing the page text', async () => {
    const { page, errors } = await openPage(COVERED);
    const before = await page.evaluate(() => document.body.innerText);
    const state = await pageState(browser.session, page);
    expect(state.covered).toBe(true);
    expect(state.score).toBeGreaterThan(0);
    const texts = state.mentions.map((m) => m.text);
    const ids = new Set(state.mentions.map((m) => m.entityId));
    for (const id of ['gene-hamilton', 'jeff-sessions', 'rod-rosenstein', 'stephen-miller', 'kirstjen-nielsen', 'dana-sabraw', 'eo-13841', 'zero-tolerance-policy']) {
      expect(ids).toContain(id);
    }
    expect(texts).toContain('Attorney General Jeff Sessions');
    // Short forms count once a fuller form has appeared.
    expect(texts).toContain('Mr. Hamilton');
    expect(state.mentions).toContainEqual({ entityId: 'jeff-sessions', text: 'Mr. Sessions' });
    expect(new Set(state.mentions.map((m) => m.entityId)).size).toBeGreaterThanOrEqual(8);
    // Highlights are drawn by the Custom Highlight API: no nodes added to the article.
    const highlightCount = await page.evaluate(() => (CSS as any).highlights.size);
    expect(highlightCount).toBeGreaterThanOrEqual(1);
    expect(await page.evaluate(() => document.body.innerText)).toBe(before);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('opens a card with facts and sources on hover, and Esc closes it', async () => {
    const { page, errors } = await openPage(COVERED);
    await pageState(browser.session, page);
    const point = await textCenter(page, 'Jeff Sessions');
    await page.mouse.move(point.x - 30, point.y - 40);
    await page.mouse.move(point.x, point.y, { steps: 4 });
    const text = await waitForCard(page, 'View source context');
    expect(text).toMatch(/Attorney General|attorney general/);
    expect(text).toContain('View source context');
    expect(text).toContain('Save note');
    const facts = await inContentScript<number>(page, `(b) => b.shadowRoot().querySelectorAll('.facts li').length`);
    expect(facts).toBeGreaterThanOrEqual(2);
    expect(facts).toBeLessThanOrEqual(5);
    const cites = await inContentScript<number>(page, `(b) => b.shadowRoot().querySelectorAll('.facts .cite').length`);
    expect(cites).toBeGreaterThanOrEqual(facts);
    // The card stays open while the pointer travels into it.
    const close = await shadowElementCenter(page, 'button.close');
    await page.mouse.move(close.x, close.y, { steps: 8 });
    await page.waitForTimeout(600);
    expect(await cardText(page)).toContain('Sessions');
    await page.keyboard.press('Escape');
    await page.waitForTimeout(100);
    expect(await cardText(page)).toBeNull();
    expect(errors).toEqual([]);
    await page.close();
  });

  it('opens the card with its content at once, made ready unseen while the pointer rests on the name', async () => {
    const { page, errors } = await openPage(COVERED);
    await pageState(browser.session, page);
    // Once the page is idle the UI is readied: the host, with nothing in it.
    await eventually(
      () => inContentScript<number>(page, `(b) => b.shadowRoot()?.querySelector('.layer')?.childElementCount ?? -1`),
      (n) => n === 0,
      'the card UI readied',
    );
    // Watch every change in Backstory's UI from here on.
    await inContentScript(
      page,
      `(b) => {
        const root = b.shadowRoot();
        const seen = { loading: false, upcoming: [] };
        globalThis.__bsSeen = seen;
        new MutationObserver(() => {
          if (root.querySelector('.floating .card[aria-busy]')) seen.loading = true;
          const up = root.querySelector('.upcoming');
          if (!up) return;
          const r = up.getBoundingClientRect();
          seen.upcoming.push({
            visibility: getComputedStyle(up).visibility,
            ariaHidden: up.getAttribute('aria-hidden'),
            inert: up.inert,
            hitsCard: document.elementFromPoint(r.left + r.width / 2, r.top + 20)?.localName === 'backstory-ui',
            text: up.querySelector('.name')?.textContent ?? null,
          });
        }).observe(root, { subtree: true, childList: true, attributes: true, characterData: true });
        return true;
      }`,
    );
    const point = await textCenter(page, 'Stephen Miller');
    await page.mouse.move(point.x, point.y, { steps: 3 });
    await waitForCard(page, 'Save note');
    const seen = await inContentScript<{ loading: boolean; upcoming: Array<Record<string, unknown>> }>(page, `() => globalThis.__bsSeen`);
    // Its content was there when it opened: never a loading card.
    expect(seen.loading).toBe(false);
    // Made ready during the hover delay: never painted, hit, focusable or read out before it opened.
    expect(seen.upcoming.length).toBeGreaterThan(0);
    for (const state of seen.upcoming) {
      expect(state).toEqual({ visibility: 'hidden', ariaHidden: 'true', inert: true, hitsCard: false, text: 'Stephen Miller' });
    }
    // Shown: the same card, visible and reachable.
    const shown = await inContentScript<Record<string, unknown>>(
      page,
      `(b) => { const f = b.shadowRoot().querySelector('.floating'); return { visibility: getComputedStyle(f).visibility, ariaHidden: f.getAttribute('aria-hidden'), inert: f.inert, upcoming: !!b.shadowRoot().querySelector('.upcoming') }; }`,
    );
    expect(shown).toEqual({ visibility: 'visible', ariaHidden: null, inert: false, upcoming: false });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('keeps a note being written when the pointer then rests on another name', async () => {
    const { page, errors } = await openPage(COVERED);
    await pageState(browser.session, page);
    await typeNoteOnCard(page, 'Gene Hamilton', 'A draft that must survive.');
    // Resting on another highlighted name, clear of the card, well past the hover delay.
    const other = await textCenter(page, 'Kirstjen Nielsen');
    const hit = await page.evaluate(({ x, y }) => document.elementFromPoint(x, y)?.localName, other);
    expect(hit).not.toBe('backstory-ui');
    await page.mouse.move(other.x, other.y, { steps: 3 });
    await page.waitForTimeout(800);
    const name = await inContentScript<string | null>(page, `(b) => b.shadowRoot().querySelector('.floating .name')?.textContent ?? null`);
    const text = await (await noteFrame(page)).evaluate(() => document.querySelector('textarea')?.value ?? null);
    expect({ name, text }).toEqual({ name: 'Gene P. Hamilton', text: 'A draft that must survive.' });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('closes the card once the pointer leaves both the name and the card', async () => {
    const { page } = await openPage(COVERED);
    await pageState(browser.session, page);
    const point = await textCenter(page, 'Stephen Miller');
    await page.mouse.move(point.x, point.y, { steps: 3 });
    await waitForCard(page, 'View source context');
    await page.mouse.move(5, 5, { steps: 3 });
    await page.waitForTimeout(700);
    expect(await cardText(page)).toBeNull();
    await page.close();
  });
});

describe('a DOJ story that names the same officials but not the policy', () => {
  it('stays dark', async () => {
    const { page, errors } = await openPage(DOJ_STORY);
    const state = await pageState(browser.session, page);
    expect(state.covered).toBe(false);
    expect(state.mentions).toEqual([]);
    expect(await page.evaluate(() => (CSS as any).highlights.size)).toBe(0);
    expect(await page.evaluate(() => document.querySelector('backstory-ui'))).toBeNull();
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe('notes', () => {
  it('saves from a card and from a selection, shows both in the popup, keeps them across a restart, and deletes', async () => {
    const profile = mkdtempSync(join(tmpdir(), 'backstory-notes-'));
    let s = await launchWithExtension({ userDataDir: profile });
    try {
      let page = await s.context.newPage();
      const errors = collectErrors(page);
      await page.goto(browser.server.url(COVERED));
      await pageState(s, page);

      // 1. From a card.
      await typeNoteOnCard(page, 'Gene Hamilton', 'Drafted the memo after the April 3 meeting.');
      await (await noteFrame(page)).click('form.editor button[type=submit]');
      await eventually(async () => (await cardText(page)) ?? '', (t) => t.includes('Note saved'), 'Note saved');

      // 2. From a selection (what the context-menu item sends).
      await page.keyboard.press('Escape');
      await page.evaluate(selectParagraph, { includes: 'Executive Order 13841' });
      await sendToTab(s, page, { type: 'backstory:note-selection' });
      await eventually(() => noteFrameText(page), (t) => t.includes('Save note to Backstory'), 'the selection editor');
      await waitForEditorFocus(page);
      await page.keyboard.type('The order that ended separations.');
      await page.keyboard.press('Control+Enter');
      await eventually(async () => (await cardText(page)) ?? '', (t) => t === '', 'the editor closed');

      // Both show in the popup.
      const tabId = await tabIdOf(s, page);
      const popup = await openExtensionPage(s, `popup.html?tabId=${tabId}`);
      await popup.getByText('Drafted the memo after the April 3 meeting.').waitFor();
      await popup.getByText('The order that ended separations.').waitFor();
      await popup.getByRole('tab', { name: /All notes/ }).click();
      await popup.getByText('Drafted the memo after the April 3 meeting.').waitFor();
      expect(errors).toEqual([]);

      // 3. Close the browser, relaunch with the same profile: notes are still there, on the page too.
      await s.closeKeepingProfile();
      s = await launchWithExtension({ userDataDir: profile });
      page = await s.context.newPage();
      await page.goto(browser.server.url(COVERED));
      await pageState(s, page);
      const tabId2 = await tabIdOf(s, page);
      const popup2 = await openExtensionPage(s, `popup.html?tabId=${tabId2}`);
      await popup2.getByRole('tab', { name: /All notes \(2\)/ }).click();
      await popup2.getByText('The order that ended separations.').waitFor();

      // 4. Delete one in the popup; after a reload it is gone and the other remains.
      const row = popup2.locator('article.note', { hasText: 'The order that ended separations.' });
      await row.getByRole('button', { name: 'Delete' }).click();
      await popup2.getByText(/Note deleted/).waitFor();
      await page.reload();
      await pageState(s, page);
      const popup3 = await openExtensionPage(s, `popup.html?tabId=${tabId2}`);
      await popup3.getByText('Drafted the memo after the April 3 meeting.').waitFor();
      expect(await popup3.getByText('The order that ended separations.').count()).toBe(0);
      await popup3.getByRole('tab', { name: /All notes \(1\)/ }).waitFor();
    } finally {
      await s.close();
      rmSync(profile, { recursive: true, force: true });
    }
  });
});

/** The editor focuses its text box itself; typing starts once it has. */
/** Hovers `name`, opens its card's note editor with "Save note", and types `text` (not saved). */
async function typeNoteOnCard(page: Page, name: string, text: string): Promise<void> {
  const point = await textCenter(page, name);
  await page.mouse.move(point.x, point.y, { steps: 3 });
  await eventually(async () => (await cardText(page)) ?? '', (t) => t.includes('Save note'), `the card for ${name}`);
  const save = await shadowElementCenter(page, '.actions button.primary', 'Save note');
  await page.mouse.click(save.x, save.y);
  await waitForEditorFocus(page);
  await page.keyboard.type(text);
}

async function waitForEditorFocus(page: Page): Promise<void> {
  await waitForNoteEditor(page);
}
