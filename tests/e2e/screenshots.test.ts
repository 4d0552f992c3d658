/**
 * Screenshots for the README and for review by eye, written to docs/screenshots/:
 *
 * - card-light.png / card-dark.png: a card on a real saved news page from the shared corpus
 *   (../shared/corpus, made inert), with paragraphs of a covered article inserted into its main
 *   content, once as published and once with a dark stylesheet (no corpus page is dark);
 * - card.png: a card on the demo article (the README's top image);
 * - popup.png, popup-notes.png: the popup's "This page" and "All notes", with notes;
 * - keyboard.png: keyboard navigation's toolbar with the card it opened;
 * - welcome.png: the welcome page a new install opens;
 * - badge.png: the toolbar button's badge on a covered page. Headless Chromium draws no toolbar,
 *   so the picture is drawn from what the browser reports for the tab (action.getBadgeText and
 *   getBadgeBackgroundColor) with the extension's own icon, and says so in the picture;
 * - popup-off.png, popup-unrelated.png: the popup on a page whose site is turned off, and on an
 *   unrelated page ("What Backstory covers", with "Why?" open).
 * - figures-card.png: the figures card of a count in a dated article, with its chart;
 * - glance.png: the glance card on a dated article; timeline.png: the timeline page it opens.
 *
 * The test checks what a picture cannot prove by itself: the card is visible and inside the
 * viewport, and the dark page got the dark card. Without the corpus, the light and dark shots
 * fall back to the demo article (and say so).
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { activePack } from '../../src/pack/packs';
import {
  CHROME_BUILD,
  FIXTURES,
  REPO_ROOT,
  currentWorker,
  SHARED_CORPUS,
  cardText,
  inContentScript,
  launchWithExtension,
  openExtensionPage,
  pageState,
  sendToTab,
  startFixtureServer,
  tabIdOf,
  type ExtensionSession,
  type FixtureServer,
  eventually,
} from './harness';

const OUT = join(REPO_ROOT, 'docs/screenshots');
const COVERED = '/e2e/covered-article.html';
const COVERED_HTML = readFileSync(join(FIXTURES, 'e2e/covered-article.html'), 'utf8');

/** A real, styled article page from the corpus (Medium's saved HTML keeps its inline styles). */
const CORPUS_PAGE = join(SHARED_CORPUS, 'pages/medium-3.html');
const HAS_CORPUS = existsSync(CORPUS_PAGE);

/** A site's dark mode, as many news sites ship it: dark background, light text, lighter links. */
const DARK_STYLE = `<style>
  html, body { background: #16171a !important; color: #e3e1dc !important; }
  body * { background-color: transparent !important; color: inherit !important; border-color: #3a3b40 !important; }
  a, a * { color: #9ec1ff !important; }
  svg { fill: #e3e1dc !important; }
</style>`;

/** The covered article's reporting paragraphs (from the dateline to the end), as HTML. */
function coveredParagraphs(pClass: string | null): string {
  const body = COVERED_HTML.slice(COVERED_HTML.indexOf('<p>WASHINGTON'), COVERED_HTML.indexOf('</article>'));
  // Figures and the pull quote would arrive unstyled; the paragraphs carry the names.
  const withoutFigures = body.replace(/<figure>[\s\S]*?<\/figure>|<blockquote>[\s\S]*?<\/blockquote>/g, '');
  // Take the page's own paragraph class, so the inserted text is set like the rest of the article.
  return pClass ? withoutFigures.replace(/<p>/g, `<p class="${pClass}">`) : withoutFigures;
}

/**
 * A corpus page with the covered paragraphs inserted at the start of its article text (before the
 * first paragraph inside <article>), and its headline replaced to match.
 */
function corpusWithCoveredArticle(dark: boolean): string {
  let html = readFileSync(CORPUS_PAGE, 'utf8');
  const article = html.indexOf('<article');
  const firstP = html.indexOf('<p ', article);
  const pClass = /^<p [^>]*class="([^"]*)"/.exec(html.slice(firstP))?.[1] ?? null;
  html = html.slice(0, firstP) + coveredParagraphs(pClass) + html.slice(firstP);
  html = html.replace(/(<h1[^>]*>)\s*Samantha and The Great Big Lie\s*<\/h1>/, '$1How Family Separation Took Shape</h1>');
  // The inserted reporting is from Jan. 14, 2021; the page's own 2015 date would mark every fact "Later:".
  html = html.replace('Oct 15, 2015', 'Jan 14, 2021').replace(/(published_time" content=")[^"]*/, '$12021-01-14T10:00:00.000Z');
  return dark ? html.replace('</head>', `${DARK_STYLE}</head>`) : html;
}

/** The demo article with one more paragraph, so the zero tolerance memo has a name to hover. */
const FOUR_CARDS = '/shots/four-cards.html';
const MEMO_PARAGRAPH = '<p>Acting Attorney General Monty Wilkinson rescinded the zero tolerance memo on Jan. 26, 2021.</p>';

const PAGES: Record<string, () => string> = {
  [FOUR_CARDS]: () => COVERED_HTML.replace('</article>', `${MEMO_PARAGRAPH}</article>`),
  '/shots/light.html': () => (HAS_CORPUS ? corpusWithCoveredArticle(false) : COVERED_HTML),
  '/shots/dark.html': () => (HAS_CORPUS ? corpusWithCoveredArticle(true) : COVERED_HTML.replace('</head>', `${DARK_STYLE}</head>`)),
};

let server: FixtureServer;
let session: ExtensionSession;

beforeAll(async () => {
  if (!HAS_CORPUS) console.log(`screenshots: no corpus at ${SHARED_CORPUS}; light and dark shots use the demo article instead`);
  mkdirSync(OUT, { recursive: true });
  server = await startFixtureServer(FIXTURES, { dynamic: (path) => PAGES[path]?.() });
  session = await launchWithExtension({ viewport: { width: 1280, height: 820 } });
});

afterAll(async () => {
  await session?.close();
  await server?.close();
});

afterEach(async () => {
  for (const p of session.context.pages()) await p.close().catch(() => undefined);
});


interface CardShot {
  theme: string;
  box: { left: number; top: number; right: number; bottom: number };
  viewport: { width: number; height: number };
  visible: boolean;
}

/** Scrolls `name` to `at` (a fraction) of the way down the window, room for the card below, and returns its centre. */
function placeName(page: Page, name: string, at: number): Promise<{ x: number; y: number }> {
  return page.evaluate(({ name, at }) => {
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const at = (n as Text).data.indexOf(name);
      if (at < 0) continue;
      const range = document.createRange();
      range.setStart(n, at);
      range.setEnd(n, at + name.length);
      window.scrollBy(0, range.getBoundingClientRect().top - innerHeight * at);
      const r = range.getClientRects()[0]!;
      return { x: r.left + Math.min(r.width / 2, 30), y: r.top + r.height / 2 };
    }
    throw new Error(`${name} is not on the page`);
  }, { name, at });
}

/** Opens the card for `name` by hovering, waits for it to settle, and reads where it is. */
async function openCard(page: Page, name: string, at = 1 / 3): Promise<CardShot> {
  const point = await placeName(page, name, at);
  await page.mouse.move(point.x - 40, point.y - 50);
  await page.mouse.move(point.x, point.y, { steps: 5 });
  await eventually(() => cardText(page), (t) => !!t?.includes('Save note'), `card for ${name}`);
  let last = '';
  for (let i = 0; i < 30; i++) {
    const shot = await inContentScript<CardShot>(
      page,
      `(b) => {
        const root = b.shadowRoot();
        const card = root.querySelector('.floating .card');
        const r = card.getBoundingClientRect();
        const style = getComputedStyle(card.parentElement);
        return {
          theme: root.querySelector('.layer').dataset.theme,
          box: { left: r.left, top: r.top, right: r.right, bottom: r.bottom },
          viewport: { width: innerWidth, height: innerHeight },
          visible: style.visibility !== 'hidden' && getComputedStyle(card).opacity === '1',
        };
      }`,
    );
    const now = JSON.stringify(shot);
    if (now === last && shot.visible) return shot;
    last = now;
    await page.waitForTimeout(80);
  }
  throw new Error(`the card for ${name} did not settle: ${last}`);
}

function expectInside(shot: CardShot): void {
  const { box, viewport } = shot;
  expect(shot.visible).toBe(true);
  expect(box.left).toBeGreaterThanOrEqual(0);
  expect(box.top).toBeGreaterThanOrEqual(0);
  expect(box.right).toBeLessThanOrEqual(viewport.width);
  expect(box.bottom).toBeLessThanOrEqual(viewport.height);
}

async function coveredPage(path: string): Promise<Page> {
  const page = await session.context.newPage();
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await page.goto(server.url(path));
  const state = await pageState(session, page);
  expect(state.covered).toBe(true);
  return page;
}

describe('screenshots', () => {
  it(`a card on a light news page${HAS_CORPUS ? ' (corpus: medium-3)' : ' (demo article; no corpus)'}`, async () => {
    const page = await coveredPage('/shots/light.html');
    // Taller, so the site's headline stays in the picture above the card.
    await page.setViewportSize({ width: 1280, height: 1000 });
    const shot = await openCard(page, 'Jeff Sessions', 0.42);
    expect(shot.theme).toBe('light');
    expectInside(shot);
    await page.screenshot({ path: join(OUT, 'card-light.png') });
  });

  it(`a card on a dark news page${HAS_CORPUS ? ' (corpus: medium-3 with a dark stylesheet)' : ' (demo article, dark; no corpus)'}`, async () => {
    // The reader's system is light: the card follows the page, not the system.
    const page = await coveredPage('/shots/dark.html');
    // Taller, so the site's headline stays in the picture above the card.
    await page.setViewportSize({ width: 1280, height: 1000 });
    const shot = await openCard(page, 'Jeff Sessions', 0.42);
    expect(shot.theme).toBe('dark');
    expectInside(shot);
    await page.screenshot({ path: join(OUT, 'card-dark.png') });
  });

  it('a card on the demo article (README)', async () => {
    const page = await coveredPage(COVERED);
    const shot = await openCard(page, 'Jeff Sessions');
    expect(shot.theme).toBe('light');
    expectInside(shot);
    await page.screenshot({ path: join(OUT, 'card.png') });
  });

  it('whole cards of Jeff Sessions, Rod J. Rosenstein, Donald J. Trump and the zero tolerance memo (README)', async () => {
    const page = await coveredPage(FOUR_CARDS);
    await page.setViewportSize({ width: 1280, height: 3200 });
    const cards: Array<[name: string, file: string, title: string]> = [
      ['Jeff Sessions', 'card-sessions.png', 'Jeff Sessions'],
      ['Rod J. Rosenstein', 'card-rosenstein.png', 'Rod J. Rosenstein'],
      ['President Trump', 'card-trump.png', 'Donald J. Trump'],
      ['zero tolerance memo', 'card-memo.png', 'Zero tolerance memo (April 6, 2018)'],
    ];
    for (const [name, file, title] of cards) {
      expectInside(await openCard(page, name, 0.02));
      // The full card ("More"), not the glance.
      await inContentScript(page, `(b) => b.shadowRoot().querySelector('.floating .more-toggle').click()`);
      // The whole card, not the first screenful: lift its height cap for the picture, and let
      // the placement settle before measuring.
      await inContentScript(page, `(b) => { b.shadowRoot().querySelector('.floating .card').style.maxHeight = 'none'; }`);
      await page.waitForTimeout(300);
      const box = await inContentScript<{ x: number; y: number; width: number; height: number; heading: string }>(
        page,
        `(b) => {
          const card = b.shadowRoot().querySelector('.floating .card');
          const r = card.getBoundingClientRect();
          return { x: r.left, y: r.top, width: r.width, height: r.height, heading: card.querySelector('h2').textContent };
        }`,
      );
      expect(box.heading).toBe(title);
      expect(box.y).toBeGreaterThanOrEqual(8);
      expect(box.y + box.height).toBeLessThanOrEqual(3200 - 8);
      await page.screenshot({ path: join(OUT, file), clip: { x: box.x - 8, y: box.y - 8, width: box.width + 16, height: box.height + 16 } });
      await page.keyboard.press('Escape');
      await eventually(() => cardText(page), (t) => !t, `card for ${name} to close`);
    }
  });

  it('the figures card of a count in a dated article, with its chart (README)', async () => {
    const page = await coveredPage('/pages/dated/meta-published-time.html');
    await page.setViewportSize({ width: 1280, height: 900 });
    const point = await placeName(page, '2,300 children', 0.15);
    await page.mouse.move(point.x - 40, point.y - 50);
    await page.mouse.move(point.x, point.y, { steps: 5 });
    await eventually(() => cardText(page), (t) => !!t?.includes('nearest the article'), 'figures card');
    await page.waitForTimeout(300);
    const box = await inContentScript<{ top: number; bottom: number; chart: number }>(
      page,
      `(b) => { const r = b.shadowRoot().querySelector('.floating .card').getBoundingClientRect(); const c = b.shadowRoot().querySelector('svg.figure-chart').getBoundingClientRect(); return { top: r.top, bottom: r.bottom, chart: c.height }; }`,
    );
    expect(box.top).toBeGreaterThanOrEqual(0);
    expect(box.bottom).toBeLessThanOrEqual(900);
    expect(box.chart).toBeGreaterThan(60);
    await page.screenshot({ path: join(OUT, 'figures-card.png') });
  });

  it('the glance card on a dated article, and the timeline page (README)', async () => {
    const page = await coveredPage('/pages/dated/meta-published-time.html');
    await page.setViewportSize({ width: 1280, height: 900 });
    const shot = await openCard(page, 'zero tolerance', 0.2);
    expectInside(shot);
    const fits = await inContentScript<boolean>(page, `(b) => { const c = b.shadowRoot().querySelector('.floating .card'); return c.scrollHeight <= c.clientHeight + 1; }`);
    expect(fits).toBe(true);
    await page.screenshot({ path: join(OUT, 'glance.png') });
    const timeline = await openExtensionPage(session, 'timeline.html?date=2018-06-20&entities=zero-tolerance-policy,donald-trump,flores-settlement');
    await timeline.setViewportSize({ width: 1000, height: 900 });
    await timeline.getByText('This article', { exact: true }).waitFor();
    await timeline.evaluate(() => document.getElementById('article-date')!.scrollIntoView({ block: 'center' }));
    await timeline.screenshot({ path: join(OUT, 'timeline.png') });
  });

  it('the popup with notes on this page', async () => {
    const page = await coveredPage(COVERED);
    const ext = await openExtensionPage(session, 'options.html');
    await ext.evaluate(async (url) => {
      const send = (message: unknown) => (globalThis as any).chrome.runtime.sendMessage(message);
      const title = 'Inspector General Details How Family Separation Policy Took Shape — The Daily Ledger';
      for (const draft of [
        {
          pageUrl: url,
          pageTitle: title,
          // As a note saved from a card stores it: the whole sentence around the name.
          selector: [{ type: 'TextQuoteSelector', exact: 'Gene Hamilton', prefix: 'In the report, ', suffix: ', then a counselor to the attorney general, told investigators that the policy followed a meeting at the White House on April 3, 2018.' }],
          text: 'Drafted the memo after the April 3 meeting; check against the inspector general’s timeline.',
          tags: ['memo', 'follow-up'],
          entityId: 'gene-hamilton',
          entityName: 'Gene P. Hamilton',
        },
        { pageUrl: url, pageTitle: title, selector: [], text: 'The order that ended separations came on June 20, 2018.', tags: [] },
      ]) {
        const reply = await send({ type: 'notes:save', draft });
        if (!reply?.ok) throw new Error(reply?.error ?? 'no reply');
      }
    }, page.url());
    await ext.close();
    const popup = await openExtensionPage(session, `popup.html?tabId=${await tabIdOf(session, page)}`);
    await popup.setViewportSize({ width: 420, height: 600 });
    await popup.getByText('Drafted the memo after the April 3 meeting').waitFor();
    await popup.screenshot({ path: join(OUT, 'popup.png') });
    await popup.getByRole('tab', { name: /All notes/ }).click();
    await popup.getByText('The order that ended separations').waitFor();
    await popup.screenshot({ path: join(OUT, 'popup-notes.png') });
  });

  it('the welcome page', async () => {
    const welcome = await openExtensionPage(session, 'welcome.html');
    await welcome.setViewportSize({ width: 820, height: 1180 });
    await welcome.locator('.shortcuts').waitFor();
    await welcome.getByText(`${activePack.entities.length} names`, { exact: false }).waitFor();
    await welcome.screenshot({ path: join(OUT, 'welcome.png') });
  });

  it('the toolbar badge on a covered page, as the browser reports it', async () => {
    const page = await coveredPage(COVERED);
    const names = new Set((await pageState(session, page)).mentions.map((m) => m.entityId)).size;
    const tabId = await tabIdOf(session, page);
    const worker = await currentWorker(session);
    const read = () =>
      worker.evaluate(async (tabId) => {
        const action = (globalThis as any).chrome.action;
        return { text: (await action.getBadgeText({ tabId })) as string, color: (await action.getBadgeBackgroundColor({ tabId })) as number[] };
      }, tabId);
    const badge = await eventually(read, (b) => b.text === String(names), 'the badge');
    const icon = readFileSync(join(CHROME_BUILD, 'icon/32.png')).toString('base64');
    const drawing = await session.context.newPage();
    await drawing.setViewportSize({ width: 640, height: 150 });
    const esc = (t: string) => t.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
    await drawing.setContent(`<!doctype html><html><body style="margin:0;font:13px system-ui,sans-serif;background:#fff">
      <div style="display:flex;align-items:center;gap:12px;padding:14px 16px;background:#dfe3e8">
        <div style="flex:1;background:#fff;border-radius:16px;padding:7px 14px;color:#333">${esc(page.url())}</div>
        <div style="position:relative;width:32px;height:32px">
          <img src="data:image/png;base64,${icon}" width="32" height="32" alt="">
          <span style="position:absolute;right:-8px;bottom:-6px;background:rgba(${badge.color.slice(0, 3).join(',')},${badge.color[3]! / 255});color:#fff;font:600 11px system-ui,sans-serif;border-radius:7px;padding:1px 5px">${esc(badge.text)}</span>
        </div>
      </div>
      <p style="margin:12px 16px;color:#444">Drawn from what Chromium reports for this tab: badge text “${esc(badge.text)}”, colour rgb(${badge.color.slice(0, 3).join(', ')}).
      Headless Chromium has no toolbar to photograph. ${names} names are highlighted on the page.</p>
    </body></html>`);
    await drawing.screenshot({ path: join(OUT, 'badge.png') });
  });

  it('the popup on a page whose site is off, and on an unrelated page', async () => {
    const page = await coveredPage(COVERED);
    const host = new URL(page.url()).host;
    const popup = await openExtensionPage(session, `popup.html?tabId=${await tabIdOf(session, page)}`);
    await popup.setViewportSize({ width: 420, height: 600 });
    await popup.getByRole('checkbox', { name: `On for ${host}` }).click();
    await popup.getByRole('button', { name: `Turn on for ${host}` }).waitFor();
    await popup.screenshot({ path: join(OUT, 'popup-off.png') });
    await popup.getByRole('button', { name: `Turn on for ${host}` }).click();
    await popup.getByText('Names on this page').waitFor();

    const unrelated = await session.context.newPage();
    await unrelated.goto(server.url('/e2e/doj-unrelated.html'));
    await pageState(session, unrelated);
    const other = await openExtensionPage(session, `popup.html?tabId=${await tabIdOf(session, unrelated)}`);
    await other.setViewportSize({ width: 420, height: 600 });
    await other.getByText('What Backstory covers').waitFor();
    await other.getByText('Why?').click();
    await other.screenshot({ path: join(OUT, 'popup-unrelated.png') });
  });

  it('keyboard navigation: the toolbar and the card it opens', async () => {
    const page = await coveredPage(COVERED);
    await sendToTab(session, page, { type: 'backstory:navigate-mentions' });
    for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowRight');
    await eventually(() => cardText(page), (t) => !!t?.includes('Gene P. Hamilton') && t.includes('Save note'), 'card for the sixth name');
    const toolbarTop = await inContentScript<number>(page, `(b) => b.shadowRoot().querySelector('.nav').getBoundingClientRect().top`);
    const shot = await inContentScript<{ bottom: number }>(page, `(b) => b.shadowRoot().querySelector('.floating .card').getBoundingClientRect().toJSON()`);
    expect(shot.bottom).toBeLessThanOrEqual(toolbarTop);
    await page.waitForTimeout(200);
    await page.screenshot({ path: join(OUT, 'keyboard.png') });
  });
});
