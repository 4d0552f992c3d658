/**
 * Drives the Firefox build (.output/firefox-mv2) in Debian's firefox-esr through
 * puppeteer-core's WebDriver BiDi support.
 *
 * - The add-on is installed as a temporary add-on over BiDi (`webExtension.install`).
 * - Its moz-extension:// UUID is pinned with the `extensions.webextensions.uuids` pref, so the
 *   tests can open its pages; Firefox lets BiDi navigate to them only with
 *   `--remote-allow-system-access`.
 * - Firefox exposes no content-script realm over BiDi, but BiDi serialises an element's shadow
 *   root, open *or closed*, as a shared reference: that is how the tests read Backstory's card
 *   from outside without any debug hook in the product. Page scripts have no such power.
 */
import { existsSync } from 'node:fs';
import puppeteer, { type Browser, type Frame, type Page } from 'puppeteer-core';
import { FIREFOX_BUILD, assertBuilt } from './harness';
import { GLOBAL_NAMES } from '../../src/content/boot/contract';

const FIREFOX_CANDIDATES = ['/usr/bin/firefox-esr', '/usr/bin/firefox'];
export const ADDON_ID = 'backstory@backstory.example';
/** Any fixed UUID: the moz-extension:// host the add-on gets in the test profile. */
export const ADDON_UUID = '6c1f0d3e-8a4b-4c3e-9f5a-1b2c3d4e5f60';
export const EXTENSION_ORIGIN = `moz-extension://${ADDON_UUID}`;

/** The Firefox to drive: $BACKSTORY_FIREFOX when set, else Debian's firefox-esr; null when none. */
export function firefoxPath(): string | null {
  const fromEnv = process.env.BACKSTORY_FIREFOX;
  if (fromEnv) return existsSync(fromEnv) ? fromEnv : null;
  return FIREFOX_CANDIDATES.find((p) => existsSync(p)) ?? null;
}

export interface FirefoxSession {
  browser: Browser;
  close(): Promise<void>;
}

export async function launchFirefoxWithExtension(build = FIREFOX_BUILD): Promise<FirefoxSession> {
  assertBuilt(build);
  const executablePath = firefoxPath();
  if (!executablePath) throw new Error('No Firefox found: install firefox-esr or set BACKSTORY_FIREFOX.');
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath,
    headless: true,
    defaultViewport: { width: 1280, height: 900 },
    args: ['--remote-allow-system-access'],
    extraPrefsFirefox: {
      'extensions.webextensions.uuids': JSON.stringify({ [ADDON_ID]: ADDON_UUID }),
      // No network beyond the fixture server: no updates, telemetry or remote settings.
      'app.update.enabled': false,
      'datareporting.policy.dataSubmissionEnabled': false,
      'network.captive-portal-service.enabled': false,
    },
  });
  const id = await browser.installExtension(build);
  if (id !== ADDON_ID) throw new Error(`installed add-on id ${id}, expected ${ADDON_ID}`);
  return { browser, close: () => browser.close() };
}

/** The raw BiDi connection (puppeteer's Firefox browser has one). */
function bidi(browser: Browser): { send(method: string, params: object): Promise<{ result: any }> } {
  return (browser as unknown as { connection: { send(method: string, params: object): Promise<{ result: any }> } }).connection;
}

function contextOf(page: Page): string {
  return (page.mainFrame() as unknown as { _id: string })._id;
}

/**
 * Runs `fn(shadowRoot)` on Backstory's closed shadow root, in the page's realm, and returns its
 * JSON result; null when there is no Backstory UI host on the page.
 */
export async function inShadowRoot<T>(browser: Browser, page: Page, fn: string): Promise<T | null> {
  const conn = bidi(browser);
  const target = { context: contextOf(page) };
  const host = await conn.send('script.evaluate', {
    expression: `document.querySelector('backstory-ui')`,
    target,
    awaitPromise: false,
    resultOwnership: 'none',
    serializationOptions: { maxDomDepth: 0, includeShadowTree: 'all' },
  });
  const value = host.result?.result;
  if (!value || value.type !== 'node' || !value.value?.shadowRoot?.sharedId) return null;
  const out = await conn.send('script.callFunction', {
    functionDeclaration: `(root) => JSON.stringify((${fn})(root))`,
    arguments: [{ sharedId: value.value.shadowRoot.sharedId }],
    target,
    awaitPromise: true,
    resultOwnership: 'none',
  });
  if (out.result?.type === 'exception') throw new Error(`in shadow root: ${out.result.exceptionDetails?.text}`);
  const json = out.result?.result?.value;
  return typeof json === 'string' ? (JSON.parse(json) as T) : null;
}

/** Text of Backstory's open card or editor, or null. */
export function firefoxCardText(browser: Browser, page: Page): Promise<string | null> {
  return inShadowRoot<string | null>(browser, page, `(root) => root.querySelector('.floating')?.textContent ?? null`);
}

/** Opens one of the add-on's pages (popup, source viewer…) in a new tab. */
export async function openFirefoxExtensionPage(browser: Browser, path: string): Promise<Page> {
  const page = await browser.newPage();
  const url = `${EXTENSION_ORIGIN}/${path.replace(/^\//, '')}`;
  // The navigation moves the tab into the extension process; puppeteer does not always see
  // its load event, so wait for the document instead.
  await page.goto(url, { waitUntil: 'domcontentloaded', timeout: 5000 }).catch(() => undefined);
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    const ready = await page
      .evaluate(() => location.href.startsWith('moz-extension:') && document.readyState === 'complete')
      .catch(() => false);
    if (ready) return page;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`extension page ${url} did not load`);
}

/**
 * Sends a message to the Backstory content script of the tab showing `pageUrl`, from an
 * extension page (as the popup does): the tab is found by its URL (host permissions), and a
 * loader with no listener yet is woken as src/messages/tab-wake.ts does.
 */
export async function sendToFirefoxTab(extPage: Page, pageUrl: string, message: Record<string, unknown>): Promise<unknown> {
  const deadline = Date.now() + 20_000;
  let last = '';
  while (Date.now() < deadline) {
    const reply = await extPage.evaluate(
      async (pageUrl: string, message: Record<string, unknown>, loaderGlobal: string) => {
        const b = (globalThis as any).browser;
        const tab = (await b.tabs.query({})).find((t: { url?: string }) => t.url === pageUrl);
        if (!tab) return { ok: false, why: 'no tab shows the page' };
        try {
          return { ok: true, value: await b.tabs.sendMessage(tab.id, message, { frameId: 0 }) };
        } catch {
          try {
            const [woken] = await b.scripting.executeScript({
              target: { tabId: tab.id, frameIds: [0] },
              func: async (name: string) => (await (globalThis as any)[name]?.listen?.()) === true,
              args: [loaderGlobal],
            });
            if (woken?.result === true) return { ok: true, value: await b.tabs.sendMessage(tab.id, message, { frameId: 0 }) };
            return { ok: false, why: 'the loader is not there yet' };
          } catch (e) {
            return { ok: false, why: String(e) };
          }
        }
      },
      pageUrl,
      message,
      GLOBAL_NAMES.loader,
    );
    if (reply.ok) return reply.value;
    last = reply.why ?? 'no answer';
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`no Backstory content script answered for ${pageUrl}: ${last}`);
}

/** Asks the background (as the popup does). */
export function askFirefoxBackground<T>(extPage: Page, message: Record<string, unknown>): Promise<T> {
  return extPage.evaluate(async (message: Record<string, unknown>) => (globalThis as any).browser.runtime.sendMessage(message), message) as Promise<T>;
}

/** Viewport centre of the first `text` in the page (main world), scrolled into view. */
export async function firefoxTextCenter(page: Page, text: string): Promise<{ x: number; y: number }> {
  const point = await page.evaluate((text: string) => {
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const at = (n as Text).data.indexOf(text);
      if (at < 0) continue;
      (n.parentElement as HTMLElement).scrollIntoView({ block: 'center' });
      const r = document.createRange();
      r.setStart(n, at);
      r.setEnd(n, at + text.length);
      const rect = r.getClientRects()[0];
      if (rect) return { x: rect.left + Math.min(rect.width / 2, 20), y: rect.top + rect.height / 2 };
    }
    return null;
  }, text);
  if (!point) throw new Error(`“${text}” not found on the page`);
  return point;
}

/** Backstory's note frame in `page` (moz-extension://…/note-frame.html in the card's shadow root). */
export async function firefoxNoteFrame(page: Page, timeoutMs = 8000): Promise<Frame> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const frame = page.frames().find((f) => /^moz-extension:\/\/[^/]+\/note-frame\.html/.test(f.url()));
    if (frame) return frame;
    if (Date.now() > until) throw new Error(`no note frame in the page (frames: ${page.frames().map((f) => f.url()).join(', ')})`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
