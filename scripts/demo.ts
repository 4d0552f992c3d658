/**
 * `npm run demo`: builds Backstory, serves the bundled demo articles on localhost and opens
 * Chromium with the extension loaded. With no display (a server, CI), it runs headless
 * and writes screenshots of a highlighted page, an open card and the popup to a folder.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT, chromiumPath, launchWithExtension } from './lib/browser';
import { inContentScript, openExtensionPage, pageState, tabIdOf, textCenter } from './lib/extension-page';
import { startFixtureServer } from './lib/fixture-server';

const OUT = join(REPO_ROOT, 'demo-output');
const COVERED = '/e2e/covered-article.html';

async function main(): Promise<void> {
  try {
    chromiumPath();
  } catch (e) {
    console.error(`demo: ${(e as Error).message}`);
    process.exit(1);
  }
  const headless = !process.env.DISPLAY || process.argv.includes('--headless');
  const server = await startFixtureServer();
  const session = await launchWithExtension({ headless, viewport: { width: 1280, height: 860 } });
  const page = await session.context.newPage();
  await page.goto(server.url(COVERED));
  const state = await pageState(session, page);
  console.log(`demo: serving ${server.url(COVERED)}`);
  console.log(`demo: covered=${state.covered} score=${state.score} names highlighted=${state.mentions.length} scan=${state.scanMs} ms`);

  if (!headless) {
    await openExtensionPage(session, `popup.html?tabId=${await tabIdOf(session, page)}`);
    await page.bringToFront();
    console.log('demo: Chromium is open with Backstory loaded. Hover a highlighted name. Press Ctrl+C to stop.');
    const stop = async () => {
      await session.close();
      await server.close();
      process.exit(0);
    };
    process.on('SIGINT', () => void stop());
    session.context.on('close', () => void stop());
    return;
  }

  mkdirSync(OUT, { recursive: true });
  await page.screenshot({ path: join(OUT, '1-highlighted-page.png') });
  const point = await textCenter(page, 'Jeff Sessions');
  await page.mouse.move(point.x, point.y, { steps: 4 });
  // The open card, not the hidden one made ready during the hover delay, once its fade-in is over.
  await waitFor(async () =>
    inContentScript<boolean>(
      page,
      `(b) => { const card = b.shadowRoot()?.querySelector('.floating .card'); return !!card?.querySelector('.facts') && getComputedStyle(card.parentElement).visibility !== 'hidden' && getComputedStyle(card).opacity === '1'; }`,
    ),
  );
  await page.screenshot({ path: join(OUT, '2-context-card.png') });
  const popup = await openExtensionPage(session, `popup.html?tabId=${await tabIdOf(session, page)}`);
  await popup.setViewportSize({ width: 420, height: 580 });
  await popup.getByText('Names on this page').waitFor();
  await popup.screenshot({ path: join(OUT, '3-popup.png') });
  console.log(`demo: headless (no display). Screenshots written to ${OUT}/`);
  await session.close();
  await server.close();
}

async function waitFor(check: () => Promise<boolean>, timeoutMs = 8000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('demo: the card did not open');
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
