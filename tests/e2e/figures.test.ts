/**
 * What was known when, in real Chromium: a covered article's date and counts reach the page
 * state, a count opens its figures card (every figure side by side, the nearest marked, the chart
 * with the article's date), and a name's card sets apart what came after the article.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useExtension } from './extension-fixture';
import { cardText, collectErrors, eventually, inContentScript, pageState, sendToTab, textCenter } from './harness';

const DATED = '/pages/dated/meta-published-time.html';
const browser = useExtension();

async function hover(page: Page, text: string): Promise<void> {
  const point = await textCenter(page, text);
  await page.mouse.move(point.x - 40, point.y - 60);
  await page.mouse.move(point.x, point.y, { steps: 4 });
}

async function cardIncluding(page: Page, words: string): Promise<string> {
  let text: string | null = null;
  for (let i = 0; i < 60; i++) {
    text = await cardText(page);
    if (text?.includes(words)) return text;
    await page.waitForTimeout(100);
  }
  throw new Error(`no card with “${words}”; last: ${text}`);
}

describe('the article’s date and counts', () => {
  it('reports the date and the figures in the page state, and marks the count without changing the text', async () => {
    const page = await browser.session.context.newPage();
    const errors = collectErrors(page);
    await page.goto(browser.server.url(DATED));
    const before = await page.evaluate(() => document.body.innerText);
    const state = await pageState(browser.session, page);
    expect(state).toMatchObject({ covered: true, published: '2018-06-20', publishedConfidence: 'high' });
    expect(state.figures).toEqual([{ measureId: 'children-separated', count: 2300, text: 'about 2,300 children' }]);
    const names = await page.evaluate(() => [...(CSS as unknown as { highlights: Map<string, unknown> }).highlights.keys()]);
    expect(names.some((n) => n.startsWith('backstory-figure-'))).toBe(true);
    expect(names.some((n) => n.startsWith('backstory-mention-'))).toBe(true);
    expect(await page.evaluate(() => document.body.innerText)).toBe(before);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('opens the figures card on a count: figures side by side, the nearest marked, a chart with the article’s date', async () => {
    const page = await browser.session.context.newPage();
    await page.goto(browser.server.url(DATED));
    await pageState(browser.session, page);
    await hover(page, '2,300 children');
    const text = await cardIncluding(page, 'Children separated from their parents');
    expect(text).toContain('nearest the article’s date');
    expect(text).toContain('June 20, 2018');
    const shape = await inContentScript<{ items: number; nearest: number; points: number; line: number }>(
      page,
      `(b) => { const r = b.shadowRoot(); return { items: r.querySelectorAll('.figure-list li').length, nearest: r.querySelectorAll('.figure-list li.nearest').length, points: r.querySelectorAll('svg.figure-chart .point').length, line: r.querySelectorAll('svg.figure-chart line.article-date').length }; }`,
    );
    expect(shape.items).toBeGreaterThan(3);
    expect(shape.nearest).toBe(1);
    expect(shape.points).toBeGreaterThan(3);
    expect(shape.line).toBe(1);
    await page.keyboard.press('Escape');
    await page.close();
  });

  it('opens the figures card when the keyboard reaches the count, in reading order among the names', async () => {
    const page = await browser.session.context.newPage();
    await page.goto(browser.server.url(DATED));
    await pageState(browser.session, page);
    await sendToTab(browser.session, page, { type: 'backstory:navigate-mentions' });
    const navText = () => inContentScript<string | null>(page, `(b) => b.shadowRoot()?.querySelector('.nav [aria-live]')?.textContent ?? null`);
    const seen: string[] = [];
    for (let i = 0; i < 10; i++) {
      const text = await eventually(navText, (t) => !!t && !seen.includes(t), `step ${i + 1}`);
      seen.push(text!);
      if (text!.includes('Figures for')) break;
      await page.keyboard.press('ArrowRight');
    }
    // After the names of the first paragraph, before those that follow the count.
    expect(seen.at(-1)).toMatch(/^\d+ of \d+: Figures for “about 2,300 children”$/);
    expect(seen.some((t) => t.includes('Zero tolerance policy'))).toBe(true);
    await cardIncluding(page, 'Children separated from their parents');
    await page.close();
  });

  it('sets apart on a name’s card what came after the article, under “Later:”', async () => {
    const page = await browser.session.context.newPage();
    await page.goto(browser.server.url(DATED));
    const state = await pageState(browser.session, page);
    const name = state.mentions.find((m) => m.entityId === 'zero-tolerance-policy')!;
    await hover(page, name.text);
    await cardIncluding(page, 'More');
    // The full card ("More") holds every fact, and sets the later ones apart.
    await inContentScript(page, `(b) => b.shadowRoot().querySelector('.floating .more-toggle').click()`);
    const text = await cardIncluding(page, 'Later:');
    expect(text).toMatch(/Later: after this article \(June 20, 2018\)/);
    await page.close();
  });
});
