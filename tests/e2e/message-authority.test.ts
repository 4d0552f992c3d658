/**
 * What Backstory's content-script world may ask the background, tried from that world itself on a
 * real covered page in Chromium (as code would after a renderer exploit): every request reserved
 * for extension pages is refused and changes nothing, and the page-bound ones answer for this page
 * only, whatever URL the message names. Extension pages still get everything, and page:open-note
 * opens web pages only. And what the browser's registered-scripts store keeps for a noted page.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { BACKGROUND_GRANTS, type BackgroundRequestType } from '../../src/messages/protocol';
import { createNote } from '../../src/notes/model';
import { exportJsonLd } from '../../src/notes/transfer';
import { currentWorker, eventually, inContentScript, openExtensionPage, pageState } from './harness';
import { useExtension } from './extension-fixture';

const browser = useExtension();

const COVERED = '/e2e/covered-article.html';
const ELSEWHERE = 'https://elsewhere.example/private-diary?entry=1';

type Reply = { ok: boolean; value?: any; error?: string; code?: string };

/** Sends a request from Backstory's isolated world on `page`, as its content script would. */
function fromContentScript(page: Page, message: Record<string, unknown>): Promise<Reply> {
  return inContentScript<Reply>(page, `async () => chrome.runtime.sendMessage(${JSON.stringify(message)})`);
}

function fromExtensionPage(ext: Page, message: Record<string, unknown>): Promise<Reply> {
  return ext.evaluate((m) => (globalThis as any).chrome.runtime.sendMessage(m), message);
}

describe('message authority', () => {
  it('refuses every extension-page request from the content-script world, and answers page ones for that page only', async () => {
    const ext = await openExtensionPage(browser.session, 'notes.html');
    const elsewhere = await fromExtensionPage(ext, {
      type: 'notes:save',
      draft: { pageUrl: ELSEWHERE, pageTitle: 'Private', text: 'written on another site', tags: [] },
    });
    expect(elsewhere.ok).toBe(true);
    const secret = elsewhere.value as { id: string };

    const page = await browser.session.context.newPage();
    const pageUrl = browser.server.url(COVERED);
    await page.goto(pageUrl);
    expect((await pageState(browser.session, page)).covered).toBe(true);
    const tabsBefore = browser.session.context.pages().length;

    const planted = createNote({ pageUrl: ELSEWHERE, pageTitle: 'Planted', text: 'planted by the page' }, new Date('2030-01-01'));
    if (!planted.ok) throw new Error(planted.error);
    const newerSecret = { ...planted.note, id: secret.id };
    // One request of each reserved type, with a payload that would do harm if it were answered.
    const attempts: Record<string, Record<string, unknown>> = {
      'notes:list-all': {},
      'notes:list-summaries': { limit: 50 },
      'notes:count': {},
      'notes:update': { id: secret.id, text: 'overwritten by the page' },
      'notes:delete': { ids: [secret.id] },
      'notes:restore': { notes: [planted.note] },
      'notes:import': { text: exportJsonLd([newerSecret]), replace: true },
      'notes:export': { format: 'jsonld' },
      'page:open-note': { url: 'data:text/html,<h1>hi</h1>', noteId: secret.id },
      'settings:get': {},
      'settings:set': { patch: { paused: true } },
      'pack:about': {},
      'pack:sample': {},
    };
    const reserved = (Object.keys(BACKGROUND_GRANTS) as BackgroundRequestType[]).filter((t) => BACKGROUND_GRANTS[t] === 'extension' || BACKGROUND_GRANTS[t] === 'own-page');
    expect(Object.keys(attempts).sort()).toEqual(reserved.sort());
    for (const [type, payload] of Object.entries(attempts)) {
      const reply = await fromContentScript(page, { type, ...payload });
      expect(reply, type).toEqual({ ok: false, code: 'not-allowed', error: `“${type}” is answered only for Backstory’s own pages, not for a script on a web page.` });
    }

    // Page-bound requests name another site's page; the answers are about this page.
    const listed = await fromContentScript(page, { type: 'notes:list-page', url: ELSEWHERE });
    expect(listed).toEqual({ ok: true, value: [] });
    const boot = await fromContentScript(page, { type: 'page:boot', url: ELSEWHERE });
    expect(boot.ok && boot.value.notes).toEqual([]);
    const saved = await fromContentScript(page, {
      type: 'notes:save',
      draft: { pageUrl: ELSEWHERE, pageTitle: 'Forged', text: 'saved from the page world', tags: [] },
    });
    expect(saved.ok).toBe(true);
    expect(saved.value.target.source).toBe(pageUrl);
    expect(await fromContentScript(page, { type: 'notes:page-has-notes' })).toEqual({ ok: true, value: true });
    const cards = await fromContentScript(page, { type: 'card:get-many', entityIds: ['jeff-sessions'] });
    expect(cards.ok && Object.keys(cards.value)).toEqual(['jeff-sessions']);
    // A route change within the site (Chromium's sender.url keeps the first URL; the tab's follows).
    const routed = browser.server.url('/e2e/next-story.html?id=2');
    await page.evaluate((url) => history.pushState({}, '', url), routed);
    const onRoute = await fromContentScript(page, { type: 'notes:save', draft: { pageUrl: ELSEWHERE, pageTitle: 'Route', text: 'saved on the new route', tags: [] } });
    expect(onRoute.ok && onRoute.value.target.source).toBe(routed);

    // Nothing changed behind the refusals, and no tab was opened.
    expect(browser.session.context.pages().length).toBe(tabsBefore);
    const all = await fromExtensionPage(ext, { type: 'notes:list-all' });
    expect(all.ok).toBe(true);
    const texts = (all.value as Array<{ id: string; body: { text: string }; target: { source: string } }>).map((n) => [n.target.source, n.body.text]);
    expect(texts.sort()).toEqual(
      [
        [ELSEWHERE, 'written on another site'],
        [pageUrl, 'saved from the page world'],
        [routed, 'saved on the new route'],
      ].sort(),
    );
    expect((await fromExtensionPage(ext, { type: 'settings:get' })).value.paused).toBe(false);

    // An extension page asking to open a note on another scheme is refused too.
    const dataUrl = await fromExtensionPage(ext, { type: 'page:open-note', url: 'javascript:alert(1)', noteId: secret.id });
    expect(dataUrl).toMatchObject({ ok: false, code: 'not-allowed', error: 'Backstory opens only web pages (http or https) for a note.' });
    expect(browser.session.context.pages().length).toBe(tabsBefore);

    await fromExtensionPage(ext, { type: 'notes:delete', ids: (all.value as Array<{ id: string }>).map((n) => n.id) });
    await Promise.all([page.close(), ext.close()]);
  });
});

describe('what the browser keeps for a noted page', () => {
  it('registers the noted page’s origin only, and nothing once its last note is deleted', async () => {
    const registered = async () => {
      const worker = await currentWorker(browser.session);
      return worker.evaluate(async () => JSON.stringify(await (globalThis as any).chrome.scripting.getRegisteredContentScripts()));
    };
    const ext = await openExtensionPage(browser.session, 'notes.html');
    const pageUrl = browser.server.url('/e2e/doj-unrelated.html?id=secret-query');
    const saved = await fromExtensionPage(ext, { type: 'notes:save', draft: { pageUrl, pageTitle: 'Page', text: 'a private thought', tags: [] } });
    expect(saved.ok).toBe(true);
    const kept = await eventually(registered, (json) => json.includes('noted-page.js'), 'the noted-page script is registered');
    expect(JSON.parse(kept)).toEqual([expect.objectContaining({ matches: ['http://127.0.0.1/*'], js: ['noted-page.js'] })]);
    expect(kept).not.toContain('doj-unrelated');
    expect(kept).not.toContain('secret-query');

    await fromExtensionPage(ext, { type: 'notes:delete', ids: [saved.value.id] });
    await eventually(registered, (json) => json === '[]', 'the registration is gone with the last note');
    await ext.close();
  });
});
