/**
 * Settings reach open tabs at once, without a reload: which kinds of names are
 * highlighted, first mention only, the per-site switch and pause.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useExtension } from './extension-fixture';
import { openExtensionPage, pageState, setSettings } from './harness';

const browser = useExtension();

async function stateWhen(page: Page, check: (s: Awaited<ReturnType<typeof pageState>>) => boolean) {
  const deadline = Date.now() + 8000;
  let state = await pageState(browser.session, page);
  while (!check(state)) {
    if (Date.now() > deadline) throw new Error(`settings never reached the page; last state ${JSON.stringify(state)}`);
    await page.waitForTimeout(100);
    state = await pageState(browser.session, page);
  }
  return state;
}

describe('settings on open tabs', () => {
  it('apply without a reload and come back when switched back', async () => {
    const page = await browser.session.context.newPage();
    await page.goto(browser.server.url('/e2e/covered-article.html'));
    const before = await pageState(browser.session, page);
    expect(before.mentions.some((m) => m.entityId === 'jeff-sessions')).toBe(true);
    const ext = await openExtensionPage(browser.session, 'options.html');
    await ext.getByRole('heading', { name: 'Backstory settings' }).waitFor();

    // People off: no person is highlighted, other kinds stay.
    await ext.getByRole('checkbox', { name: 'Person' }).uncheck();
    const noPeople = await stateWhen(page, (s) => !s.mentions.some((m) => m.entityId === 'jeff-sessions'));
    expect(noPeople.mentions.length).toBeGreaterThan(0);
    expect(noPeople.mentions.some((m) => m.entityId === 'zero-tolerance-policy')).toBe(true);
    await ext.getByRole('checkbox', { name: 'Person' }).check();

    // First mention only: each entity once.
    await ext.getByRole('radio', { name: 'Only the first mention of each name' }).check();
    const firsts = await stateWhen(page, (s) => s.mentions.length < before.mentions.length);
    const ids = firsts.mentions.map((m) => m.entityId);
    expect(new Set(ids).size).toBe(ids.length);
    await ext.getByRole('radio', { name: 'Every mention' }).check();
    await stateWhen(page, (s) => s.mentions.length === before.mentions.length);

    // Off for this site, then pause everywhere: nothing drawn; back on: highlights return.
    await setSettings(ext, { disabledSites: ['127.0.0.1:' + new URL(page.url()).port] });
    await stateWhen(page, (s) => !s.covered && s.mentions.length === 0);
    expect(await page.evaluate(() => (CSS as any).highlights.size)).toBe(0);
    await setSettings(ext, { disabledSites: [] });
    await stateWhen(page, (s) => s.covered && s.mentions.length === before.mentions.length);
    await setSettings(ext, { paused: true });
    await stateWhen(page, (s) => !s.covered);
    await setSettings(ext, { paused: false });
    const after = await stateWhen(page, (s) => s.covered);
    expect(after.mentions).toEqual(before.mentions);
    await Promise.all([page.close(), ext.close()]);
  });
});
