/**
 * The Firefox build in a real Firefox (Debian's firefox-esr, or $BACKSTORY_FIREFOX): MV2
 * background page instead of a service worker, content scripts with Xray vision and no
 * `customElements`, `caretPositionFromPoint` hit testing, `storage.sync` for settings.
 * On the covered fixture page: highlights drawn (Custom Highlight API), a card on hover,
 * a note saved from a selection, and the note back after a reload. The noted-page registration
 * keeps the site only, and requests reserved for extension pages are refused from the
 * content-script world.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIXTURES, startFixtureServer, type FixtureServer, type PageState } from './harness';
import { selectParagraph } from './select-paragraph';
import { SPY_EDIT, SPY_NOTE, SPY_SCRIPT, SPY_WORDS, expectNoNoteIn, spyText, type SpyEvent } from './note-spy';
import {
  askFirefoxBackground,
  firefoxCardText,
  firefoxPath,
  firefoxTextCenter,
  firefoxNoteFrame,
  inShadowRoot,
  launchFirefoxWithExtension,
  openFirefoxExtensionPage,
  sendToFirefoxTab,
  type FirefoxSession,
} from './firefox-harness';

const FIREFOX = firefoxPath();
const NO_FIREFOX = `skipped: no Firefox at ${process.env.BACKSTORY_FIREFOX ?? '/usr/bin/firefox-esr'} (install firefox-esr or set BACKSTORY_FIREFOX)`;
const COVERED = '/e2e/covered-article.html';
/** The covered article served cross-origin isolated (COOP same-origin, COEP require-corp). */
const ISOLATED = '/isolated/covered-article.html';
const ISOLATION = { 'Cross-Origin-Embedder-Policy': 'require-corp', 'Cross-Origin-Opener-Policy': 'same-origin' };

describe.skipIf(!FIREFOX)(`Backstory in Firefox${FIREFOX ? ` (${FIREFOX})` : ` — ${NO_FIREFOX}`}`, () => {
  let server: FixtureServer;
  let ff: FirefoxSession;
  let ext: Page;

  beforeAll(async () => {
    server = await startFixtureServer(FIXTURES, {
      dynamic: (path) => (path === ISOLATED ? readFileSync(join(FIXTURES, COVERED), 'utf8') : undefined),
      headers: (path) => (path === ISOLATED ? ISOLATION : undefined),
    });
    ff = await launchFirefoxWithExtension();
    ext = await openFirefoxExtensionPage(ff.browser, 'popup.html');
  });

  afterAll(async () => {
    await ff?.close();
    await server?.close();
  });

  async function openCovered(): Promise<{ page: Page; errors: string[]; state: PageState }> {
    const page = await ff.browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(server.url(COVERED));
    const state = (await sendToFirefoxTab(ext, page.url(), { type: 'backstory:page-state' })) as PageState;
    return { page, errors, state };
  }

  async function waitForCard(page: Page, includes: string, timeoutMs = 6000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    let text: string | null = null;
    while (Date.now() < deadline) {
      text = await firefoxCardText(ff.browser, page);
      if (text?.includes(includes)) return text;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`card with “${includes}” did not open; last card text: ${text}`);
  }

  it('runs its background page and answers from it (MV2, no service worker)', async () => {
    const settings = await askFirefoxBackground<{ ok: boolean; value: Record<string, unknown> }>(ext, { type: 'settings:get' });
    expect(settings.ok).toBe(true);
    expect(settings.value).toHaveProperty('entityTypes');
    // storage.sync exists in Firefox (it is local-only until the reader signs in to sync), and
    // settings round-trip through it.
    expect(await ext.evaluate(() => typeof (globalThis as any).browser.storage.sync?.get)).toBe('function');
    const set = await askFirefoxBackground<{ ok: boolean; value: { firstMentionOnly: boolean } }>(ext, { type: 'settings:set', patch: { firstMentionOnly: true } });
    expect(set.value.firstMentionOnly).toBe(true);
    const stored = await ext.evaluate(async () => (globalThis as any).browser.storage.sync.get(null));
    expect(JSON.stringify(stored)).toContain('"firstMentionOnly":true');
    await askFirefoxBackground(ext, { type: 'settings:set', patch: { firstMentionOnly: false } });
  });

  it('highlights the covered article with the Custom Highlight API and leaves its text alone', async () => {
    const { page, errors, state } = await openCovered();
    expect(state.covered).toBe(true);
    const ids = new Set(state.mentions.map((m) => m.entityId));
    for (const id of ['jeff-sessions', 'gene-hamilton', 'kirstjen-nielsen', 'zero-tolerance-policy']) expect(ids).toContain(id);
    // From the page's main world: highlights registered.
    expect(await page.evaluate(() => (CSS as any).highlights.size)).toBeGreaterThan(0);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('opens a card on hover (caretPositionFromPoint), in a shadow root the page cannot open', async () => {
    const { page, errors } = await openCovered();
    const point = await firefoxTextCenter(page, 'Jeff Sessions');
    await page.mouse.move(point.x - 30, point.y - 40);
    await page.mouse.move(point.x, point.y, { steps: 4 });
    const text = await waitForCard(page, 'View source context');
    expect(text).toMatch(/attorney general/i);
    expect(text).toContain('Save note');
    const facts = await inShadowRoot<number>(ff.browser, page, `(root) => root.querySelectorAll('.facts li').length`);
    expect(facts).toBeGreaterThanOrEqual(2);
    // The page sees only a host element with a closed root, and no custom element registration.
    expect(
      await page.evaluate(() => {
        const host = document.querySelector('backstory-ui');
        return { host: !!host, shadowRoot: host?.shadowRoot ?? null, defined: customElements.get('backstory-ui') ?? null };
      }),
    ).toEqual({ host: true, shadowRoot: null, defined: null });
    await page.keyboard.press('Escape');
    await new Promise((r) => setTimeout(r, 150));
    expect(await firefoxCardText(ff.browser, page)).toBeNull();
    expect(errors).toEqual([]);
    await page.close();
  });

  it('saves a note on a selection and shows it again after a reload', async () => {
    const { page, errors } = await openCovered();
    const noteText = `Firefox note ${Date.now()}`;
    await page.evaluate(selectParagraph, { includes: 'Executive Order 13841', scroll: 'start' as const });
    await page.bringToFront();
    // What the context-menu item and Alt+Shift+N send.
    await sendToFirefoxTab(ext, page.url(), { type: 'backstory:note-selection' });
    // The editor is the note frame. It focuses its text box itself, but driving other tabs over
    // BiDi can take window focus away in headless Firefox; click into the box as a reader would.
    const frame = await firefoxNoteFrame(page);
    await frame.waitForSelector('textarea', { visible: true, timeout: 8000 });
    await page.bringToFront();
    await frame.click('textarea');
    await page.keyboard.type(noteText);
    await page.keyboard.down('Control');
    await page.keyboard.press('Enter');
    await page.keyboard.up('Control');

    const saved = async () => {
      const reply = await askFirefoxBackground<{ ok: boolean; value: Array<{ id: string; body: { text: string } }> }>(ext, {
        type: 'notes:list-page',
        url: page.url(),
      });
      return reply.ok ? reply.value.filter((n) => n.body.text === noteText) : [];
    };
    const until = Date.now() + 5000;
    while ((await saved()).length === 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 150));
    expect(await saved()).toHaveLength(1);

    await page.reload();
    const state = (await sendToFirefoxTab(ext, page.url(), { type: 'backstory:page-state' })) as PageState;
    expect(state.covered).toBe(true);
    const summary = (await sendToFirefoxTab(ext, page.url(), { type: 'backstory:page-summary' })) as { orphanIds: string[] };
    expect(summary.orphanIds).toEqual([]);
    expect(await saved()).toHaveLength(1);
    // Placed on the page again: the note is drawn inside the shadow root, not in the page's registry.
    expect(await inShadowRoot<number>(ff.browser, page, `(root) => root.querySelectorAll('.marks > .note').length`)).toBeGreaterThan(0);
    expect(await page.evaluate(() => [...(CSS as any).highlights.keys()].some((k: string) => k.includes('note')))).toBe(false);

    // And the popup lists it.
    const popup = await openFirefoxExtensionPage(ff.browser, 'popup.html');
    const deadlinePopup = Date.now() + 5000;
    let body = '';
    while (Date.now() < deadlinePopup) {
      body = await popup.evaluate(() => document.body.innerText);
      if (body.includes('All notes (1)')) break;
      await new Promise((r) => setTimeout(r, 150));
    }
    expect(body).toContain('All notes (1)');
    await popup.close();
    expect(errors).toEqual([]);
    await page.close();
  });
  it('leaves a spying page no character of a note typed, saved, shown and edited, and no noted range', async () => {
    const page = await ff.browser.newPage();
    await page.evaluateOnNewDocument(SPY_SCRIPT);
    await page.goto(server.url(COVERED));
    await sendToFirefoxTab(ext, page.url(), { type: 'backstory:page-state' });
    const spy = <T,>(call: string) => page.evaluate(call) as Promise<T>;
    const before = await spy<Array<{ name: string; text: string }>>('window.__spy.highlights()');
    await page.bringToFront();
    // The spy works: typing in the page's own input is seen.
    await page.evaluate(() => {
      const input = document.createElement('input');
      document.body.prepend(input);
      input.focus();
    });
    await page.keyboard.type('plainzebra');
    const control = await spy<SpyEvent[]>('window.__spy.log.slice()');
    expect(control.filter((e) => e.type === 'keydown' && e.on === 'window').map((e) => e.key).join('')).toBe('plainzebra');
    await page.evaluate(() => document.querySelector('body > input')!.remove());
    await spy('window.__spy.clear()');

    // Typed and saved on a selected passage.
    await page.evaluate(selectParagraph, { includes: 'Executive Order 13841', scroll: 'center' as const });
    const passage = await page.evaluate(() => getSelection()!.toString().trim());
    await sendToFirefoxTab(ext, page.url(), { type: 'backstory:note-selection' });
    const frame = await firefoxNoteFrame(page);
    await frame.waitForSelector('textarea', { visible: true, timeout: 8000 });
    await page.bringToFront();
    await frame.click('textarea');
    await page.keyboard.type(SPY_NOTE);
    const slot = await inShadowRoot<{ x: number; y: number }>(ff.browser, page, `(root) => { const r = root.querySelector('.frame-slot').getBoundingClientRect(); return { x: r.left + r.width / 2, y: r.top + r.height / 2 }; }`);
    const probe = await spy<Record<string, unknown>>(`window.__spy.probe(${slot!.x}, ${slot!.y})`);
    expectNoNoteIn('activeElement / elementFromPoint', JSON.stringify(probe));
    expect(probe).toMatchObject({ active: { tag: 'backstory-ui', shadow: null }, hit: { tag: 'backstory-ui', shadow: null } });
    expect(await spy<boolean[]>(`window.__spy.find(${JSON.stringify(SPY_WORDS)})`)).toEqual(SPY_WORDS.map(() => false));
    await page.keyboard.down('Control');
    await page.keyboard.press('Enter');
    await page.keyboard.up('Control');
    const deadline = Date.now() + 6000;
    while ((await firefoxCardText(ff.browser, page)) !== null && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    await page.evaluate(() => getSelection()!.removeAllRanges());

    // Shown on hover, and edited in place.
    const point = await firefoxTextCenter(page, 'Executive Order 13841');
    await page.mouse.move(point.x + 30, point.y, { steps: 3 });
    const frameText = async () => (await firefoxNoteFrame(page)).evaluate(() => document.body.innerText);
    let shown = '';
    for (const until = Date.now() + 6000; !shown.includes(SPY_NOTE) && Date.now() < until; ) {
      shown = await frameText();
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(shown).toContain(SPY_NOTE);
    expect(await spy<boolean[]>(`window.__spy.find(${JSON.stringify(SPY_WORDS)})`)).toEqual(SPY_WORDS.map(() => false));
    await frame.evaluate(() => [...document.querySelectorAll('button')].find((b) => b.textContent === 'Edit')!.click());
    await frame.waitForSelector('textarea', { visible: true, timeout: 6000 });
    await frame.click('textarea');
    await page.keyboard.press('End');
    await page.keyboard.type(SPY_EDIT);
    await page.keyboard.down('Control');
    await page.keyboard.press('Enter');
    await page.keyboard.up('Control');
    for (const until = Date.now() + 6000; !shown.includes(`${SPY_NOTE}${SPY_EDIT}`) && Date.now() < until; ) {
      shown = await frameText();
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(shown).toContain(`${SPY_NOTE}${SPY_EDIT}`);

    const log = await spy<SpyEvent[]>('window.__spy.log.slice()');
    expectNoNoteIn('the spy’s events', spyText(log));
    expect(log.filter((e) => ['keydown', 'keypress', 'keyup', 'beforeinput', 'input'].includes(e.type) && e.key.length === 1)).toEqual([]);
    const after = await spy<Array<{ name: string; text: string }>>('window.__spy.highlights()');
    expect(after.map((h) => h.text).sort()).toEqual(before.map((h) => h.text).sort());
    expect(after.some((h) => h.text.includes(passage.slice(0, 40)))).toBe(false);
    expectNoNoteIn('the page’s own text', await spy<string>('window.__spy.bodyText()'));
    // Firefox's extension address is per install, not per session: the page must not see it load.
    expect((await spy<string[]>('window.__spy.resources()')).filter((u) => /extension:/.test(u))).toEqual([]);
    await page.close();
  });

  it('opens the note editor on a cross-origin isolated page', async () => {
    const page = await ff.browser.newPage();
    await page.goto(server.url(ISOLATED));
    expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
    const state = (await sendToFirefoxTab(ext, page.url(), { type: 'backstory:page-state' })) as PageState;
    expect(state.covered).toBe(true);
    await page.evaluate(selectParagraph, { includes: 'Executive Order 13841' });
    await page.bringToFront();
    await sendToFirefoxTab(ext, page.url(), { type: 'backstory:note-selection' });
    const frame = await firefoxNoteFrame(page);
    await frame.waitForSelector('textarea', { visible: true, timeout: 8000 });
    await page.close();
  });

  it('wakes the idle loader of a page without the topic when asked, and answers without highlighting', async () => {
    const page = await ff.browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(server.url('/e2e/doj-unrelated.html'));
    // The loader registers no listener until woken through scripting.executeScript (MV2 here).
    const state = (await sendToFirefoxTab(ext, page.url(), { type: 'backstory:page-state' })) as PageState;
    expect(state).toMatchObject({ covered: false, mentions: [] });
    expect(await page.evaluate(() => (CSS as any).highlights.size as number)).toBe(0);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('brings back a note on a page without the topic, through the script registered for noted pages', async () => {
    const url = server.url('/e2e/doj-unrelated.html');
    const saved = await askFirefoxBackground<{ ok: boolean; value: { id: string } }>(ext, {
      type: 'notes:save',
      draft: {
        pageUrl: url,
        pageTitle: 'Justice Department Names New Leadership',
        selector: [{ type: 'TextQuoteSelector', exact: 'focus on cases involving technology companies', prefix: '', suffix: '' }],
        text: 'A note where the topic is absent.',
        tags: [],
      },
    });
    expect(saved.ok).toBe(true);
    // Nothing messages the tab (that would start the engine by itself): the highlight must come
    // from the registered script, on a fresh visit.
    let drawn = 0;
    const until = Date.now() + 10_000;
    while (drawn === 0 && Date.now() < until) {
      const page = await ff.browser.newPage();
      await page.goto(url);
      await new Promise((r) => setTimeout(r, 600));
      drawn = (await inShadowRoot<number>(ff.browser, page, `(root) => root.querySelectorAll('.marks > .note').length`)) ?? 0;
      await page.close();
    }
    expect(drawn).toBeGreaterThan(0);
    // The browser keeps the site, not the page.
    const registered = await ext.evaluate(async () => JSON.stringify(await (globalThis as any).browser.scripting.getRegisteredContentScripts()));
    expect(JSON.parse(registered)).toEqual([expect.objectContaining({ matches: ['http://127.0.0.1/*'] })]);
    await askFirefoxBackground(ext, { type: 'notes:delete', ids: [saved.value.id] });
  });

  it('refuses extension-page requests from the content-script world, and answers page ones for that page', async () => {
    const { page } = await openCovered();
    // Code run in the tab's content-script world, as Backstory's own content script would send it.
    const replies = await ext.evaluate(async (pageUrl: string) => {
      const b = (globalThis as any).browser;
      const tab = (await b.tabs.query({})).find((t: { url?: string }) => t.url === pageUrl);
      const [result] = await b.scripting.executeScript({
        target: { tabId: tab.id, frameIds: [0] },
        func: async () => {
          const send = (m: object) => (globalThis as any).browser.runtime.sendMessage(m);
          return {
            listAll: await send({ type: 'notes:list-all' }),
            settings: await send({ type: 'settings:set', patch: { paused: true } }),
            open: await send({ type: 'page:open-note', url: 'file:///etc/passwd', noteId: 'x' }),
            listPage: await send({ type: 'notes:list-page', url: 'https://elsewhere.example/diary' }),
          };
        },
      });
      return result.result;
    }, page.url());
    for (const key of ['listAll', 'settings', 'open'] as const) expect(replies[key], key).toMatchObject({ ok: false, code: 'not-allowed' });
    // This page's notes (an earlier test saved one here), whatever URL the message named.
    expect(replies.listPage.ok).toBe(true);
    expect(new Set(replies.listPage.value.map((n: { target: { source: string } }) => n.target.source))).toEqual(new Set([page.url()]));
    expect((await askFirefoxBackground<{ value: { paused: boolean } }>(ext, { type: 'settings:get' })).value.paused).toBe(false);
    await page.close();
  });
});
