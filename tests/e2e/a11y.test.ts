/**
 * Accessibility evidence, in real Chromium with the built extension:
 *
 * 1. axe-core finds nothing on the popup (both tabs, with notes, light and dark; and its other
 *    states: Why? open, off for the site, paused, an unrelated page, an empty filtered list),
 *    the options page, the notes page, the source viewer, the welcome page and the sample
 *    article, and on an open card, its note editor and the keyboard toolbar on a light and a
 *    dark page.
 * 2. The card stays inside the viewport wherever it opens: near the bottom (it flips above the
 *    name) and right edges, in a scrolling box (it follows the box, and hides when the name
 *    scrolls out of it), at page zoom 50–200% (WCAG 1.4.4/1.4.10), clear of the keyboard
 *    toolbar, and on a right-to-left page.
 *
 * The card lives in a closed shadow root. axe runs in Backstory's own isolated world, where
 * that root is reachable: the host element's `shadowRoot` is defined there (for that world's
 * view of the element only; the page never sees it) so axe walks into it like an open root.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import type { Page } from 'playwright-core';
import {
  FIXTURES,
  REPO_ROOT,
  cardText,
  inContentScript,
  launchWithExtension,
  openExtensionPage,
  pageState,
  sendToTab,
  setSettings,
  shadowElementCenter,
  startFixtureServer,
  tabIdOf,
  textCenter,
  type ExtensionSession,
  type FixtureServer,
  eventually,
  noteFrame,
  waitForNoteEditor,
} from './harness';

const AXE_SOURCE = readFileSync(join(REPO_ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');
const COVERED = '/e2e/covered-article.html';
const COVERED_HTML = readFileSync(join(FIXTURES, 'e2e/covered-article.html'), 'utf8');

/** A dark news page: the covered article with a dark stylesheet, as a site's dark mode would do. */
const DARK_CSS = `<style>
  body { background: #121212 !important; color: #e8e6e3 !important; }
  header.site, footer { border-color: #333 !important; }
  nav a, .byline, figure figcaption, .dek, footer { color: #b8b4ae !important; }
  a { color: #8ab4f8 !important; }
</style></head>`;

/** Generated variants of the covered article, for theme and placement checks. */
const PAGES: Record<string, () => string> = {
  '/a11y/dark.html': () => COVERED_HTML.replace('</head>', DARK_CSS),
  '/a11y/dated-dark.html': () => readFileSync(join(FIXTURES, 'pages/dated/meta-published-time.html'), 'utf8').replace('</head>', DARK_CSS),
  '/a11y/rtl.html': () => COVERED_HTML.replace('<html lang="en">', '<html lang="en" dir="rtl">'),
  // The article inside a scrolling box, as in an app-like news site or a live blog.
  '/a11y/scroller.html': () =>
    COVERED_HTML.replace('<div class="wrap">', '<div id="scroller" style="height: 420px; overflow: auto; border: 1px solid #ccc"><div class="wrap">').replace(
      '</div>\n<footer>',
      '</div></div>\n<footer>',
    ),
};

let server: FixtureServer;
let session: ExtensionSession;

beforeAll(async () => {
  server = await startFixtureServer(FIXTURES, { dynamic: (path) => PAGES[path]?.() });
  session = await launchWithExtension();
});

afterAll(async () => {
  await session?.close();
  await server?.close();
});

afterEach(async () => {
  for (const p of session.context.pages()) await p.close().catch(() => undefined);
});

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: string[];
}

/** Every rule axe runs by default (WCAG 2.0–2.2 A/AA and best practices), plus WCAG 2.2's target size. */
const AXE_OPTIONS = { rules: { 'target-size': { enabled: true } } };

interface AxeResult {
  violations: Violation[];
  /** Rule id → number of elements that passed it: proof the rule looked at something. */
  passes: Record<string, number>;
  /** Rules axe could not decide, for the log (not failures). */
  incomplete: string[];
}

const AXE_REPORT = `async (context, options) => {
  const result = await axe.run(context, options);
  return {
    violations: result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => n.target.join(' > ') + ' — ' + (n.failureSummary || '').replace(/\\s+/g, ' ')),
    })),
    passes: Object.fromEntries(result.passes.map((p) => [p.id, p.nodes.length])),
    incomplete: result.incomplete.map((i) => i.id + ' (' + i.nodes.length + ': ' + [...new Set(i.nodes.map((n) => {
      const data = [...n.any, ...n.none].map((c) => c.data && (c.data.messageKey || '')).filter(Boolean).join('/');
      return n.target.join(' > ').slice(-40) + (data ? ' [' + data + ']' : '');
    }))].slice(0, 4).join('; ') + ')'),
  };
}`;

/**
 * axe on an extension page. Injected with `page.evaluate` (CDP), not `addScriptTag`: the
 * extension pages' CSP (`script-src 'self'`) rightly refuses an inline <script>.
 */
async function axeOnPage(page: Page): Promise<AxeResult> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
  return page.evaluate(`(${AXE_REPORT})(document, ${JSON.stringify(AXE_OPTIONS)})`) as Promise<AxeResult>;
}

/**
 * axe on Backstory's UI inside the closed shadow root, run from Backstory's isolated world.
 * For the duration of the check the host moves from <html> into <body>: axe works out what is
 * painted behind text (colour contrast) from a grid it builds under document.body only. Same
 * element, same styles, same place on screen; it goes back afterwards.
 */
/** axe-core on the note frame's own document (the note editor and the saved-note popover live there). */
async function axeOnNoteFrame(page: Page): Promise<AxeResult> {
  const frame = await noteFrame(page);
  return frame.evaluate(`(async () => {
    if (!globalThis.axe) {
      ${AXE_SOURCE}
    }
    // Its content, not the document: the frame is a widget inside the card, not a page with a main landmark and an h1.
    return (${AXE_REPORT})(document.getElementById('app'), ${JSON.stringify(AXE_OPTIONS)});
  })()`) as Promise<AxeResult>;
}

async function axeOnCard(page: Page): Promise<AxeResult> {
  return inContentScript<AxeResult>(
    page,
    `async (b) => {
      if (!globalThis.axe) {
        ${AXE_SOURCE}
      }
      const root = b.shadowRoot();
      if (!root) throw new Error('no Backstory UI on the page');
      const host = root.host;
      // This world's wrapper of the host only: page scripts still see shadowRoot === null.
      Object.defineProperty(host, 'shadowRoot', { configurable: true, get: () => root });
      document.body.appendChild(host);
      // Re-inserting restarts the card's fade-in; measure it at full opacity.
      await Promise.all([...root.querySelectorAll('.card, .panel')].flatMap((el) => el.getAnimations().map((a) => a.finished)));
      try {
        return await (${AXE_REPORT})(root.querySelector('.layer'), AXE_OPTIONS);
      } finally {
        document.documentElement.appendChild(host);
        delete host.shadowRoot;
      }
    }`.replace('AXE_OPTIONS', JSON.stringify(AXE_OPTIONS)),
    30_000,
  );
}

/** No violations, and the checks that matter most did look at something (a vacuous pass proves nothing). */
function expectNoViolations(where: string, result: AxeResult, mustCheck = ['color-contrast', 'button-name']): void {
  const readable = result.violations.map((v) => `${where}: ${v.id} (${v.impact}) ${v.help}\n    ${v.nodes.join('\n    ')}`);
  expect(readable).toEqual([]);
  for (const rule of mustCheck) expect({ where, rule, checked: (result.passes[rule] ?? 0) > 0 }, `${where}: ${rule}`).toMatchObject({ checked: true });
  if (result.incomplete.length > 0) console.log(`${where}: axe could not decide ${result.incomplete.join(', ')}`);
}


async function openCovered(path = COVERED): Promise<Page> {
  const page = await session.context.newPage();
  await page.goto(server.url(path));
  const state = await pageState(session, page);
  expect(state.covered).toBe(true);
  return page;
}

/** Hovers a name (arriving from above-left, as a hand would) and waits for its card's content. */
async function hoverCard(page: Page, name: string, occurrence = 0): Promise<void> {
  const point = await textCenter(page, name, occurrence);
  await page.mouse.move(Math.max(1, point.x - 20), Math.max(1, point.y - 30));
  await page.mouse.move(point.x, point.y, { steps: 4 });
  await eventually(() => cardText(page), (t) => !!t?.includes('Save note'), `card for ${name}`);
}

/** Saves notes through the background as the card and the editor do (one with a quote, one about a name). */
async function seedNotes(pageUrl: string): Promise<void> {
  const ext = await openExtensionPage(session, 'options.html');
  await ext.evaluate(async (url) => {
    const send = (message: unknown) => (globalThis as any).chrome.runtime.sendMessage(message);
    const drafts = [
      {
        pageUrl: url,
        pageTitle: 'Inspector General Details How Family Separation Policy Took Shape — The Daily Ledger',
        selector: [{ type: 'TextQuoteSelector', exact: 'Gene Hamilton', prefix: 'In the report, ', suffix: ', then a counselor' }],
        text: 'Drafted the memo after the April 3 meeting. Compare with the inspector general’s timeline.',
        tags: ['memo', 'follow-up'],
        entityId: 'gene-hamilton',
        entityName: 'Gene P. Hamilton',
      },
      {
        pageUrl: url,
        pageTitle: 'Inspector General Details How Family Separation Policy Took Shape — The Daily Ledger',
        selector: [],
        text: 'The order that ended separations came on June 20, 2018.',
        tags: [],
      },
      {
        pageUrl: 'https://news.example/2018/06/border',
        pageTitle: 'At the border, families wait',
        selector: [{ type: 'TextQuoteSelector', exact: 'a quote that is no longer on the page', prefix: '', suffix: '' }],
        text: 'Check the reunification numbers in the court filings.',
        tags: ['court'],
      },
    ];
    for (const draft of drafts) {
      const reply = await send({ type: 'notes:save', draft });
      if (!reply?.ok) throw new Error(reply?.error ?? 'no reply');
    }
  }, pageUrl);
  await ext.close();
}

describe('axe-core finds no violations', () => {
  beforeAll(async () => {
    await seedNotes(server.url(COVERED));
  });

  it('on the popup: This page and All notes, with notes, light and dark', async () => {
    const page = await openCovered();
    const tabId = await tabIdOf(session, page);
    const popup = await openExtensionPage(session, `popup.html?tabId=${tabId}`);
    await popup.setViewportSize({ width: 420, height: 600 });
    for (const scheme of ['light', 'dark'] as const) {
      await popup.emulateMedia({ colorScheme: scheme });
      await popup.getByRole('tab', { name: 'This page' }).click();
      await popup.getByText('Names on this page').waitFor();
      await popup.getByText('Drafted the memo after the April 3 meeting.').waitFor();
      expectNoViolations(`popup This page (${scheme})`, await axeOnPage(popup));
      await popup.getByRole('tab', { name: /All notes/ }).click();
      await popup.getByText('Check the reunification numbers').waitFor();
      expectNoViolations(`popup All notes (${scheme})`, await axeOnPage(popup));
    }
  });

  it('on the popup’s other states: Why? open, off for the site, paused, an unrelated page, an empty filtered list', async () => {
    const page = await openCovered();
    const host = new URL(page.url()).host;
    const popup = await openExtensionPage(session, `popup.html?tabId=${await tabIdOf(session, page)}`);
    await popup.setViewportSize({ width: 420, height: 600 });
    // The switches change settings for every test after this one: back to on, pass or fail.
    onTestFinished(async () => {
      const ext = await openExtensionPage(session, 'options.html');
      await setSettings(ext, { paused: false, disabledSites: [] });
      await ext.close();
    });
    const unrelated = await session.context.newPage();
    await unrelated.goto(server.url('/e2e/doj-unrelated.html'));
    await pageState(session, unrelated);
    const other = await openExtensionPage(session, `popup.html?tabId=${await tabIdOf(session, unrelated)}`);
    await other.setViewportSize({ width: 420, height: 600 });
    for (const scheme of ['light', 'dark'] as const) {
      await popup.emulateMedia({ colorScheme: scheme });
      await popup.getByText('Names on this page').waitFor();
      await popup.getByText('Why?').click();
      await popup.locator('details.why[open]').waitFor();
      expectNoViolations(`popup Why? (${scheme})`, await axeOnPage(popup));
      await popup.getByRole('checkbox', { name: `On for ${host}` }).click();
      await popup.getByRole('button', { name: `Turn on for ${host}` }).waitFor();
      expectNoViolations(`popup off for the site (${scheme})`, await axeOnPage(popup));
      await popup.getByRole('button', { name: `Turn on for ${host}` }).click();
      await popup.getByRole('checkbox', { name: 'Pause everywhere' }).click();
      await popup.getByRole('button', { name: 'Resume Backstory' }).waitFor();
      expectNoViolations(`popup paused (${scheme})`, await axeOnPage(popup));
      await popup.getByRole('button', { name: 'Resume Backstory' }).click();
      await popup.getByText('Names on this page').waitFor();

      await other.emulateMedia({ colorScheme: scheme });
      await other.getByRole('tab', { name: 'This page' }).click();
      await other.getByText('What Backstory covers').waitFor();
      expectNoViolations(`popup on an unrelated page (${scheme})`, await axeOnPage(other));
      await other.getByRole('tab', { name: /All notes/ }).click();
      await other.getByRole('searchbox', { name: 'Search notes' }).fill('no note says this');
      await other.getByRole('button', { name: 'Clear filters' }).waitFor();
      expectNoViolations(`popup empty filtered list (${scheme})`, await axeOnPage(other));
      await other.getByRole('button', { name: 'Clear filters' }).click();
    }
  });

  it('on the welcome page and the sample article', async () => {
    const welcome = await openExtensionPage(session, 'welcome.html');
    await welcome.getByText('Keyboard shortcuts').waitFor();
    await welcome.locator('.shortcuts').waitFor();
    const sample = await openExtensionPage(session, 'sample.html');
    await sample.locator('article blockquote').first().waitFor();
    for (const scheme of ['light', 'dark'] as const) {
      await welcome.emulateMedia({ colorScheme: scheme });
      expectNoViolations(`welcome page (${scheme})`, await axeOnPage(welcome), ['color-contrast']);
      await sample.emulateMedia({ colorScheme: scheme });
      expectNoViolations(`sample article (${scheme})`, await axeOnPage(sample), ['color-contrast']);
    }
  });

  it('on the options page', async () => {
    const options = await openExtensionPage(session, 'options.html');
    await options.getByText('Highlight style').waitFor();
    for (const scheme of ['light', 'dark'] as const) {
      await options.emulateMedia({ colorScheme: scheme });
      expectNoViolations(`options (${scheme})`, await axeOnPage(options), ['color-contrast', 'label']);
    }
  });

  it('on the notes page', async () => {
    const notes = await openExtensionPage(session, 'notes.html');
    await notes.getByText('Check the reunification numbers').waitFor();
    for (const scheme of ['light', 'dark'] as const) {
      await notes.emulateMedia({ colorScheme: scheme });
      expectNoViolations(`notes page (${scheme})`, await axeOnPage(notes));
    }
  });

  it('on the source viewer', async () => {
    const quote = 'The attorney general was aware of White House desires for further action related to combating illegal immigration';
    const viewer = await openExtensionPage(session, `source.html?source=d01&excerpt=d01-para-3&quote=${encodeURIComponent(quote)}`);
    await viewer.getByRole('heading', { level: 1 }).waitFor();
    for (const scheme of ['light', 'dark'] as const) {
      await viewer.emulateMedia({ colorScheme: scheme });
      expectNoViolations(`source viewer (${scheme})`, await axeOnPage(viewer), ['color-contrast', 'page-has-heading-one']);
    }
  });

  it('on an open card, its note editor and the keyboard toolbar, on a light and a dark page', async () => {
    for (const [path, theme] of [
      [COVERED, 'light'],
      ['/a11y/dark.html', 'dark'],
    ] as const) {
      const page = await openCovered(path);
      await hoverCard(page, 'Jeff Sessions');
      expect(await inContentScript<string>(page, `(b) => b.shadowRoot().querySelector('.layer').dataset.theme`)).toBe(theme);
      expectNoViolations(`card (${theme} page)`, await axeOnCard(page), ['color-contrast', 'button-name', 'aria-dialog-name']);

      // The note editor: the card with its slot, and the note frame's document.
      const save = await shadowElementCenter(page, '.actions button.primary', 'Save note');
      await page.mouse.click(save.x, save.y);
      await waitForNoteEditor(page);
      // The frame first: axeOnCard moves the host, and a moved iframe loads its page again.
      expectNoViolations(`note editor in the note frame (${theme} page)`, await axeOnNoteFrame(page));
      // The card's text was checked above; with the frame laid over it, axe cannot tell its colours apart.
      expectNoViolations(`card with the note frame (${theme} page)`, await axeOnCard(page), ['button-name', 'aria-dialog-name']);
      await page.keyboard.press('Escape');

      // Keyboard navigation: the toolbar with a card open.
      await page.mouse.move(2, 2);
      await sendToTab(session, page, { type: 'backstory:navigate-mentions' });
      await eventually(() => cardText(page), (t) => !!t?.includes('Save note'), 'card from the toolbar');
      expectNoViolations(`keyboard toolbar and card (${theme} page)`, await axeOnCard(page));
      await page.close();
    }
  });
});

describe('axe-core finds no violations on what was known when', () => {
  it('on the full card (More), the figures card with its chart, light and dark', async () => {
    for (const [path, theme] of [
      ['/pages/dated/meta-published-time.html', 'light'],
      ['/a11y/dated-dark.html', 'dark'],
    ] as const) {
      const page = await openCovered(path);
      await hoverCard(page, 'zero tolerance');
      const more = await shadowElementCenter(page, '.actions button.more-toggle');
      await page.mouse.click(more.x, more.y);
      await eventually(() => cardText(page), (t) => !!t?.includes('Open the full timeline'), 'full card');
      expect(await inContentScript<string>(page, `(b) => b.shadowRoot().querySelector('.layer').dataset.theme`)).toBe(theme);
      expectNoViolations(`full card (${theme} page)`, await axeOnCard(page));
      await page.keyboard.press('Escape');
      await page.mouse.move(2, 2);
      const figure = await textCenter(page, '2,300 children');
      await page.mouse.move(figure.x - 20, figure.y - 30);
      await page.mouse.move(figure.x, figure.y, { steps: 4 });
      await eventually(() => cardText(page), (t) => !!t?.includes('nearest the article'), 'figures card');
      expectNoViolations(`figures card (${theme} page)`, await axeOnCard(page));
      await page.close();
    }
  });

  it('on the timeline page, light and dark', async () => {
    const timeline = await openExtensionPage(session, 'timeline.html?date=2018-06-20&entities=jeff-sessions,kirstjen-nielsen');
    await timeline.getByText('This article', { exact: true }).waitFor();
    for (const scheme of ['light', 'dark'] as const) {
      await timeline.emulateMedia({ colorScheme: scheme });
      expectNoViolations(`timeline (${scheme})`, await axeOnPage(timeline), ['color-contrast', 'page-has-heading-one']);
    }
  });
});

interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
  vw: number;
  vh: number;
  hidden: boolean;
}

/** The card's box in the viewport (read in Backstory's world), once it has stopped moving. */
async function cardBox(page: Page): Promise<Box> {
  const read = () =>
    inContentScript<Box | null>(
      page,
      `(b) => {
        const root = b.shadowRoot();
        const card = root && root.querySelector('.floating .card');
        if (!card) return null;
        const r = card.getBoundingClientRect();
        const hidden = getComputedStyle(card.parentElement).visibility === 'hidden';
        return { left: r.left, top: r.top, right: r.right, bottom: r.bottom, vw: innerWidth, vh: innerHeight, hidden };
      }`,
    );
  let last = await read();
  for (let i = 0; i < 30; i++) {
    await page.waitForTimeout(60);
    const next = await read();
    if (next && last && JSON.stringify(next) === JSON.stringify(last)) return next;
    last = next;
  }
  if (!last) throw new Error('no card');
  return last;
}

/** The on-screen box of a name on the page (its first line box). */
function nameBox(page: Page, name: string, occurrence = 0) {
  return page.evaluate(
    ({ name, occurrence }) => {
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      let seen = 0;
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const at = (n as Text).data.indexOf(name);
        if (at < 0) continue;
        if (seen++ < occurrence) continue;
        const range = document.createRange();
        range.setStart(n, at);
        range.setEnd(n, at + name.length);
        const r = range.getClientRects()[0]!;
        return { left: r.left, top: r.top, right: r.right, bottom: r.bottom };
      }
      return null;
    },
    { name, occurrence },
  );
}

function expectInViewport(what: string, box: Box): void {
  const slack = 0.5;
  expect({ what, ...box, inside: box.left >= -slack && box.top >= -slack && box.right <= box.vw + slack && box.bottom <= box.vh + slack }).toMatchObject({
    inside: true,
  });
}

/** The card does not cover the name it is about. */
function expectBesideName(box: Box, name: { top: number; bottom: number }): void {
  const below = box.top >= name.bottom - 0.5;
  const above = box.bottom <= name.top + 0.5;
  expect({ box, name, beside: below || above }).toMatchObject({ beside: true });
}

describe('card placement stays inside the viewport', () => {
  it('flips above a name near the bottom edge and shifts in from the right edge', async () => {
    const page = await openCovered();
    await page.setViewportSize({ width: 1280, height: 760 });
    // Bring "Mr. Rosenstein" to 40 px above the bottom of the window.
    await page.evaluate(() => {
      const p = [...document.querySelectorAll('article p')].find((el) => el.textContent!.includes('Mr. Rosenstein told'))!;
      const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const at = (n as Text).data.indexOf('Mr. Rosenstein');
        if (at < 0) continue;
        const range = document.createRange();
        range.setStart(n, at);
        range.setEnd(n, at + 3);
        window.scrollBy(0, range.getBoundingClientRect().top - (innerHeight - 40));
        return;
      }
    });
    const point = await page.evaluate(() => {
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const at = (n as Text).data.indexOf('Mr. Rosenstein');
        if (at < 0) continue;
        const range = document.createRange();
        range.setStart(n, at);
        range.setEnd(n, at + 3);
        const r = range.getBoundingClientRect();
        return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
      }
      return null;
    });
    expect(point!.y).toBeGreaterThan(700);
    await page.mouse.move(point!.x, point!.y - 30);
    await page.mouse.move(point!.x, point!.y, { steps: 4 });
    await eventually(() => cardText(page), (t) => !!t?.includes('Save note'), 'card near the bottom');
    const bottomBox = await cardBox(page);
    expectInViewport('near the bottom edge', bottomBox);
    expect(bottomBox.bottom).toBeLessThanOrEqual(point!.y);

    // A narrow window: the card is shifted in from the right edge.
    await page.keyboard.press('Escape');
    await page.setViewportSize({ width: 520, height: 760 });
    await page.mouse.move(1, 1);
    await hoverCard(page, 'Dana M. Sabraw');
    const narrow = await cardBox(page);
    expectInViewport('narrow window', narrow);
    expectBesideName(narrow, (await nameBox(page, 'Dana M. Sabraw'))!);
    await page.close();
  });

  it('follows a scrolling box, and hides when the name scrolls out of it', async () => {
    const page = await openCovered('/a11y/scroller.html');
    await hoverCard(page, 'Gene Hamilton');
    const before = await cardBox(page);
    expectInViewport('in a scrolling box', before);
    await page.evaluate(() => document.getElementById('scroller')!.scrollBy(0, 30));
    const after = await cardBox(page);
    expect(after.top).toBeCloseTo(before.top - 30, 0);
    expectInViewport('after the box scrolled', after);
    expectBesideName(after, (await nameBox(page, 'Gene Hamilton'))!);
    // The name leaves the box's visible area: the card does not float on over other text.
    await page.evaluate(() => document.getElementById('scroller')!.scrollBy(0, 2000));
    await eventually(() => cardBox(page), (b) => b.hidden, 'card hidden with its name');
    await page.close();
  });

  for (const zoom of [0.5, 0.75, 1.5, 2]) {
    it(`stays in the viewport and beside the name at page zoom ${zoom * 100}%`, async () => {
      const page = await openCovered();
      await page.evaluate((z) => {
        document.body.style.zoom = String(z);
      }, zoom);
      await hoverCard(page, 'Kirstjen Nielsen');
      const box = await cardBox(page);
      expectInViewport(`zoom ${zoom}`, box);
      expectBesideName(box, (await nameBox(page, 'Kirstjen Nielsen'))!);
      await page.close();
    });
  }

  it('in keyboard mode, stays clear of the toolbar at the bottom of the window', async () => {
    const page = await openCovered();
    await page.setViewportSize({ width: 1280, height: 700 });
    await sendToTab(session, page, { type: 'backstory:navigate-mentions' });
    for (let step = 0; step < 8; step++) {
      await eventually(() => cardText(page), (t) => !!t?.includes('Save note'), `card ${step + 1}`);
      const box = await cardBox(page);
      const toolbarTop = await inContentScript<number>(page, `(b) => b.shadowRoot().querySelector('.nav').getBoundingClientRect().top`);
      expectInViewport(`keyboard step ${step + 1}`, box);
      expect({ step, bottom: box.bottom, toolbarTop, clear: box.bottom <= toolbarTop }).toMatchObject({ clear: true });
      await page.keyboard.press('ArrowRight');
    }
    await page.close();
  });

  it('stays in the viewport on a right-to-left page, hanging from the name’s right edge', async () => {
    const page = await openCovered('/a11y/rtl.html');
    for (const name of ['Gene Hamilton', 'Stephen Miller', 'Dana M. Sabraw']) {
      await page.mouse.move(1, 1);
      await page.keyboard.press('Escape');
      await hoverCard(page, name);
      const box = await cardBox(page);
      const at = (await nameBox(page, name))!;
      expectInViewport(`rtl: ${name}`, box);
      expectBesideName(box, at);
      // bottom-end in RTL: the card's right edge lines up with the name's (unless shifted in from the edge).
      if (at.right - 384 > 8) expect(Math.abs(box.right - at.right)).toBeLessThan(2);
      // The card's English text still runs left to right.
      expect(await inContentScript<string>(page, `(b) => getComputedStyle(b.shadowRoot().querySelector('.card')).direction`)).toBe('ltr');
    }
    await page.close();
  });
});
