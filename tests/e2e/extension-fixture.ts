/**
 * The usual set-up of a browser test file: one fixture server and one Chromium with the
 * built extension, shared by the file's tests and closed after them.
 */
import { afterAll, beforeAll } from 'vitest';
import type { Page } from 'playwright-core';
import {
  collectErrors,
  launchWithExtension,
  startFixtureServer,
  type ExtensionSession,
  type FixtureServer,
  type FixtureServerOptions,
  type LaunchOptions,
} from './harness';

export interface ExtensionFixture {
  readonly server: FixtureServer;
  readonly session: ExtensionSession;
}

export function useExtension(options: { server?: FixtureServerOptions; launch?: LaunchOptions } = {}): ExtensionFixture {
  let server: FixtureServer | undefined;
  let session: ExtensionSession | undefined;
  beforeAll(async () => {
    server = await startFixtureServer(undefined, options.server);
    session = await launchWithExtension(options.launch);
  });
  afterAll(async () => {
    await session?.close();
    await server?.close();
  });
  return {
    get server() {
      if (!server) throw new Error('the fixture server is not up yet (use it inside a test)');
      return server;
    },
    get session() {
      if (!session) throw new Error('Chromium is not up yet (use it inside a test)');
      return session;
    },
  };
}

/** Opens a fixture page in a new tab, collecting its errors from the start. */
export async function openFixturePage(browser: ExtensionFixture, path: string): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.session.context.newPage();
  const errors = collectErrors(page);
  await page.goto(browser.server.url(path));
  return { page, errors };
}
