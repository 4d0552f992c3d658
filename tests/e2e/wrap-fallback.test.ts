/**
 * The fallback highlighter, for browsers without the CSS Custom Highlight API: names are wrapped in
 * <backstory-mark> elements, the page's text stays the same, hovering a name still opens its card,
 * and switching Backstory off puts the page's DOM back exactly. Chromium has the API, so the test
 * takes it away from Backstory's isolated world only (the page's own world keeps it).
 */
import { describe, expect, it } from 'vitest';
import { useExtension } from './extension-fixture';
import { cardText, collectErrors, eventually, inContentScript, openExtensionPage, pageState, setSettings, textCenter } from './harness';

const browser = useExtension();

describe('without the CSS Custom Highlight API', () => {
  it('wraps names in marks, keeps the text, opens cards on hover, and restores the DOM exactly when switched off', async () => {
    const ext = await openExtensionPage(browser.session, 'options.html');
    await setSettings(ext, { paused: true });
    const page = await browser.session.context.newPage();
    const errors = collectErrors(page);
    await page.goto(browser.server.url('/e2e/covered-article.html'));
    expect((await pageState(browser.session, page)).covered).toBe(false);
    const original = await page.evaluate(() => ({ html: document.body.innerHTML, text: document.body.textContent }));

    // Backstory's world loses the API before anything is drawn.
    expect(await inContentScript<boolean>(page, '() => delete globalThis.Highlight && typeof globalThis.Highlight === "undefined"')).toBe(true);
    await setSettings(ext, { paused: false });
    const state = await eventually(() => pageState(browser.session, page), (s) => s.covered, 'the page was never scanned after unpausing');
    const marks = await page.evaluate(() => [...document.querySelectorAll('backstory-mark')].map((m) => m.textContent));
    expect(marks.length).toBeGreaterThanOrEqual(state.mentions.length);
    expect(marks).toContain('Attorney General Jeff Sessions');
    expect(await page.evaluate(() => (CSS as any).highlights.size)).toBe(0);
    expect(await page.evaluate(() => document.body.textContent)).toBe(original.text);

    const name = await textCenter(page, 'Attorney General Jeff Sessions');
    await page.mouse.move(name.x - 40, name.y + 60);
    await page.mouse.move(name.x, name.y, { steps: 3 });
    const card = await eventually(() => cardText(page), (t) => !!t && t.includes('Jeff Sessions'), 'no card opened on the wrapped name');
    expect(card).toContain('attorney general');

    await setSettings(ext, { paused: true });
    await eventually(() => pageState(browser.session, page), (s) => !s.covered, 'the page did not switch off');
    await eventually(() => page.evaluate(() => document.querySelectorAll('backstory-mark').length), (n) => n === 0, 'marks stayed');
    expect(await page.evaluate(() => document.body.innerHTML)).toBe(original.html);
    expect(errors).toEqual([]);
    await setSettings(ext, { paused: false });
    await Promise.all([page.close(), ext.close()]);
  });
});
