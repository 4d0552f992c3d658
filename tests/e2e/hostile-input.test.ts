/**
 * Hostile input, and what a hostile page can learn.
 *
 * XSS payloads (tests/fixtures/hostile/xss-payloads.ts) go everywhere Backstory shows text it
 * did not write: note text, tags, page titles and quotes (saved through the background's
 * messages, exported, and imported again through the notes page's file input), the popup,
 * the card and the selection editor on a covered page whose article and title carry the
 * payloads, and the source viewer's `quote` parameter. Each must show as the characters it
 * contains: visible verbatim, `window.__xss` never set, no dialog, no injected element.
 *
 * Then the page itself: Backstory's UI lives in a closed shadow root, nothing of Backstory's
 * answers window messages shaped like its own, and there is no external messaging.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import {
  CHROME_BUILD,
  FIXTURES,
  REPO_ROOT,
  cardText,
  inContentScript,
  launchWithExtension,
  openExtensionPage,
  pageState,
  sendToTab,
  startFixtureServer,
  tabIdOf,
  textCenter,
  type ExtensionSession,
  type FixtureServer,
  noteFrame,
  noteFrameText,
  waitForNoteEditor,
} from './harness';
import { coveredParagraphs } from '../fixtures/hostile/pages';
import { INJECTED_MARKUP_SELECTOR, XSS_PAYLOADS, XSS_TAG_PAYLOADS, asHtmlText } from '../fixtures/hostile/xss-payloads';

const TITLE_PAYLOAD = `</title><script>window.__xss='title'</script><img src=x onerror=window.__xss='t'>`;
const ARTICLE_PAYLOADS = XSS_PAYLOADS.slice(0, 20);

/** A covered article whose title and one paragraph carry payloads, as text. */
function xssCoveredPage(): string {
  const payloadParagraph = `<p id="payloads">Readers wrote in: ${ARTICLE_PAYLOADS.map(asHtmlText).join(' ')}</p>`;
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${asHtmlText(TITLE_PAYLOAD)}</title></head>
<body><article>${coveredParagraphs(FIXTURES)}${payloadParagraph}</article></body></html>`;
}

let server: FixtureServer;
let session: ExtensionSession;

beforeAll(async () => {
  server = await startFixtureServer(FIXTURES, {
    dynamic: (path) => (path === '/xss/covered.html' ? xssCoveredPage() : undefined),
  });
  session = await launchWithExtension();
  // Every page records the window messages it receives, from before any script runs.
  await session.context.addInitScript(() => {
    const w = window as unknown as { __messages: unknown[]; __dialogs: number };
    w.__messages = [];
    window.addEventListener('message', (e) => w.__messages.push(e.data), true);
  });
});

afterAll(async () => {
  await session?.close();
  await server?.close();
});

/** Dialogs, CSP violations and page errors on one page: all must stay empty. */
function watch(page: Page): { dialogs: string[]; problems: string[] } {
  const seen = { dialogs: [] as string[], problems: [] as string[] };
  page.on('dialog', (d) => {
    seen.dialogs.push(d.message());
    void d.dismiss();
  });
  page.on('pageerror', (e) => seen.problems.push(String(e)));
  page.on('console', (m) => {
    if (/Content Security Policy|Refused to/i.test(m.text())) seen.problems.push(m.text());
  });
  return seen;
}

async function expectNothingRan(page: Page, seen: { dialogs: string[]; problems: string[] }): Promise<void> {
  expect(await page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss)).toBeUndefined();
  expect(await page.evaluate((sel) => document.querySelectorAll(sel).length, INJECTED_MARKUP_SELECTOR)).toBe(0);
  expect(seen.dialogs).toEqual([]);
  expect(seen.problems).toEqual([]);
}

/** The text of the page including every form control's value. */
function visibleText(page: Page): Promise<string> {
  return page.evaluate(() => document.body.textContent ?? '');
}

async function background<T>(page: Page, message: Record<string, unknown>): Promise<T> {
  const reply = await page.evaluate(async (m) => (globalThis as any).chrome.runtime.sendMessage(m), message);
  if (!reply?.ok) throw new Error(`background refused ${String(message.type)}: ${reply?.error}`);
  return reply.value as T;
}

async function expectPopupShowsVerbatim(payloads: readonly string[], also: readonly string[]): Promise<void> {
  const popup = await openExtensionPage(session, 'popup.html');
  const seen = watch(popup);
  await popup.getByRole('tab', { name: /All notes/ }).click();
  await popup.locator('article.note').first().waitFor();
  const text = await visibleText(popup);
  for (const p of [...payloads, ...also]) expect(text, `popup shows ${p}`).toContain(p);
  await expectNothingRan(popup, seen);
  await popup.close();
}

describe('XSS payloads are shown as text, never run', () => {
  it('in notes, tags and page titles saved through the background, in the popup, and through export → import on the notes page', async () => {
    const ext = await openExtensionPage(session, 'popup.html');
    const title = XSS_PAYLOADS[4]!;
    const quote = XSS_PAYLOADS.slice(20).join(' ');
    const note = await background<{ id: string }>(ext, {
      type: 'notes:save',
      draft: {
        pageUrl: `${server.origin}/xss/page.html?q=${encodeURIComponent(XSS_PAYLOADS[0]!)}#${encodeURIComponent(XSS_PAYLOADS[1]!)}`,
        pageTitle: title,
        selector: [{ type: 'TextQuoteSelector', exact: quote, prefix: XSS_PAYLOADS[2], suffix: XSS_PAYLOADS[3] }],
        text: XSS_PAYLOADS.join('\n'),
        tags: [...XSS_TAG_PAYLOADS],
        motivation: 'commenting',
      },
    });
    await expectPopupShowsVerbatim(XSS_PAYLOADS, [...XSS_TAG_PAYLOADS, title, quote]);

    // Export, delete, and import the file again through the notes page's file input.
    const exported = await background<{ text: string }>(ext, { type: 'notes:export', format: 'jsonld', ids: [note.id] });
    expect(exported.text).toContain(JSON.stringify(XSS_PAYLOADS[0]).slice(1, -1));
    await background(ext, { type: 'notes:delete', ids: [note.id] });
    expect(await background<unknown[]>(ext, { type: 'notes:list-all' })).toEqual([]);

    const notesPage = await openExtensionPage(session, 'notes.html');
    const seen = watch(notesPage);
    await notesPage.locator('input[type=file]').setInputFiles({
      name: `${XSS_PAYLOADS[0]}.jsonld`,
      mimeType: 'application/ld+json',
      buffer: Buffer.from(exported.text, 'utf8'),
    });
    await notesPage.getByText(/imported/i).first().waitFor();
    await notesPage.locator('article.note').first().waitFor();
    const text = await visibleText(notesPage);
    for (const p of XSS_PAYLOADS) expect(text).toContain(p);
    await expectNothingRan(notesPage, seen);
    await notesPage.close();

    await expectPopupShowsVerbatim(XSS_PAYLOADS, [...XSS_TAG_PAYLOADS, title]);
    await background(ext, { type: 'notes:delete', ids: (await background<Array<{ id: string }>>(ext, { type: 'notes:list-all' })).map((n) => n.id) });
    await ext.close();
  });

  it('in the source viewer’s quote parameter', async () => {
    // A source with bundled excerpts: the viewer repeats the quote when it is not in them.
    const sources = JSON.parse(readFileSync(join(REPO_ROOT, 'src/pack/packs/zero-tolerance/sources.json'), 'utf8'));
    const list: Array<{ id: string; excerpts?: unknown[] }> = Array.isArray(sources) ? sources : (sources.sources ?? Object.values(sources));
    const sourceId = list.find((src) => (src.excerpts?.length ?? 0) > 0)!.id;
    const viewer = await session.context.newPage();
    const seen = watch(viewer);
    for (const payload of XSS_PAYLOADS) {
      const params = new URLSearchParams({ source: sourceId, quote: payload });
      await viewer.goto(`chrome-extension://${session.extensionId}/source.html?${params}`, { waitUntil: 'domcontentloaded' });
      await viewer.waitForFunction((p) => (document.body.textContent ?? '').includes(p), payload, { timeout: 3000 });
      await expectNothingRan(viewer, seen);
    }
    await viewer.close();
  });

  it('in a covered page’s text and title: the card, the selection editor and the saved note', async () => {
    const page = await session.context.newPage();
    const seen = watch(page);
    await page.goto(server.url('/xss/covered.html'));
    expect((await pageState(session, page)).covered).toBe(true);

    // The card opens and renders.
    const point = await textCenter(page, 'Jeff Sessions');
    await page.mouse.move(point.x - 30, point.y - 40);
    await page.mouse.move(point.x, point.y, { steps: 4 });
    await expect.poll(() => cardText(page), { timeout: 6000 }).toContain('View source context');
    await page.keyboard.press('Escape');

    // The payload paragraph, selected and noted: the editor quotes it as text.
    await page.evaluate(() => {
      const p = document.getElementById('payloads')!;
      p.scrollIntoView({ block: 'start' });
      const range = document.createRange();
      range.selectNodeContents(p);
      getSelection()!.removeAllRanges();
      getSelection()!.addRange(range);
    });
    await sendToTab(session, page, { type: 'backstory:note-selection' });
    // The editor is the note frame: the quote is shown there, as text.
    await expect.poll(() => noteFrameText(page).catch(() => ''), { timeout: 6000 }).toContain('Save note to Backstory');
    const editorText = await (await noteFrame(page)).evaluate(() => document.body.textContent ?? '');
    for (const p of ARTICLE_PAYLOADS.slice(0, 8)) expect(editorText).toContain(p);
    // Backstory's own note frame is the one iframe its UI may hold.
    const injectedInUi = await inContentScript<number>(
      page,
      `(b) => [...b.shadowRoot().querySelectorAll(${JSON.stringify(INJECTED_MARKUP_SELECTOR)})].filter((el) => !el.matches('.note-frame > iframe')).length`,
    );
    expect(injectedInUi).toBe(0);
    expect(await (await noteFrame(page)).evaluate((sel) => document.querySelectorAll(sel).length, INJECTED_MARKUP_SELECTOR)).toBe(0);
    await waitForNoteEditor(page);
    await page.keyboard.type(XSS_PAYLOADS[1]!);
    await page.keyboard.press('Control+Enter');
    await expect.poll(() => cardText(page)).toBeNull();
    await expectNothingRan(page, seen);

    // The popup's "This page" shows the note, its quote and the page title as text.
    const tabId = await tabIdOf(session, page);
    const popup = await openExtensionPage(session, `popup.html?tabId=${tabId}`);
    const popupSeen = watch(popup);
    await popup.locator('article.note').first().waitFor();
    const text = await visibleText(popup);
    expect(text).toContain(XSS_PAYLOADS[1]!);
    expect(text).toContain(ARTICLE_PAYLOADS[5]!);
    expect(text).toContain(TITLE_PAYLOAD);
    await expectNothingRan(popup, popupSeen);
    await popup.close();
    await page.close();
  });
});

describe('what the page can reach', () => {
  it('cannot open the shadow root that shows cards and notes', async () => {
    const page = await session.context.newPage();
    await page.goto(server.url('/e2e/covered-article.html'));
    await pageState(session, page);
    const point = await textCenter(page, 'Gene Hamilton');
    await page.mouse.move(point.x, point.y, { steps: 3 });
    await expect.poll(() => cardText(page), { timeout: 6000 }).toContain('View source context');
    const seen = await page.evaluate(() => {
      const host = document.querySelector('backstory-ui')!;
      return {
        shadowRoot: host.shadowRoot,
        children: host.childNodes.length,
        // No way in through the DOM either: the card's words are nowhere in the page's tree.
        cardInDom: (document.documentElement.textContent ?? '').includes('View source context'),
        defined: customElements.get('backstory-ui') ?? null,
      };
    });
    expect(seen).toEqual({ shadowRoot: null, children: 0, cardInDom: false, defined: null });
    await page.close();
  });

  it('gets no answer to window messages shaped like Backstory’s, learns nothing from them, and cannot switch Backstory off', async () => {
    const page = await session.context.newPage();
    await page.goto(server.url('/e2e/covered-article.html'));
    const before = await pageState(session, page);
    expect(before.covered).toBe(true);
    const highlights = await page.evaluate(() => (CSS as any).highlights.size as number);

    const forged = [
      { type: 'backstory:note-selection' },
      { type: 'backstory:navigate-mentions' },
      { type: 'backstory:page-state' },
      { type: 'backstory:page-summary' },
      { type: 'notes:list-all' },
      { type: 'notes:save', draft: { pageUrl: 'http://127.0.0.1/forged', pageTitle: 'forged', selector: [], text: 'forged', tags: [], motivation: 'commenting' } },
      { type: 'settings:set', patch: { paused: true } },
      { type: 'backstory:settings-changed', settings: { paused: true } },
    ];
    await page.evaluate(
      ({ forged, id }) => {
        const marker = '__test_forged__';
        for (const m of forged) window.postMessage({ ...m, [marker]: true }, '*');
        // WXT's content-script context stops itself when a newer copy announces itself with this
        // event. A store extension's id is public, so any page can build the name.
        for (const name of [`${id}:content:wxt:content-script-started`, 'wxt:content-script-started']) {
          document.dispatchEvent(new CustomEvent(name, { detail: { contentScriptName: 'content', messageId: 'forged' } }));
          window.postMessage({ type: name, contentScriptName: 'content', messageId: 'forged', [marker]: true }, '*');
        }
      },
      { forged, id: session.extensionId },
    );
    await page.waitForTimeout(800);
    const after = await page.evaluate(() =>
      (window as unknown as { __messages: Array<Record<string, unknown>> }).__messages.filter((m) => !m?.['__test_forged__']),
    );
    expect(await page.evaluate(() => (CSS as any).highlights.size), 'highlights after forged messages').toBe(highlights);
    expect(await cardText(page)).toBeNull();
    // Nothing Backstory did posted a window message the page could read (e.g. its extension id).
    expect(after).toEqual([]);
    const ext = await openExtensionPage(session, 'popup.html');
    const notes = await background<Array<{ body: { text: string } }>>(ext, { type: 'notes:list-all' });
    expect(notes.filter((n) => n.body.text === 'forged')).toEqual([]);
    expect((await background<{ paused: boolean }>(ext, { type: 'settings:get' })).paused).toBe(false);
    await ext.close();
    expect((await pageState(session, page)).mentions.length).toBe(before.mentions.length);
    await page.close();
  });

  it('cannot message the extension: no externally_connectable, no chrome.runtime in the page', async () => {
    const manifest = JSON.parse(readFileSync(join(CHROME_BUILD, 'manifest.json'), 'utf8'));
    expect(manifest).not.toHaveProperty('externally_connectable');
    const page = await session.context.newPage();
    await page.goto(server.url('/e2e/covered-article.html'));
    const reach = await page.evaluate(async (id) => {
      const chrome = (globalThis as any).chrome;
      if (!chrome?.runtime?.sendMessage) return 'no chrome.runtime.sendMessage';
      try {
        return `answered: ${JSON.stringify(await chrome.runtime.sendMessage(id, { type: 'notes:list-all' }))}`;
      } catch (e) {
        return `refused: ${String(e)}`;
      }
    }, session.extensionId);
    expect(reach).toMatch(/^(no chrome\.runtime\.sendMessage|refused)/);
    await page.close();
  });
});
