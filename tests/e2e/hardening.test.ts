/**
 * Backstory on pages that were not written for it: every real saved page of the shared
 * corpus, and generated hostile DOMs (absurd depth, 200,000 text nodes, patched DOM
 * prototypes, strict CSP and Trusted Types, stylesheets that hide everything, shadow DOM,
 * a Preact app hydrating after the scan, iframes, editors, <pre> and SVG).
 *
 * Each page is loaded twice: in a plain Chromium (no extension) and in Chromium with
 * Backstory. The page must throw nothing, log the same console errors and warnings, and
 * show exactly the same `document.body.innerText` (and, for the hydrating app, the same
 * DOM) in both. On every hostile page a covered article is present, and hovering one of its
 * names must open a working card.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import {
  CHROMIUM_FLAGS,
  FIXTURES,
  REPO_ROOT,
  SHARED_CORPUS,
  cardText,
  chromiumPath,
  shadowElementCenter,
  waitForNoteEditor,
  inContentScript,
  launchWithExtension,
  pageState,
  startFixtureServer,
  type ExtensionSession,
  type FixtureServer,
} from './harness';
import { hostilePages, type HostilePage } from '../fixtures/hostile/pages';

const CORPUS_DIR = join(SHARED_CORPUS, 'pages');
const CORPUS = existsSync(CORPUS_DIR) ? readdirSync(CORPUS_DIR).filter((f) => f.endsWith('.html')).sort() : [];
const HOSTILE = hostilePages(FIXTURES);
const HOSTILE_BY_PATH = new Map(HOSTILE.map((p) => [p.path, p]));

let server: FixtureServer;
let session: ExtensionSession;
let plainProfile = '';
let plainContext: BrowserContext;

beforeAll(async () => {
  server = await startFixtureServer(
    FIXTURES,
    {
      dynamic: (path) => HOSTILE_BY_PATH.get(path)?.html,
      headers: (path) => HOSTILE_BY_PATH.get(path)?.headers,
    },
    { '/vendor/preact/': join(REPO_ROOT, 'node_modules/preact'), '/corpus/': CORPUS_DIR },
  );
  session = await launchWithExtension();
  // The same kind of browser without Backstory: a persistent profile like the extension's,
  // so browser-level console messages (web app manifests, deprecations) are the same in both.
  const args = [...CHROMIUM_FLAGS];
  if (process.getuid?.() === 0) args.push('--no-sandbox');
  plainProfile = mkdtempSync(join(tmpdir(), 'backstory-plain-'));
  plainContext = await chromium.launchPersistentContext(plainProfile, {
    executablePath: chromiumPath(),
    headless: true,
    args,
    viewport: { width: 1280, height: 900 },
    colorScheme: 'light',
  });
});

afterAll(async () => {
  await plainContext?.close();
  if (plainProfile) rmSync(plainProfile, { recursive: true, force: true });
  await session?.close();
  await server?.close();
});

/** One tab reused for many pages, with the errors and console problems of the current visit. */
interface Tab {
  page: Page;
  pageErrors: string[];
  consoleProblems: string[];
}

async function openTab(context: BrowserContext): Promise<Tab> {
  const page = await context.newPage();
  const tab: Tab = { page, pageErrors: [], consoleProblems: [] };
  page.on('pageerror', (e) => tab.pageErrors.push(String(e)));
  page.on('console', (m) => {
    if (m.type() !== 'error' && m.type() !== 'warning') return;
    // The browser's own notes about a saved page's markup (its data: web app manifest, a
    // deprecated <meta>) arrive late and land on whichever page is open next: not a script's.
    if (/^Manifest: |apple-mobile-web-app-capable/.test(m.text())) return;
    tab.consoleProblems.push(`${m.type()}: ${m.text()}`);
  });
  return tab;
}

interface Visit {
  text: string;
  pageErrors: string[];
  consoleProblems: string[];
}

async function visit(tab: Tab, url: string, withBackstory: boolean, settle?: string): Promise<Visit & { covered?: boolean }> {
  tab.pageErrors.length = 0;
  tab.consoleProblems.length = 0;
  await tab.page.goto(url, { waitUntil: 'load' });
  let covered: boolean | undefined;
  if (withBackstory) covered = (await pageState(session, tab.page, 30_000)).covered;
  if (settle) await tab.page.evaluate(settle);
  const text = await tab.page.evaluate(() => document.body?.innerText ?? '');
  return { text, covered, pageErrors: [...tab.pageErrors], consoleProblems: [...tab.consoleProblems].sort() };
}

/**
 * Viewport centre of `text` in the page's prose, found from Backstory's isolated world so
 * a page that patched its own DOM prototypes cannot get in the way of the test either.
 */
async function proseTextCenter(page: Page, text: string): Promise<{ x: number; y: number }> {
  const point = await inContentScript<{ x: number; y: number } | null>(
    page,
    `() => {
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const at = n.data.indexOf(${JSON.stringify(text)});
        if (at < 0 || n.parentElement.closest('pre, svg, [contenteditable], textarea, h1')) continue;
        n.parentElement.scrollIntoView({ block: 'center' });
        const r = document.createRange();
        r.setStart(n, at);
        r.setEnd(n, at + ${text.length});
        const rect = r.getClientRects()[0];
        if (!rect) continue;
        return { x: rect.left + Math.min(rect.width / 2, 20), y: rect.top + rect.height / 2 };
      }
      return null;
    }`,
  );
  if (!point) throw new Error(`“${text}” not found in the page's prose`);
  return point;
}

/** Hovers `text` until its card is open; `andNote`: then opens the card's note editor (the note frame). */
async function hoverOpensCard(page: Page, text: string, andNote = false): Promise<string> {
  const point = await proseTextCenter(page, text);
  await page.mouse.move(point.x - 30, point.y - 40);
  await page.mouse.move(point.x, point.y, { steps: 4 });
  const deadline = Date.now() + 6000;
  let card: string | null = null;
  while (Date.now() < deadline) {
    card = await cardText(page);
    if (card?.includes('View source context')) break;
    await page.waitForTimeout(100);
  }
  if (andNote && card) {
    const save = await shadowElementCenter(page, '.actions button.primary', 'Save note');
    await page.mouse.click(save.x, save.y);
    // The page's policies (CSP, cross-origin isolation) must not keep the note frame out.
    await waitForNoteEditor(page);
  }
  await page.keyboard.press('Escape');
  await page.mouse.move(2, 2);
  return card ?? '';
}

describe.skipIf(CORPUS.length === 0)(`the shared corpus of real saved pages (${CORPUS.length} pages in ${CORPUS_DIR})`, () => {
  it('leaves every page exactly as it was: same text, no errors, nothing drawn on these uncovered pages', { timeout: 240_000 }, async () => {
    const base = await openTab(plainContext);
    const ext = await openTab(session.context);
    const problems: string[] = [];
    for (const file of CORPUS) {
      const url = server.url(`/corpus/${file}`);
      // The two browsers are independent: load the page in both at once.
      const [without, withIt] = await Promise.all([visit(base, url, false), visit(ext, url, true)]);
      const drawn = await ext.page.evaluate(() => ({
        highlights: (CSS as any).highlights.size as number,
        host: document.querySelector('backstory-ui') !== null,
      }));
      if (withIt.text !== without.text) problems.push(`${file}: body.innerText differs with Backstory`);
      if (withIt.pageErrors.length > 0) problems.push(`${file}: page errors ${JSON.stringify(withIt.pageErrors)}`);
      if (JSON.stringify(withIt.consoleProblems) !== JSON.stringify(without.consoleProblems)) {
        problems.push(`${file}: console ${JSON.stringify(withIt.consoleProblems)} vs ${JSON.stringify(without.consoleProblems)} without Backstory`);
      }
      // None of these pages is about the policy: Backstory must stay invisible on them.
      if (withIt.covered) problems.push(`${file}: judged covered`);
      if (drawn.highlights !== 0 || drawn.host) problems.push(`${file}: drew ${JSON.stringify(drawn)}`);
    }
    await base.page.close();
    await ext.page.close();
    expect(problems).toEqual([]);
  });
});

describe('hostile pages with a covered article', () => {
  let base: Tab;
  let ext: Tab;
  beforeAll(async () => {
    base = await openTab(plainContext);
    ext = await openTab(session.context);
  });
  afterAll(async () => {
    await base?.page.close();
    await ext?.page.close();
  });

  const testPages = HOSTILE.filter((p) => p.path !== '/hostile/frame-inner.html');

  it.each(testPages.map((p) => [p.what, p] as [string, HostilePage]))('%s', async (_what, hostile) => {
    const url = server.url(hostile.path);
    const without = await visit(base, url, false, hostile.settle);
    const withIt = await visit(ext, url, true, hostile.settle);

    expect(withIt.covered, 'the injected article is judged covered').toBe(true);
    expect(withIt.pageErrors).toEqual([]);
    expect(without.pageErrors).toEqual([]);
    expect(withIt.consoleProblems).toEqual(without.consoleProblems);
    expect(withIt.text).toBe(without.text);

    const card = await hoverOpensCard(ext.page, hostile.hover, true);
    expect(card).toContain('View source context');
    expect(card).toContain('Sessions');
    expect(ext.pageErrors).toEqual([]);
  });

  it('never calls the page’s patched prototypes: content scripts run in an isolated world', async () => {
    const url = server.url('/hostile/patched-prototypes.html');
    await visit(base, url, false);
    const baseline = await base.page.evaluate(() => (window as any).__patchCalls as string[]);
    await visit(ext, url, true);
    await hoverOpensCard(ext.page, 'Jeff Sessions');
    const calls = await ext.page.evaluate(() => (window as any).__patchCalls as string[]);
    expect(calls).toEqual(baseline);
    expect(calls).toEqual([]);
    // And Backstory drew with the real APIs all the same.
    expect(await inContentScript<string | null>(ext.page, `(b) => b.highlightMode()`)).toBe('custom-highlight');
  });

  it('keeps the Preact app’s DOM identical and its hydration clean', async () => {
    const url = server.url('/hostile/preact-hydration.html');
    const html = async (tab: Tab) => tab.page.evaluate(() => document.body.innerHTML);
    const without = await visit(base, url, false, 'window.__hydrate()');
    const baseHtml = await html(base);
    const withIt = await visit(ext, url, true, 'window.__hydrate()');
    expect(await html(ext)).toBe(baseHtml);
    // preact/debug logs `Expected a DOM node of type …` on any hydration mismatch.
    expect(withIt.consoleProblems).toEqual([]);
    expect(without.consoleProblems).toEqual([]);
    expect(await ext.page.evaluate(() => (window as any).__hydrated)).toBe(true);
    // The hydrated handlers are live.
    await ext.page.getByRole('button', { name: 'Likes: 0' }).click();
    await ext.page.getByRole('button', { name: 'Likes: 1' }).waitFor({ timeout: 2000 });
  });

  it('leaves iframes alone (top frame only) and their text unchanged', async () => {
    const url = server.url('/hostile/iframes.html');
    const frameTexts = async (tab: Tab) => {
      const out: string[] = [];
      for (const frame of tab.page.frames()) {
        // Backstory's own note frame (in its closed shadow root) is not one of the page's.
        if (frame === tab.page.mainFrame() || frame.url().startsWith('chrome-extension://')) continue;
        out.push(await frame.locator('body').innerText());
      }
      return out.sort();
    };
    await visit(base, url, false);
    await base.page.waitForLoadState('load');
    const baseFrames = await frameTexts(base);
    await visit(ext, url, true);
    expect(await frameTexts(ext)).toEqual(baseFrames);
    expect(baseFrames.length).toBe(3);
    // No Backstory UI or highlight registry use inside the same-origin frame.
    const inner = ext.page.frames().find((f) => f.url().endsWith('/hostile/frame-inner.html') && f.name() === '');
    expect(await inner!.evaluate(() => (CSS as any).highlights.size)).toBe(0);
  });

  it('does not touch what the reader types in an editor', async () => {
    const url = server.url('/hostile/editors.html');
    const typeAndRead = async (tab: Tab) => {
      await tab.page.click('#editor p');
      await tab.page.keyboard.press('End');
      await tab.page.keyboard.type(' Jeff Sessions again.');
      await tab.page.click('#ta');
      await tab.page.keyboard.type(' Kirstjen Nielsen.');
      return tab.page.evaluate(() => ({
        editor: document.getElementById('editor')!.innerHTML,
        plain: document.getElementById('plaintext')!.innerHTML,
        ta: (document.getElementById('ta') as HTMLTextAreaElement).value,
      }));
    };
    await visit(base, url, false);
    const baseEdits = await typeAndRead(base);
    await visit(ext, url, true);
    const extEdits = await typeAndRead(ext);
    expect(extEdits).toEqual(baseEdits);
    expect(extEdits.editor).toContain('Jeff Sessions again.');
    expect(ext.pageErrors).toEqual([]);
  });
});
