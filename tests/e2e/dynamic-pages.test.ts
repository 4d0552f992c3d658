/**
 * Pages that change after load: a live blog gains posts (only the new text is scanned,
 * and its names light up), and a single-page app changes route through the History API
 * (the old page's state is dropped and the new route is scanned afresh).
 */
import { describe, expect, it } from 'vitest';
import { useExtension } from './extension-fixture';
import { collectErrors, pageState } from './harness';

const browser = useExtension();

async function waitForState(check: (s: Awaited<ReturnType<typeof pageState>>) => boolean, page: import('playwright-core').Page, timeoutMs = 8000) {
  const deadline = Date.now() + timeoutMs;
  let state = await pageState(browser.session, page);
  while (!check(state)) {
    if (Date.now() > deadline) throw new Error(`page state never matched; last: ${JSON.stringify(state)}`);
    await page.waitForTimeout(150);
    state = await pageState(browser.session, page);
  }
  return state;
}

describe('a live-updating page', () => {
  it('highlights names in posts that arrive after the first scan', async () => {
    const page = await browser.session.context.newPage();
    const errors = collectErrors(page);
    await page.goto(browser.server.url('/e2e/live-blog.html'));
    const first = await pageState(browser.session, page);
    expect(first.covered).toBe(true);
    expect(first.mentions.map((m) => m.text)).not.toContain('Rod J. Rosenstein');
    await page.evaluate(() => (window as any).addPost());
    await page.evaluate(() => (window as any).addPost());
    const later = await waitForState((s) => s.mentions.some((m) => m.text === 'Gene Hamilton'), page);
    const texts = later.mentions.map((m) => m.text);
    expect(texts).toContain('Rod J. Rosenstein');
    expect(texts).toContain('Mr. Rosenstein');
    expect(texts).toContain('Stephen Miller');
    // The first scan's mentions are kept, not rescanned into duplicates.
    expect(texts.filter((t) => t === 'Attorney General Jeff Sessions')).toHaveLength(1);
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe('a single-page app', () => {
  it('resets on a History API route change and scans the new route', async () => {
    const page = await browser.session.context.newPage();
    const errors = collectErrors(page);
    await page.goto(browser.server.url('/e2e/spa.html?story=markets'));
    expect((await pageState(browser.session, page)).covered).toBe(false);
    await page.click('#to-covered');
    const covered = await waitForState((s) => s.covered, page);
    expect(covered.mentions.map((m) => m.entityId)).toContain('jeff-sessions');
    expect(await page.evaluate(() => (CSS as any).highlights.size)).toBeGreaterThan(0);
    await page.click('#to-markets');
    const back = await waitForState((s) => !s.covered, page);
    expect(back.mentions).toEqual([]);
    expect(await page.evaluate(() => (CSS as any).highlights.size)).toBe(0);
    expect(errors).toEqual([]);
    await page.close();
  });
});
