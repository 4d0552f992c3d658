/**
 * The timeline page and the ways to it, in real Chromium: the page pins the article's date and
 * marks the events it mentions; the full card opens it with the article's date and names; the
 * popup's names open their card on the page with focus in it.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { useExtension } from './extension-fixture';
import { cardText, eventually, inContentScript, openExtensionPage, pageState, sendToTab, shadowElementCenter, textCenter } from './harness';

const DATED = '/pages/dated/meta-published-time.html';
const browser = useExtension();

afterEach(async () => {
  // A page left open would share its URL with the next test's page, and tab messages go by URL.
  for (const p of browser.session.context.pages()) if (p.url() !== 'about:blank') await p.close().catch(() => undefined);
});

describe('the timeline', () => {
  it('pins the article’s date and marks the events involving names it mentions', async () => {
    const page = await openExtensionPage(browser.session, 'timeline.html?date=2018-06-20&entities=jeff-sessions');
    await page.getByText('This article', { exact: true }).waitFor();
    const shape = await page.evaluate(() => {
      const items = [...document.querySelectorAll('.tl-list > li')];
      const pin = items.findIndex((li) => li.classList.contains('tl-article'));
      return { items: items.length, pin, marked: document.querySelectorAll('.tl-event.mentioned').length, laterBeforePin: items.slice(0, pin).filter((li) => li.classList.contains('later')).length, laterAfterPin: items.slice(pin + 1).every((li) => li.classList.contains('later')) };
    });
    expect(shape.pin).toBeGreaterThan(0);
    expect(shape.marked).toBeGreaterThan(0);
    expect(shape.laterBeforePin).toBe(0);
    expect(shape.laterAfterPin).toBe(true);
    await page.close();
  });

  it('opens from the full card with the article’s date and the names on the page', async () => {
    const page = await browser.session.context.newPage();
    await page.goto(browser.server.url(DATED));
    await pageState(browser.session, page);
    const point = await textCenter(page, 'zero tolerance');
    await page.mouse.move(point.x - 20, point.y - 30);
    await page.mouse.move(point.x, point.y, { steps: 4 });
    await eventually(() => cardText(page), (t) => !!t?.includes('More'), 'card');
    const more = await shadowElementCenter(page, '.actions button.more-toggle');
    await page.mouse.click(more.x, more.y);
    // By keyboard: the button is further down the full card, which scrolls.
    await inContentScript(page, `(b) => { [...b.shadowRoot().querySelectorAll('button.more')].find((x) => x.textContent.includes('Open the full timeline')).focus(); }`);
    const opened = browser.session.context.waitForEvent('page', { timeout: 10_000 });
    await page.keyboard.press('Enter');
    const timeline = await opened;
    await timeline.waitForLoadState();
    const url = new URL(timeline.url());
    expect(url.pathname).toBe('/timeline.html');
    expect(url.searchParams.get('date')).toBe('2018-06-20');
    expect(url.searchParams.get('entities')).toContain('zero-tolerance-policy');
    await timeline.getByText('This article', { exact: true }).waitFor();
    await timeline.close();
    await page.close();
  });

  it('the popup’s name opens that name’s card on the page, focus inside', async () => {
    const page = await browser.session.context.newPage();
    await page.goto(browser.server.url(DATED));
    const state = await pageState(browser.session, page);
    const id = state.mentions.at(-1)!.entityId;
    expect(await sendToTab(browser.session, page, { type: 'backstory:open-card', entityId: id })).toBe(true);
    await eventually(() => cardText(page), (t) => !!t?.includes('More'), 'card from the popup');
    const inside = await inContentScript<boolean>(page, `(b) => { const r = b.shadowRoot(); return !!r.activeElement && !!r.querySelector('.floating').contains(r.activeElement); }`);
    expect(inside).toBe(true);
    expect(await sendToTab(browser.session, page, { type: 'backstory:open-card', entityId: 'no-such-entity' })).toBe(false);
    await page.close();
  });
});
