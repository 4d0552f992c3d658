/**
 * Reading the extension's state from outside: a page's state as the popup gets it, messages to a
 * tab as the background sends them, and code run in Backstory's content-script world.
 */
import type { Page } from 'playwright-core';
import { currentWorker, type ExtensionSession } from './browser';
import { GLOBAL_NAMES } from '../../src/content/boot/contract';

export interface PageState {
  covered: boolean;
  score: number;
  mentions: Array<{ entityId: string; text: string }>;
  scanMs: number;
  published: string | null;
  publishedConfidence: 'high' | 'medium' | 'low' | null;
  figures: Array<{ measureId: string; count: number; text: string }>;
  /** Only on a page the reader asked to scan anyway. */
  forced?: true;
}

/**
 * Asks the page's top-frame content script for `{type: "backstory:page-state"}`, as the
 * popup does. The content script answers once its first scan has finished.
 */
export async function pageState(session: ExtensionSession, page: Page, timeoutMs = 20_000): Promise<PageState> {
  const deadline = Date.now() + timeoutMs;
  let lastError = '';
  while (Date.now() < deadline) {
    try {
      const state = (await sendToTab(session, page, { type: 'backstory:page-state' })) as PageState | undefined;
      if (state) return state;
      lastError = 'no answer';
    } catch (e) {
      lastError = String(e);
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`page-state for ${page.url()} did not arrive: ${lastError}`);
}

/** Opens an extension page (popup, options, source viewer) in a tab. */
export async function openExtensionPage(session: ExtensionSession, path: string): Promise<Page> {
  const page = await session.context.newPage();
  await page.goto(`chrome-extension://${session.extensionId}/${path.replace(/^\//, '')}`);
  return page;
}

/**
 * Evaluates code in Backstory's content-script world (Chrome's isolated world for the
 * extension), where the debug global (GLOBAL_NAMES.debug) exposes the closed shadow root. The page's
 * own scripts can never reach that world.
 */
export async function inContentScript<T>(page: Page, expression: string, timeoutMs = 10_000): Promise<T> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const contexts: Array<{ id: number; name: string; auxData?: { type?: string; frameId?: string } }> = [];
    cdp.on('Runtime.executionContextCreated', (e: any) => contexts.push(e.context));
    // A frame that reloads (the card's note frame) takes its worlds with it.
    cdp.on('Runtime.executionContextDestroyed', (e: any) => {
      const at = contexts.findIndex((c) => c.id === e.executionContextId);
      if (at >= 0) contexts.splice(at, 1);
    });
    await cdp.send('Runtime.enable');
    const deadline = Date.now() + timeoutMs;
    let lastError = '';
    while (Date.now() < deadline) {
      for (const ctx of contexts.filter((c) => c.auxData?.type === 'isolated')) {
        const result: any = await cdp.send('Runtime.evaluate', {
          expression: `(async () => { const b = globalThis.${GLOBAL_NAMES.debug}; if (!b) return { __missing: true }; return await (${expression})(b); })()`,
          contextId: ctx.id,
          awaitPromise: true,
          returnByValue: true,
        }).catch((e: Error) => ({ exceptionDetails: { text: e.message } }));
        if (result.exceptionDetails) {
          lastError = result.exceptionDetails.exception?.description ?? result.exceptionDetails.text;
          continue;
        }
        const value = result.result?.value;
        if (value && typeof value === 'object' && value.__missing) continue;
        return value as T;
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`Backstory's content script world did not answer: ${lastError || 'no isolated world'}`);
  } finally {
    await cdp.detach().catch(() => undefined);
  }
}

/** Viewport centre of the first occurrence of `text` in the page (main world). */
export async function textCenter(page: Page, text: string, occurrence = 0): Promise<{ x: number; y: number }> {
  const point = await page.evaluate(
    ({ text, occurrence }) => {
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      let seen = 0;
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const data = (n as Text).data;
        let at = data.indexOf(text);
        while (at >= 0) {
          if (seen === occurrence) {
            const r = document.createRange();
            r.setStart(n, at);
            r.setEnd(n, at + text.length);
            (n.parentElement as HTMLElement).scrollIntoView({ block: 'center' });
            const rect = r.getClientRects()[0]!;
            return { x: rect.left + Math.min(rect.width / 2, 20), y: rect.top + rect.height / 2 };
          }
          seen++;
          at = data.indexOf(text, at + 1);
        }
      }
      return null;
    },
    { text, occurrence },
  );
  if (!point) throw new Error(`“${text}” not found on the page`);
  return point;
}

/**
 * The tab id of a page, from the extension's side: the tab showing its URL (Backstory's host
 * permissions let it read the URLs of http(s) tabs). No message is sent, so no tab is woken.
 */
export async function tabIdOf(session: ExtensionSession, page: Page, timeoutMs = 15_000): Promise<number> {
  const url = page.url();
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const worker = await currentWorker(session);
    const id = await worker.evaluate(async (pageUrl: string) => {
      const g = globalThis as unknown as { chrome: any };
      const tabs: Array<{ id: number; url?: string }> = await g.chrome.tabs.query({});
      return tabs.find((tab) => tab.url === pageUrl)?.id ?? null;
    }, url);
    if (id !== null) return id;
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`no tab shows ${url}`);
}

/**
 * Sends a tab message as the background would (context menu, keyboard command): when the page's
 * loader has no listener yet, it is woken as src/messages/tab-wake.ts does, and the message sent again.
 */
export async function sendToTab(session: ExtensionSession, page: Page, message: Record<string, unknown>): Promise<unknown> {
  const tabId = await tabIdOf(session, page);
  const worker = await currentWorker(session);
  // Under tsx (the bench, eval:detect) functions inside the evaluated code are wrapped in an
  // esbuild `__name` helper, which the worker lacks: give it one that does nothing.
  await worker.evaluate('globalThis.__name ??= (f) => f');
  return worker.evaluate(
    async ({ tabId, message, loaderGlobal }) => {
      const g = globalThis as unknown as { chrome: any };
      try {
        return await g.chrome.tabs.sendMessage(tabId, message, { frameId: 0 });
      } catch (e) {
        const [woken] = await g.chrome.scripting.executeScript({
          target: { tabId, frameIds: [0] },
          func: async (name: string) => (await (globalThis as any)[name]?.listen?.()) === true,
          args: [loaderGlobal],
        });
        if (woken?.result !== true) throw e;
        return g.chrome.tabs.sendMessage(tabId, message, { frameId: 0 });
      }
    },
    { tabId, message, loaderGlobal: GLOBAL_NAMES.loader },
  );
}

/** Text of Backstory's open card/editor (inside the closed shadow root), or null. */
export function cardText(page: Page): Promise<string | null> {
  return inContentScript<string | null>(
    page,
    `(b) => { const root = b.shadowRoot(); const el = root && root.querySelector('.floating'); return el ? el.textContent : null; }`,
  );
}

/** Viewport centre of an element inside Backstory's shadow root, for real mouse clicks. */
export async function shadowElementCenter(page: Page, selector: string, text?: string): Promise<{ x: number; y: number }> {
  const found = await inContentScript<{ x: number; y: number } | null>(
    page,
    `(b) => {
      const root = b.shadowRoot(); if (!root) return null;
      const els = [...root.querySelectorAll(${JSON.stringify(selector)})];
      const el = els.find((e) => ${text === undefined ? 'true' : `e.textContent.includes(${JSON.stringify(text)})`});
      if (!el) return null;
      const r = el.getBoundingClientRect();
      return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
    }`,
  );
  if (!found) throw new Error(`No ${selector}${text ? ` with “${text}”` : ''} in Backstory's UI`);
  return found;
}

/** Re-reads until `ok` holds, or throws naming what was awaited and the last value seen. */
export async function eventually<T>(read: () => Promise<T>, ok: (v: T) => boolean, what: string, timeoutMs = 6000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last = await read();
  while (!ok(last)) {
    if (Date.now() > deadline) throw new Error(`${what}: not met; last value ${JSON.stringify(last)}`);
    await new Promise((r) => setTimeout(r, 80));
    last = await read();
  }
  return last;
}
