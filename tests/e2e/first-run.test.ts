/**
 * A new reader's first steps: the welcome page opens on install and says what is covered (from
 * the pack), the sample article shows highlights and a card offline, the toolbar badge counts the
 * names on a covered page and clears elsewhere, and the popup says what is true after each switch.
 */
import { describe, expect, it, onTestFinished } from 'vitest';
import type { Page } from 'playwright-core';
import { activePack } from '../../src/pack/packs';
import { useExtension } from './extension-fixture';
import { badgeOf, eventually, openExtensionPage, pageState, setSettings, tabIdOf, textCenter } from './harness';
import { GLOBAL_NAMES } from '../../src/content/boot/contract';

const browser = useExtension({ launch: { keepWelcome: true } });
const COVERED = '/e2e/covered-article.html';
const UNRELATED = '/e2e/doj-unrelated.html';


/** How many names the page's highlights hold (Backstory's highlight names end in a per-page suffix). */
const MENTION_HIGHLIGHTS = `[...CSS.highlights].filter(([name]) => name.startsWith('backstory-mention')).reduce((n, [, h]) => n + h.size, 0)`;

/** Settings outlive a test: back to on, whether it passed or not. */
async function settingsBackOn(): Promise<void> {
  const ext = await openExtensionPage(browser.session, 'options.html');
  await setSettings(ext, { paused: false, disabledSites: [] });
  await ext.close();
}

function popupFor(page: Page): Promise<Page> {
  return tabIdOf(browser.session, page).then((tabId) => openExtensionPage(browser.session, `popup.html?tabId=${tabId}`));
}

describe('first run', () => {
  it('opens the welcome page on install, which says what the pack covers, offline, and the shortcuts', async () => {
    const welcome = await eventually(
      async () => browser.session.context.pages().find((p) => p.url().endsWith('/welcome.html')) ?? null,
      (p) => p !== null,
      'a welcome tab after install',
      10_000,
    );
    await welcome!.getByRole('heading', { name: 'Welcome to Backstory' }).waitFor();
    await welcome!.getByText(activePack.title).waitFor();
    const text = await welcome!.locator('main').innerText();
    expect(text).toContain(activePack.description);
    expect(text).toContain('makes no network requests');
    // The shortcuts as the browser has them now (headless Chromium may leave the suggested keys unset).
    const commands: Array<{ name: string; description: string; shortcut?: string }> = await welcome!.evaluate(() =>
      (globalThis as any).chrome.commands.getAll(),
    );
    const ours = commands.filter((c) => !c.name.startsWith('_'));
    expect(ours.map((c) => c.name).sort()).toEqual(['navigate-mentions', 'save-note']);
    const rows = await welcome!.locator('.shortcuts > div').allInnerTexts();
    expect(rows.map((r) => r.replace(/\s+/g, ' ').trim())).toEqual(ours.map((c) => `${c.shortcut || 'No shortcut set'} ${c.description}`));
    await welcome!.close();
  });

  it('shows highlights and a card on the bundled sample article', async () => {
    const welcome = await openExtensionPage(browser.session, 'welcome.html');
    await welcome.getByRole('link', { name: 'Open the sample article' }).click();
    await welcome.waitForURL(/\/sample\.html$/);
    const sample = welcome;
    const seed = activePack.sources.find((s) => s.id === activePack.seedSource)!;
    await sample.getByText(seed.excerpts![0]!.text.slice(0, 40)).waitFor();
    await expect.poll(() => sample.evaluate(MENTION_HIGHLIGHTS), { timeout: 8000 }).toBeGreaterThan(5);
    const point = await textCenter(sample, 'Jeff Sessions');
    await sample.mouse.move(point.x - 40, point.y - 40);
    await sample.mouse.move(point.x, point.y, { steps: 4 });
    const card = () => sample.evaluate((name) => (globalThis as any)[name]?.shadowRoot()?.querySelector('.floating')?.textContent ?? '', GLOBAL_NAMES.debug);
    await expect.poll(card, { timeout: 8000 }).toContain('View source context');
    // Notes are kept for web pages: the sample offers none to save.
    expect(await card()).not.toContain('Save note');

    // The popup reads the sample as it reads a news page, and the badge counts its names.
    const popup = await popupFor(sample);
    await popup.getByText(`This article is about ${activePack.title}.`).waitFor();
    await popup.getByText('Names on this page').waitFor();
    const names = await popup.locator('.entities li').count();
    expect(await badgeOf(browser.session, await tabIdOf(browser.session, sample))).toBe(String(names));
    await Promise.all([sample.close(), popup.close()]);
  });
});

describe('the toolbar badge', () => {
  it('counts the names on a covered page, and clears on an unrelated page, when paused and when off for the site', async () => {
    const page = await browser.session.context.newPage();
    await page.goto(browser.server.url(COVERED));
    const state = await pageState(browser.session, page);
    expect(state.covered).toBe(true);
    const names = new Set(state.mentions.map((m) => m.entityId)).size;
    const tabId = await tabIdOf(browser.session, page);
    await eventually(() => badgeOf(browser.session, tabId), (t) => t === String(names), 'the badge on a covered page');

    await page.goto(browser.server.url(UNRELATED));
    expect((await pageState(browser.session, page)).covered).toBe(false);
    expect(await badgeOf(browser.session, tabId)).toBe('');

    await page.goto(browser.server.url(COVERED));
    await eventually(() => badgeOf(browser.session, tabId), (t) => t === String(names), 'the badge back on the covered page');
    const ext = await openExtensionPage(browser.session, 'options.html');
    onTestFinished(settingsBackOn);
    await setSettings(ext, { paused: true });
    await eventually(() => badgeOf(browser.session, tabId), (t) => t === '', 'no badge while paused');
    await setSettings(ext, { paused: false });
    await eventually(() => badgeOf(browser.session, tabId), (t) => t === String(names), 'the badge after resuming');
    await setSettings(ext, { disabledSites: [new URL(page.url()).host] });
    await eventually(() => badgeOf(browser.session, tabId), (t) => t === '', 'no badge with the site off');
    await setSettings(ext, { disabledSites: [] });
    await Promise.all([page.close(), ext.close()]);
  });
});

describe('the popup states what is true now', () => {
  it('reads the page again after each switch: site off, back on, paused, resumed', async () => {
    const page = await browser.session.context.newPage();
    await page.goto(browser.server.url(COVERED));
    await pageState(browser.session, page);
    const host = new URL(page.url()).host;
    const popup = await popupFor(page);
    onTestFinished(settingsBackOn);
    const verdict = popup.getByRole('region', { name: 'Coverage' });
    await verdict.getByText(`This article is about ${activePack.title}.`).waitFor();
    await popup.getByText('Names on this page').waitFor();

    // Off for the site: the verdict says so, the names go, and one switch undoes it.
    await popup.getByRole('checkbox', { name: `On for ${host}` }).click();
    await verdict.getByText(`Backstory is off for ${host}.`).waitFor();
    expect(await popup.getByText('Names on this page').count()).toBe(0);
    expect(await popup.getByRole('checkbox').count()).toBe(0);
    expect(await page.evaluate(MENTION_HIGHLIGHTS)).toBe(0);
    // Focus moves to the switch that replaced the one pressed.
    await expect.poll(() => popup.evaluate(() => document.activeElement?.textContent)).toBe(`Turn on for ${host}`);
    await popup.keyboard.press('Enter');
    await verdict.getByText(`This article is about ${activePack.title}.`).waitFor();
    await popup.getByText('Names on this page').waitFor();

    // Paused: the same, with Resume.
    await popup.getByRole('checkbox', { name: 'Pause everywhere' }).click();
    await verdict.getByText('Backstory is paused everywhere.').waitFor();
    expect(await popup.getByRole('checkbox', { name: `On for ${host}` }).count()).toBe(0);
    expect(await popup.locator('.score').count()).toBe(0);
    await popup.getByRole('button', { name: 'Resume Backstory' }).click();
    await verdict.getByText(`This article is about ${activePack.title}.`).waitFor();

    // The score and the phrases behind it are behind "Why?".
    await expect.poll(() => popup.locator('.score').isVisible()).toBe(false);
    await popup.getByText('Why?').click();
    const why = await popup.locator('details.why').innerText();
    expect(why).toContain('“zero tolerance”');
    expect(why).toMatch(/Coverage score \d+\.\d\d; a page counts as covered from \d+\.\d\d\./);
    await Promise.all([page.close(), popup.close()]);
  });

  it('on an unrelated page, says what Backstory covers and links the sample', async () => {
    const page = await browser.session.context.newPage();
    await page.goto(browser.server.url(UNRELATED));
    await pageState(browser.session, page);
    const popup = await popupFor(page);
    await popup.getByText(`This page is not about ${activePack.title}.`).waitFor();
    const covers = popup.getByRole('region', { name: 'What Backstory covers' });
    await covers.getByText(activePack.description).waitFor();
    await popup.getByText('Why?').click();
    expect(await popup.locator('details.why').innerText()).toContain('Coverage score 0.00');
    const opened = browser.session.context.waitForEvent('page');
    await covers.getByRole('button', { name: 'See it work on a sample article' }).click();
    const sample = await opened;
    await sample.waitForLoadState();
    expect(sample.url()).toMatch(/\/sample\.html$/);
    await Promise.all([page.close(), popup.close(), sample.close()]);
  });
});
