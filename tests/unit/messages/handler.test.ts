import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { answerTabMessage, callerOf, createBackgroundListener, onBroadcast, refusal, type BackgroundHandlers } from '../../../src/messages/handler';
import { BACKGROUND_GRANTS, type BackgroundRequestType } from '../../../src/messages/protocol';

const ownId = () => fakeBrowser.runtime.id;
const extensionPage = () => ({ id: ownId(), url: fakeBrowser.runtime.getURL('/popup.html') });
const PAGE_URL = 'https://news.example/2018/06/story.html';
const contentScript = () => ({ id: ownId(), url: PAGE_URL, tab: { id: 7, url: PAGE_URL } as never, frameId: 0 });

function handlers(): BackgroundHandlers {
  const fail = async () => {
    throw new Error('not in this test');
  };
  return new Proxy({} as BackgroundHandlers, {
    get: (_t, key) =>
      key === 'settings:get'
        ? async () => ({ paused: true })
        : key === 'notes:list-all'
          ? async () => {
              throw Object.assign(new Error('The notes database is closed.'), { code: 'closed' });
            }
          : fail,
    has: () => true,
  });
}

describe('background message listener', () => {
  it('answers its own extension with a typed reply', async () => {
    const listen = createBackgroundListener(handlers());
    const reply = await listen({ type: 'settings:get' }, extensionPage());
    expect(reply).toEqual({ ok: true, value: { paused: true } });
  });

  it('turns thrown errors into readable error replies with their code', async () => {
    const listen = createBackgroundListener(handlers());
    const reply = await listen({ type: 'notes:list-all' }, extensionPage());
    expect(reply).toEqual({ ok: false, error: 'The notes database is closed.', code: 'closed' });
  });

  it('refuses messages from other extensions and malformed messages', () => {
    const listen = createBackgroundListener(handlers());
    expect(listen({ type: 'settings:get' }, { ...extensionPage(), id: 'some-other-extension' })).toBeUndefined();
    expect(listen('settings:get', extensionPage())).toBeUndefined();
    expect(listen({ type: 42 }, extensionPage())).toBeUndefined();
    // Names that are not requests, even ones every object has.
    expect(listen({ type: 'toString' }, extensionPage())).toBeUndefined();
    expect(listen({ type: 'backstory:page-state' }, extensionPage())).toBeUndefined();
  });

  it('refuses, with a readable error, every extension-page request from a content script, without running it', async () => {
    const ran: string[] = [];
    const all = new Proxy({} as BackgroundHandlers, {
      get: (_t, key) => async () => {
        ran.push(String(key));
        return 'ran';
      },
      has: () => true,
    });
    const listen = createBackgroundListener(all);
    const reserved = (Object.keys(BACKGROUND_GRANTS) as BackgroundRequestType[]).filter((t) => BACKGROUND_GRANTS[t] === 'extension' || BACKGROUND_GRANTS[t] === 'own-page');
    expect(reserved).toEqual(
      expect.arrayContaining(['notes:list-all', 'notes:delete', 'notes:import', 'notes:export', 'page:open-note', 'settings:set', 'notes:update']),
    );
    for (const type of reserved) {
      const reply = await listen({ type }, contentScript());
      expect(reply, type).toEqual({ ok: false, code: 'not-allowed', error: expect.stringContaining('only for Backstory’s own pages') });
    }
    for (const type of ['notes:page-has-notes'] as const) {
      expect(await listen({ type }, extensionPage()), type).toMatchObject({ ok: false, code: 'not-allowed' });
    }
    expect(ran).toEqual([]);
    expect(await listen({ type: 'notes:save' }, contentScript())).toEqual({ ok: true, value: 'ran' });
    expect(await listen({ type: 'notes:save' }, extensionPage())).toEqual({ ok: true, value: 'ran' });
    expect(await listen({ type: 'page:boot' }, contentScript())).toEqual({ ok: true, value: 'ran' });
    expect(ran).toEqual(['notes:save', 'notes:save', 'page:boot']);
  });

  it('hands each handler the caller, with the page URL the browser gives, not one from the message', async () => {
    const seen: unknown[] = [];
    const all = new Proxy({} as BackgroundHandlers, {
      get: () => async (_req: unknown, caller: unknown) => {
        seen.push(caller);
        return null;
      },
      has: () => true,
    });
    const listen = createBackgroundListener(all);
    await listen({ type: 'notes:list-page', url: 'https://elsewhere.example/' }, contentScript());
    await listen({ type: 'notes:list-page', url: 'https://elsewhere.example/' }, extensionPage());
    expect(seen).toEqual([{ kind: 'page', url: PAGE_URL, tabId: 7 }, { kind: 'extension' }]);
  });
});

describe('callerOf', () => {
  it('tells extension pages from content scripts by the sender’s URL', () => {
    expect(callerOf(extensionPage())).toEqual({ kind: 'extension' });
    // The notes page open in a tab is still an extension page.
    expect(callerOf({ ...extensionPage(), tab: { id: 3, url: fakeBrowser.runtime.getURL('/notes.html') } as never, frameId: 0 })).toEqual({ kind: 'extension', tabId: 3 });
    expect(callerOf(contentScript())).toEqual({ kind: 'page', url: PAGE_URL, tabId: 7 });
    // No frame URL: the tab's.
    expect(callerOf({ id: ownId(), tab: { id: 7, url: PAGE_URL } as never })).toEqual({ kind: 'page', url: PAGE_URL, tabId: 7 });
  });

  it('follows a top frame’s route change within its site, and nothing across sites or from a sub-frame', () => {
    const routed = `${PAGE_URL.replace('story.html', 'next-story.html')}?id=2`;
    expect(callerOf({ ...contentScript(), tab: { id: 7, url: routed } as never })).toEqual({ kind: 'page', url: routed, tabId: 7 });
    // The tab already shows another site (a navigation the message raced): the sender's own URL.
    expect(callerOf({ ...contentScript(), tab: { id: 7, url: 'https://other.example/diary' } as never })).toEqual({ kind: 'page', url: PAGE_URL, tabId: 7 });
    expect(callerOf({ ...contentScript(), frameId: 2, tab: { id: 7, url: routed } as never })).toEqual({ kind: 'page', url: PAGE_URL, tabId: 7 });
  });

  it('treats an extension frame inside a web page as a frame of that page, not as an extension page', () => {
    const framed = { id: ownId(), url: fakeBrowser.runtime.getURL('/note-frame.html'), frameId: 4, tab: { id: 7, url: PAGE_URL } as never };
    expect(callerOf(framed)).toEqual({ kind: 'frame', url: PAGE_URL, tabId: 7 });
    // Framed by the browser's own pages (an embedded options page): still an extension page.
    expect(callerOf({ ...framed, tab: { id: 7, url: 'chrome://extensions/?options=x' } as never })).toEqual({ kind: 'extension', tabId: 7 });
  });

  it('answers nobody else: other extensions, and content scripts on pages that are not the web', () => {
    expect(callerOf({ id: 'another-extension', url: PAGE_URL })).toBeNull();
    expect(callerOf({ id: ownId() })).toBeNull();
    for (const url of ['file:///home/me/a.html', 'data:text/html,hi', 'about:blank', 'moz-extension://other-id/page.html', 'chrome-extension://other-id/x.html']) {
      expect(callerOf({ id: ownId(), url }), url).toBeNull();
    }
  });
});

describe('the grant table', () => {
  it('grants content scripts only what their own page needs', () => {
    const forPages = (Object.keys(BACKGROUND_GRANTS) as BackgroundRequestType[]).filter((t) => BACKGROUND_GRANTS[t] !== 'extension').sort();
    expect(forPages.filter((t) => refusal(t, { kind: 'page', url: PAGE_URL }) === null)).toEqual([
      'card:get', 'card:get-many', 'card:get-measure', 'notes:list-page', 'notes:page-has-notes', 'notes:save', 'page:boot', 'page:report', 'source:open', 'timeline:open',
    ]);
  });

  it('grants the note frame its page’s notes only: read, save, edit, delete, restore', () => {
    const frame = { kind: 'frame', url: PAGE_URL } as const;
    const granted = (Object.keys(BACKGROUND_GRANTS) as BackgroundRequestType[]).filter((t) => refusal(t, frame) === null).sort();
    expect(granted).toEqual(['notes:delete', 'notes:list-page', 'notes:restore', 'notes:save', 'notes:update']);
  });

  it('words each refusal for the side it refuses', () => {
    expect(refusal('notes:delete', { kind: 'page', url: PAGE_URL })).toMatch(/^“notes:delete” is answered only for Backstory’s own pages/);
    expect(refusal('notes:page-has-notes', { kind: 'extension' })).toMatch(/only for Backstory’s script on a web page/);
    expect(refusal('notes:save', { kind: 'page', url: PAGE_URL })).toBeNull();
    expect(refusal('notes:delete', { kind: 'extension' })).toBeNull();
  });
});

describe('tab message answers', () => {
  // Strangers are turned away before this, by the loader's listener (tests/unit/content/boot/loader.test.ts).
  it('answers page-state in its raw shape and nothing it has no handler for', async () => {
    const state = { covered: true, score: 3, mentions: [], scanMs: 1, published: null, publishedConfidence: null, figures: [] };
    const handlers = { 'backstory:page-state': () => state };
    expect(await answerTabMessage(handlers, { type: 'backstory:page-state' })).toEqual(state);
    expect(answerTabMessage(handlers, { type: 'backstory:unknown' })).toBeUndefined();
    expect(answerTabMessage(handlers, 'backstory:page-state')).toBeUndefined();
  });
});

describe('extension-page broadcast listener', () => {
  it('hears only its own type from Backstory itself, until unlistened', async () => {
    const heard = vi.fn();
    const stop = onBroadcast('backstory:notes-changed', heard);
    await fakeBrowser.runtime.onMessage.trigger({ type: 'backstory:notes-changed', url: 'https://a.example/' }, { id: ownId() });
    await fakeBrowser.runtime.onMessage.trigger({ type: 'backstory:settings-changed', settings: {} }, { id: ownId() });
    await fakeBrowser.runtime.onMessage.trigger({ type: 'backstory:notes-changed' }, { id: 'another-extension' });
    expect(heard.mock.calls).toEqual([[{ type: 'backstory:notes-changed', url: 'https://a.example/' }]]);
    stop();
    await fakeBrowser.runtime.onMessage.trigger({ type: 'backstory:notes-changed' }, { id: ownId() });
    expect(heard).toHaveBeenCalledTimes(1);
  });
});
