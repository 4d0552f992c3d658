/**
 * Drives the built extension in a real Chromium: a fixture server on localhost,
 * a persistent profile with Backstory loaded, and helpers to read the content
 * script's page state. Shared by the browser tests, the demo, the benchmark and
 * the detection evaluation.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { chromium, type BrowserContext, type Frame, type Page, type Worker } from 'playwright-core';

export const REPO_ROOT = resolve(import.meta.dirname, '../..');
/** The build under test: `.output`, or $BACKSTORY_OUT_DIR (see wxt.config.ts). */
export const OUTPUT_DIR = resolve(REPO_ROOT, process.env.BACKSTORY_OUT_DIR ?? '.output');
export const CHROME_BUILD = join(OUTPUT_DIR, 'chrome-mv3');
export const FIREFOX_BUILD = join(OUTPUT_DIR, 'firefox-mv2');
export const FIXTURES = join(REPO_ROOT, 'tests/fixtures');
export const SHARED_CORPUS = resolve(REPO_ROOT, '../shared/corpus');

const CHROMIUM_CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

/** The Chromium to drive: $BACKSTORY_CHROMIUM (or $CHROME_PATH) when set, else Debian's. */
export function chromiumPath(): string {
  const fromEnv = process.env.BACKSTORY_CHROMIUM || process.env.CHROME_PATH;
  if (fromEnv) {
    if (!existsSync(fromEnv)) throw new Error(`BACKSTORY_CHROMIUM points at ${fromEnv}, which does not exist.`);
    return fromEnv;
  }
  const found = CHROMIUM_CANDIDATES.find((p) => existsSync(p));
  if (!found) {
    throw new Error(
      'No Chromium found. Install it with `sudo apt-get install -y chromium` (Debian/Ubuntu), ' +
        'or set BACKSTORY_CHROMIUM to a Chrome/Chromium binary (for example one from `npx playwright install chromium`).',
    );
  }
  return found;
}

export function assertBuilt(dir = CHROME_BUILD): void {
  if (!existsSync(join(dir, 'manifest.json'))) {
    throw new Error(`No extension build at ${dir}. Run \`npm run build\` first.`);
  }
}

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.txt': 'text/plain; charset=utf-8',
};

export interface FixtureServer {
  origin: string;
  url(path: string): string;
  /** Every request path the server saw, for the privacy test. */
  requests: string[];
  close(): Promise<void>;
}

export interface FixtureServerOptions {
  /** Extra headers for a path, e.g. a strict Content-Security-Policy. */
  headers?: (path: string) => Record<string, string> | undefined;
  /** Generated pages: return HTML for a path, or undefined to fall back to files. */
  dynamic?: (path: string) => string | undefined;
}

/** Serves files under `root` (and any mounts) on 127.0.0.1 with a random port. */
export async function startFixtureServer(
  root: string = FIXTURES,
  options: FixtureServerOptions = {},
  mounts: Record<string, string> = {},
): Promise<FixtureServer> {
  const requests: string[] = [];
  const server: Server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    requests.push(path);
    if (path === '/favicon.ico') {
      // Browsers ask for it on a first visit; a 404 would be logged to the page's console at
      // random and spoil tests that compare consoles with and without Backstory.
      res.writeHead(204);
      res.end();
      return;
    }
    const extra = options.headers?.(path) ?? {};
    const generated = options.dynamic?.(path);
    if (generated !== undefined) {
      res.writeHead(200, { 'content-type': MIME['.html']!, ...extra });
      res.end(generated);
      return;
    }
    let base = root;
    let rel = path;
    for (const [prefix, dir] of Object.entries(mounts)) {
      if (path.startsWith(prefix)) {
        base = dir;
        rel = path.slice(prefix.length);
      }
    }
    const file = normalize(join(base, rel));
    if (!file.startsWith(resolve(base) + sep) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': MIME[extname(file)] ?? 'application/octet-stream', ...extra });
    res.end(readFileSync(file));
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('fixture server has no port');
  const origin = `http://127.0.0.1:${address.port}`;
  return {
    origin,
    requests,
    url: (p) => origin + (p.startsWith('/') ? p : `/${p}`),
    close: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}

export interface ExtensionSession {
  context: BrowserContext;
  extensionId: string;
  serviceWorker: Worker;
  userDataDir: string;
  close(): Promise<void>;
  /** Close the browser but keep the profile (to relaunch with the same data). */
  closeKeepingProfile(): Promise<void>;
}

export interface LaunchOptions {
  /** Reuse a profile (relaunch tests); a fresh temporary one otherwise. */
  userDataDir?: string;
  build?: string;
  headless?: boolean;
  viewport?: { width: number; height: number };
  colorScheme?: 'light' | 'dark';
}

export const CHROMIUM_FLAGS = [
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-gpu',
  '--disable-quic',
];

/** Launches Chromium with the built extension loaded, and waits for its service worker. */
export async function launchWithExtension(options: LaunchOptions = {}): Promise<ExtensionSession> {
  const build = options.build ?? CHROME_BUILD;
  assertBuilt(build);
  const userDataDir = options.userDataDir ?? mkdtempSync(join(tmpdir(), 'backstory-profile-'));
  const args = [
    ...CHROMIUM_FLAGS,
    `--disable-extensions-except=${build}`,
    `--load-extension=${build}`,
  ];
  if (process.getuid?.() === 0) args.push('--no-sandbox');
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: chromiumPath(),
    headless: options.headless ?? true,
    args,
    viewport: options.viewport ?? { width: 1280, height: 900 },
    colorScheme: options.colorScheme ?? 'light',
  });
  let [serviceWorker] = context.serviceWorkers();
  serviceWorker ??= await context.waitForEvent('serviceworker', { timeout: 30_000 });
  const extensionId = new URL(serviceWorker.url()).host;
  const closeKeepingProfile = async () => {
    await context.close();
  };
  return {
    context,
    extensionId,
    serviceWorker,
    userDataDir,
    closeKeepingProfile,
    close: async () => {
      await context.close();
      if (!options.userDataDir) rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/** The service worker, re-fetched: MV3 may have restarted it since launch. */
export async function currentWorker(session: ExtensionSession): Promise<Worker> {
  const live = session.context.serviceWorkers().find((w) => w.url().includes(session.extensionId));
  return live ?? session.serviceWorker;
}

export interface PageState {
  covered: boolean;
  score: number;
  mentions: Array<{ entityId: string; text: string }>;
  scanMs: number;
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

/** Collects page errors (content-script errors reach pageerror in Chromium). */
export function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  return errors;
}

/**
 * Evaluates code in Backstory's content-script world (Chrome's isolated world for the
 * extension), where `globalThis.__backstory` exposes the closed shadow root. The page's
 * own scripts can never reach that world.
 */
export async function inContentScript<T>(page: Page, expression: string, timeoutMs = 10_000): Promise<T> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const contexts: Array<{ id: number; name: string; auxData?: { type?: string; frameId?: string } }> = [];
    cdp.on('Runtime.executionContextCreated', (e: any) => contexts.push(e.context));
    await cdp.send('Runtime.enable');
    const deadline = Date.now() + timeoutMs;
    let lastError = '';
    while (Date.now() < deadline) {
      for (const ctx of contexts.filter((c) => c.auxData?.type === 'isolated')) {
        const result: any = await cdp.send('Runtime.evaluate', {
          expression: `(async () => { if (!globalThis.__backstory) return { __missing: true }; return await (${expression})(globalThis.__backstory); })()`,
          contextId: ctx.id,
          awaitPromise: true,
          returnByValue: true,
        });
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
    async ({ tabId, message }) => {
      const g = globalThis as unknown as { chrome: any };
      try {
        return await g.chrome.tabs.sendMessage(tabId, message, { frameId: 0 });
      } catch (e) {
        const [woken] = await g.chrome.scripting.executeScript({
          target: { tabId, frameIds: [0] },
          func: async () => (await (globalThis as any).__backstoryLoader?.listen?.()) === true,
        });
        if (woken?.result !== true) throw e;
        return g.chrome.tabs.sendMessage(tabId, message, { frameId: 0 });
      }
    },
    { tabId, message },
  );
}

/** Changes settings through the background from an extension page (`ext`), as the options page does. */
export async function setSettings(ext: Page, patch: Record<string, unknown>): Promise<void> {
  const reply = await ext.evaluate((patch) => (globalThis as any).chrome.runtime.sendMessage({ type: 'settings:set', patch }), patch);
  if (!reply?.ok) throw new Error(`settings:set failed: ${reply?.error}`);
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

/** Backstory's note frame in `page` (the extension page in the card's shadow root). */
export async function noteFrame(page: Page, timeoutMs = 6000): Promise<Frame> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    // The one showing something, when a page holds more than one (the card UI made anew after new settings).
    const frames = page.frames().filter((f) => !f.isDetached() && /^(chrome|moz)-extension:\/\/[^/]+\/note-frame\.html/.test(f.url()));
    for (const frame of frames) {
      if (await frame.evaluate(() => (document.getElementById('app')?.childElementCount ?? 0) > 0).catch(() => false)) return frame;
    }
    if (frames.length > 0 && Date.now() > until - timeoutMs / 2) return frames[frames.length - 1]!;
    if (Date.now() > until) throw new Error('no note frame in the page');
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** What has keyboard focus inside the note frame (its tag), or null when the frame does not have it. */
export async function noteFrameFocus(page: Page): Promise<string | null> {
  const frameFocused = await inContentScript<boolean>(page, `(b) => b.shadowRoot()?.activeElement?.localName === 'iframe'`);
  if (!frameFocused) return null;
  return (await noteFrame(page)).evaluate(() => document.activeElement?.localName ?? null);
}

/** The note frame's visible text ('' when it shows nothing). */
export async function noteFrameText(page: Page): Promise<string> {
  return (await noteFrame(page)).evaluate(() => document.body.innerText.trim());
}

/** Waits until the note editor's text box, in the note frame, has keyboard focus. */
export async function waitForNoteEditor(page: Page): Promise<void> {
  await eventually(() => noteFrameFocus(page), (tag) => tag === 'textarea', 'focus in the note text box (in the note frame)');
}
