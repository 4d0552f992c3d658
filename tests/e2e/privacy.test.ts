/**
 * "Backstory makes no network requests" (README, Privacy), checked two ways.
 *
 * Behaviour: every request of a full session — a covered page scanned, a card hovered, a
 * source opened from the card, a note saved, the popup, export and import on the notes page,
 * the source viewer, the settings page — is recorded from every target of the browser context,
 * the extension's service worker included (a canary fetch from the worker proves the recorder
 * sees it). Only the fixture server (127.0.0.1) and the extension's own chrome-extension://,
 * blob: and data: URLs may appear.
 *
 * The build: the manifest asks for exactly the permissions the README's table lists, no host
 * permissions, a strict CSP for extension pages, and every script it runs is packaged; the
 * built JavaScript calls no network API except the two known local loaders, and every http(s)
 * URL in it is a source link from the topic pack or one of a few listed namespace strings.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import {
  CHROME_BUILD,
  FIREFOX_BUILD,
  REPO_ROOT,
  cardText,
  currentWorker,
  inContentScript,
  launchWithExtension,
  openExtensionPage,
  pageState,
  shadowElementCenter,
  startFixtureServer,
  tabIdOf,
  textCenter,
  type ExtensionSession,
  type FixtureServer,
  waitForNoteEditor,
} from './harness';

let server: FixtureServer;
let session: ExtensionSession;
const seen: Array<{ url: string; from: string }> = [];

beforeAll(async () => {
  server = await startFixtureServer();
  session = await launchWithExtension();
  session.context.on('request', (r) => {
    const worker = r.serviceWorker();
    seen.push({ url: r.url(), from: worker ? `service worker ${worker.url()}` : (r.frame()?.url() ?? '?') });
  });
});

afterAll(async () => {
  await session?.close();
  await server?.close();
});

function isAllowed(url: string): boolean {
  const u = new URL(url);
  // The extension's own files: by its id, or (web-accessible page-ui.js, use_dynamic_url) by the
  // per-session random id Chrome gives it.
  if (u.protocol === 'chrome-extension:') {
    return u.host === session.extensionId || /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(u.host);
  }
  if (u.protocol === 'blob:') return url.startsWith(`blob:chrome-extension://${session.extensionId}/`);
  if (u.protocol === 'data:') return true;
  return u.origin === server.origin;
}

async function until(check: () => Promise<boolean>, what: string, timeoutMs = 6000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('network', () => {
  it('the recorder sees requests from the service worker', async () => {
    const worker = await currentWorker(session);
    const canary = server.url('/privacy-canary');
    await worker.evaluate((url) => fetch(url).then(() => undefined, () => undefined), canary);
    await until(async () => seen.some((r) => r.url === canary), 'the worker canary request');
    expect(seen.find((r) => r.url === canary)?.from).toMatch(/^service worker/);
  });

  it('a whole session makes no request beyond the page’s own server and the extension itself', async () => {
    seen.length = 0;
    // Scan and hover.
    const page = await session.context.newPage();
    await page.goto(server.url('/e2e/covered-article.html'));
    expect((await pageState(session, page)).covered).toBe(true);
    const point = await textCenter(page, 'Jeff Sessions');
    await page.mouse.move(point.x - 30, point.y - 40);
    await page.mouse.move(point.x, point.y, { steps: 4 });
    await until(async () => ((await cardText(page)) ?? '').includes('View source context'), 'the card');

    // "View source context" opens the source viewer in a new tab.
    const viewSource = await shadowElementCenter(page, '.actions button', 'View source context');
    const opened = session.context.waitForEvent('page');
    await page.mouse.click(viewSource.x, viewSource.y);
    const viewer = await opened;
    await viewer.waitForLoadState('load');
    await viewer.locator('h1').first().waitFor();
    await viewer.close();

    // Save a note from the card.
    await page.bringToFront();
    await page.mouse.move(point.x, point.y, { steps: 2 });
    await until(async () => ((await cardText(page)) ?? '').includes('Save note'), 'the card again');
    const save = await shadowElementCenter(page, '.actions button.primary', 'Save note');
    await page.mouse.click(save.x, save.y);
    await waitForNoteEditor(page);
    await page.keyboard.type('Privacy check note');
    await page.keyboard.press('Control+Enter');
    await until(async () => ((await cardText(page)) ?? '').includes('Note saved'), 'the saved note');

    // The popup, both tabs; export in every format.
    const tabId = await tabIdOf(session, page);
    const popup = await openExtensionPage(session, `popup.html?tabId=${tabId}`);
    await popup.getByText('Privacy check note').first().waitFor();
    await popup.getByRole('tab', { name: /All notes/ }).click();
    for (const format of ['jsonld', 'markdown', 'csv']) {
      const download = popup.waitForEvent('download');
      await popup.getByRole('combobox', { name: /Export/ }).selectOption(format);
      await (await download).path();
    }

    // Export on the notes page, then import that file again.
    const notesPage = await openExtensionPage(session, 'notes.html');
    await notesPage.getByText('Privacy check note').first().waitFor();
    const download = notesPage.waitForEvent('download');
    await notesPage.getByRole('combobox', { name: /Export/ }).selectOption('jsonld');
    const file = await (await download).path();
    await notesPage.locator('input[type=file]').setInputFiles(file);
    await notesPage.getByText(/import/i).first().waitFor();

    // Settings, and a reload that places the note again.
    const options = await openExtensionPage(session, 'options.html');
    await options.locator('input').first().waitFor();
    await page.reload();
    await pageState(session, page);

    await Promise.all([popup.close(), notesPage.close(), options.close(), page.close()]);
    expect(seen.length).toBeGreaterThan(5);
    const outside = seen.filter((r) => !isAllowed(r.url));
    expect(outside).toEqual([]);
    // The page's server saw only the page itself (and its own resources): nothing from Backstory.
    expect(server.requests.filter((p) => !p.startsWith('/e2e/') && p !== '/privacy-canary' && p !== '/favicon.ico')).toEqual([]);
  });
});

describe('fingerprinting', () => {
  it('a page cannot tell Backstory is installed by loading its packaged files', async () => {
    const page = await session.context.newPage();
    await page.goto(server.url('/e2e/covered-article.html'));
    expect((await pageState(session, page)).covered).toBe(true);
    const manifest = JSON.parse(readFileSync(join(CHROME_BUILD, 'manifest.json'), 'utf8'));
    const exposed: string[] = manifest.web_accessible_resources?.flatMap((w: { resources: string[] }) => w.resources) ?? [];
    const probes = await page.evaluate(
      async ({ id, paths }) => {
        const out: Record<string, string> = {};
        for (const path of paths) {
          try {
            out[path] = `loaded ${(await fetch(`chrome-extension://${id}/${path}`)).status}`;
          } catch {
            out[path] = 'refused';
          }
        }
        return out;
      },
      { id: session.extensionId, paths: ['manifest.json', 'popup.html', 'page-loader.js', 'noted-page.js', ...exposed] },
    );
    for (const [path, result] of Object.entries(probes)) expect(result, path).toBe('refused');
    await page.close();
  });
});

/** The README's Permissions table: the backticked names in its first column. */
function readmePermissions(): string[] {
  const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
  const section = readme.split(/^## Permissions$/m)[1]!.split(/^## /m)[0]!;
  return [...section.matchAll(/^\|\s*`([A-Za-z.]+)`\s*\|/gm)].map((m) => m[1]!).sort();
}

function filesUnder(dir: string, ext: RegExp): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...filesUnder(path, ext));
    else if (ext.test(name)) out.push(path);
  }
  return out;
}

/** Every http(s) URL in the topic pack's data: the source links cards and the source viewer show. */
function packUrls(): Set<string> {
  const urls = new Set<string>();
  for (const file of filesUnder(join(REPO_ROOT, 'src/pack/packs'), /\.json$/)) {
    for (const m of readFileSync(file, 'utf8').matchAll(/https?:\/\/[^"\s\\]+/g)) urls.add(m[0]);
  }
  return urls;
}

/** URL-shaped strings in the code that are not fetched: names, patterns and templates. */
const NON_FETCHED_URL_STRINGS: Array<[RegExp, string]> = [
  [/^http:\/\/www\.w3\.org\//, 'XML namespaces and the W3C annotation context, used as names'],
  [/^https?:\/\/\*/, 'the content script match patterns'],
  [/^https:\/\/hypothes\.is\/a\/\$\{/, 'the link an imported Hypothesis annotation points back to (data, not fetched)'],
  [/^https:\/\/\$\{/, 'a site filter typed by the reader, normalised to a URL for comparison'],
  [
    /^https:\/\/(github\.com\/wxt-dev\/wxt\/issues\/371|wxt\.dev\/guide\/go-further\/testing\.html)$/,
    "links in the text of @wxt-dev/storage's error for a missing storage API, shown to a developer, never fetched",
  ],
];

describe.each([
  ['Chrome', CHROME_BUILD],
  ['Firefox', FIREFOX_BUILD],
])('the %s build', (_name, build) => {
  const manifest = JSON.parse(readFileSync(join(build, 'manifest.json'), 'utf8'));

  it('asks for exactly the permissions the README lists, and no hosts beyond the content script’s', () => {
    // Firefox's Manifest V2 lists host patterns among the permissions.
    const hostPattern = (p: string) => p.includes('://');
    expect(manifest.permissions.filter((p: string) => !hostPattern(p)).sort()).toEqual(readmePermissions());
    expect(readmePermissions()).toEqual(['contextMenus', 'scripting', 'storage']);
    // Host permissions, needed to register the noted-page script, are exactly the pages the
    // content script already runs on: http and https, no <all_urls>, nothing optional.
    const hosts = [...(manifest.host_permissions ?? []), ...manifest.permissions.filter(hostPattern)];
    expect(hosts.sort()).toEqual(['http://*/*', 'https://*/*']);
    expect(manifest).not.toHaveProperty('optional_permissions');
    expect(manifest).not.toHaveProperty('optional_host_permissions');
    expect(manifest).not.toHaveProperty('externally_connectable');
    // Host access is the content script's only: http and https pages, no <all_urls>.
    const matches = manifest.content_scripts.flatMap((c: { matches: string[] }) => c.matches);
    expect([...new Set(matches)].sort()).toEqual(['http://*/*', 'https://*/*']);
  });

  it('gives extension pages a strict Content-Security-Policy', () => {
    const csp: string = typeof manifest.content_security_policy === 'string' ? manifest.content_security_policy : manifest.content_security_policy.extension_pages;
    const directives = new Map(csp.split(';').map((d) => d.trim().split(/\s+/)).filter((d) => d[0]).map((d) => [d[0]!, d.slice(1)]));
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(directives.get('base-uri')).toEqual(["'none'"]);
    // Web pages may frame Backstory's pages (the note frame in the card; only web-accessible pages can be loaded by a page at all).
    expect(directives.get('frame-ancestors')).toEqual(["'self'", 'http:', 'https:']);
    const sources = csp.split(';').filter((d) => !d.trim().startsWith('frame-ancestors')).join(';');
    expect(sources).not.toMatch(/unsafe-eval|unsafe-inline|wasm-unsafe-eval|https?:|\*/);
  });

  it('runs only packaged code: local scripts, no network API, URLs only as data', () => {
    // Every HTML page loads its scripts from the extension itself.
    for (const html of filesUnder(build, /\.html$/)) {
      const text = readFileSync(html, 'utf8');
      for (const m of text.matchAll(/<(script|link)\b[^>]*\b(src|href)="([^"]+)"/g)) {
        expect(m[3], `${relative(build, html)} loads ${m[3]}`).not.toMatch(/^(https?:)?\/\//);
      }
      expect(text, `${relative(build, html)} has inline script`).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>\s*\S/);
    }
    const known = packUrls();
    const problems: string[] = [];
    for (const file of filesUnder(build, /\.js$/)) {
      const code = readFileSync(file, 'utf8');
      const where = relative(build, file);
      for (const m of code.matchAll(/\b(fetch|importScripts|XMLHttpRequest|WebSocket|EventSource|sendBeacon)\b\s*\(?/g)) {
        const around = code.slice(Math.max(0, m.index! - 800), m.index! + 60);
        // Vite's modulepreload polyfill fetches the extension's own <link rel=modulepreload> files.
        const preload = m[1] === 'fetch' && /modulepreload/.test(around) && /fetch\(\w+\.href,\w+\)/.test(around);
        if (!preload) problems.push(`${where}: ${m[1]} in …${around.slice(700)}…`);
      }
      for (const m of code.matchAll(/\bimport\(/g)) {
        const call = code.slice(m.index!, m.index! + 80);
        // The loader's lazy import of the packaged engine and the card UI (runtime.getURL).
        if (!/^import\(\s*(\/\*[^*]*\*\/\s*)?[\w$]+(\.runtime)?\.getURL\(/.test(call) && !/^import\(\s*["'`]\.{0,2}\//.test(call)) {
          problems.push(`${where}: ${call}`);
        }
      }
      for (const m of code.matchAll(/https?:\/\/[^"'`\s)<>\\]+/g)) {
        const url = m[0];
        if (known.has(url) || [...known].some((k) => k.startsWith(url))) continue;
        if (NON_FETCHED_URL_STRINGS.some(([re]) => re.test(url))) continue;
        problems.push(`${where}: URL ${url}`);
      }
    }
    expect(problems).toEqual([]);
  });
});
