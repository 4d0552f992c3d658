/**
 * "Scan this page anyway" (issue 20): on a page Backstory judges not covered, the popup's button
 * highlights the page's names and makes their cards hoverable for this visit; the verdict stays
 * honest (covered: false, forced: true, "…because you asked"), and a reload forgets the asking.
 * The fixture is an unrelated page that names pack people but has no gate phrase, so its loader
 * never loads the engine until asked.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import meta from '../../src/pack/packs/zero-tolerance/pack.json';
import { openFixturePage, useExtension } from './extension-fixture';
import { badgeOf, cardText, eventually, inContentScript, openExtensionPage, pageState, sendToTab, tabIdOf, textCenter } from './harness';

const browser = useExtension();

const UNRELATED = '/e2e/doj-unrelated.html';
/** The pack's own title: the popup names the topic with it. */
const TOPIC = meta.title;

/** Ranges the page's highlights draw, of every kind (the registry is the page's; Backstory's names are random). */
const highlightCount = (page: Page) =>
  page.evaluate(() => [...(CSS as unknown as { highlights: Map<string, Set<Range>> }).highlights.values()].reduce((n, h) => n + h.size, 0));

const openPage = (path: string) => openFixturePage(browser, path);

describe('Scan this page anyway', () => {
  it('highlights an unrelated page’s names on asking, opens their cards, says so honestly, and forgets it on reload', async () => {
    const { page, errors } = await openPage(UNRELATED);
    const tabId = await tabIdOf(browser.session, page);
    const popup = await openExtensionPage(browser.session, `popup.html?tabId=${tabId}`);
    const button = popup.getByRole('button', { name: 'Scan this page anyway' });
    await button.waitFor();
    expect(await highlightCount(page)).toBe(0);

    await button.click();
    await popup.getByText(`Not judged to be about ${TOPIC} — highlighted because you asked.`).waitFor();
    await popup.getByRole('region', { name: 'Names on this page' }).getByText('Jeff Sessions').waitFor();
    expect(await popup.getByRole('button', { name: 'Scan this page anyway' }).count()).toBe(0);

    const state = await pageState(browser.session, page);
    expect(state).toMatchObject({ covered: false, forced: true });
    expect(state.mentions.map((m) => m.entityId)).toEqual(expect.arrayContaining(['jeff-sessions', 'rod-rosenstein']));
    expect(await highlightCount(page)).toBe(state.mentions.length);
    // The badge counts the names highlighted, as on a covered page.
    const names = new Set(state.mentions.map((m) => m.entityId)).size;
    await eventually(() => badgeOf(browser.session, tabId), (t) => t === String(names), 'the badge after asking');

    // A card opens on hover, as on a covered page.
    await page.bringToFront();
    const point = await textCenter(page, 'Jeff Sessions');
    await page.mouse.move(point.x - 30, point.y - 40);
    await page.mouse.move(point.x, point.y, { steps: 4 });
    const card = await eventually(() => cardText(page), (t) => !!t?.includes('View source context'), 'the card on hover', 8000);
    expect(card).toContain('Sessions');

    // A reload is a new visit: the honest verdict, nothing highlighted, the button offered again.
    await page.reload();
    const reloaded = await pageState(browser.session, page);
    expect(reloaded).toEqual({ covered: false, score: 0, mentions: [], scanMs: reloaded.scanMs, published: null, publishedConfidence: null, figures: [] });
    expect(await highlightCount(page)).toBe(0);
    expect(await badgeOf(browser.session, tabId)).toBe('');
    await popup.reload();
    await popup.getByRole('button', { name: 'Scan this page anyway' }).waitFor();
    expect(errors).toEqual([]);
    await Promise.all([page.close(), popup.close()]);
  });

  it('wakes an idle page’s loader, loads the engine for the asking alone, and follows text added later', async () => {
    const { page } = await openPage(`${UNRELATED}?idle`);
    // Nothing has asked this page anything: its loader stopped at the gate.
    expect(await highlightCount(page)).toBe(0);
    const summary = (await sendToTab(browser.session, page, { type: 'backstory:scan-anyway' })) as { covered: boolean; forced: boolean; entities: Array<{ entityId: string }> };
    expect(summary).toMatchObject({ covered: false, forced: true });
    expect(summary.entities.map((e) => e.entityId)).toContain('jeff-sessions');
    const perf = await inContentScript<{ mode: string; reason?: string }>(page, '(b) => b.perf()');
    expect(perf).toMatchObject({ mode: 'engine', reason: 'message' });
    expect(await highlightCount(page)).toBeGreaterThan(0);
    // Names in text the page adds later are drawn too, and the verdict stays the same.
    await page.evaluate(() => {
      const p = document.createElement('p');
      p.textContent = 'Stephen Miller, a White House adviser, was not involved.';
      document.querySelector('article')!.append(p);
    });
    const later = await eventually(() => pageState(browser.session, page), (s) => s.mentions.some((m) => m.entityId === 'stephen-miller'), 'a name in added text', 8000);
    expect(later).toMatchObject({ covered: false, forced: true });
    await page.close();
  });

  it('on a page without any of the pack’s names, says none were found', async () => {
    const { page } = await openPage('/pages/unrelated/recipe-soup.html');
    const popup = await openExtensionPage(browser.session, `popup.html?tabId=${await tabIdOf(browser.session, page)}`);
    await popup.getByRole('button', { name: 'Scan this page anyway' }).click();
    await popup.getByText(`No names from ${TOPIC} found on this page.`).waitFor();
    expect(await pageState(browser.session, page)).toMatchObject({ covered: false, forced: true, mentions: [] });
    await Promise.all([page.close(), popup.close()]);
  });
});
