/**
 * Launches Chromium with the built extension loaded: where the build and the fixtures are, which
 * Chromium to run ($BACKSTORY_CHROMIUM, else Debian's) and with which flags. The one launcher the
 * browser tests, the demo, the benchmark and the detection evaluation all use.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Page, type Worker } from 'playwright-core';

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
  /**
   * Keep the welcome tab a fresh install opens. By default it is closed as it appears: left open,
   * it sits in front of the page under test, whose animation frames the browser then throttles.
   */
  keepWelcome?: boolean;
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
  // An empty profile installs the extension, which opens its welcome tab.
  const freshInstall = !existsSync(userDataDir) || readdirSync(userDataDir).length === 0;
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
  let welcomeClosed: Promise<unknown> = Promise.resolve();
  if (!options.keepWelcome) {
    let closed: () => void = () => undefined;
    welcomeClosed = new Promise<void>((resolve) => (closed = resolve));
    const closeIfWelcome = (page: Page) => {
      void page.waitForLoadState('domcontentloaded').then(
        () => (page.url().endsWith('/welcome.html') ? page.close().then(closed) : undefined),
        () => undefined,
      );
    };
    context.pages().forEach(closeIfWelcome);
    context.on('page', closeIfWelcome);
  }
  let [serviceWorker] = context.serviceWorkers();
  serviceWorker ??= await context.waitForEvent('serviceworker', { timeout: 30_000 });
  // A test that counts tabs must not see the welcome tab close under it: on a fresh install, wait
  // for it to open and close (for a while at most: an install that opens none is not held up long).
  if (freshInstall && !options.keepWelcome) await Promise.race([welcomeClosed, new Promise((r) => setTimeout(r, 5000))]);
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
