/**
 * The glance card fits without scrolling, for every entity in the pack, at 1280×900 and at 200%
 * zoom (the same layout as a 640×450 window). Each entity's name is put in a covered article, the
 * name scrolled near the top of the window, and its card opened by hovering.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { zeroTolerancePack as pack } from '../../src/pack/packs/zero-tolerance';
import { useExtension } from './extension-fixture';
import { FIXTURES, cardText, eventually, inContentScript, pageState } from './harness';

const COVERED_HTML = readFileSync(join(FIXTURES, 'e2e/covered-article.html'), 'utf8');
const ALL_NAMES = '/glance/all-names.html';

/** The covered article with one paragraph per entity, naming it by its first full form. */
function allNamesPage(): string {
  const paragraphs = pack.entities
    .map((e) => e.names.find((n) => n.rule === 'full') ?? e.names[0]!)
    .map((n) => `<p>The record also names ${n.text.replace(/</g, '&lt;')} here.</p>`)
    .join('\n');
  // Room below the last name, so every name can be scrolled near the top of the window.
  return COVERED_HTML.replace('</article>', `${paragraphs}</article><div style="height: 1200px"></div>`);
}

const browser = useExtension({ server: { dynamic: (path) => (path === ALL_NAMES ? allNamesPage() : undefined) } });

interface Fit {
  heading: string;
  scrollHeight: number;
  clientHeight: number;
  top: number;
  bottom: number;
}

/** Hovers the last occurrence of `text` (the entity's own paragraph), placed near the top of the window. */
async function openGlance(page: Page, text: string): Promise<Fit> {
  // Esc closes the last card at once; the pointer then rests away from any name.
  if ((await cardText(page)) !== null) await page.keyboard.press('Escape');
  await page.mouse.move(2, 2);
  await eventually(() => cardText(page), (t) => t === null, 'no card open', 3000);
  const point = await page.evaluate((name) => {
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    let found: Range | null = null;
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const at = (n as Text).data.lastIndexOf(name);
      if (at < 0) continue;
      found = document.createRange();
      found.setStart(n, at);
      found.setEnd(n, at + name.length);
    }
    if (!found) throw new Error(`${name} is not on the page`);
    window.scrollBy(0, found.getBoundingClientRect().top - 12);
    const r = found.getClientRects()[0]!;
    return { x: r.left + Math.min(r.width / 2, 20), y: r.top + r.height / 2 };
  }, text);
  await page.mouse.move(point.x - 10, point.y + 30);
  await page.mouse.move(point.x, point.y, { steps: 3 });
  await eventually(() => cardText(page), (t) => !!t?.includes('More'), `glance for ${text}`);
  await page.waitForTimeout(120);
  return inContentScript<Fit>(
    page,
    `(b) => { const c = b.shadowRoot().querySelector('.floating .card'); const r = c.getBoundingClientRect(); return { heading: c.querySelector('h2').textContent, scrollHeight: c.scrollHeight, clientHeight: c.clientHeight, top: r.top, bottom: r.bottom }; }`,
  );
}

describe.each([
  { width: 1280, height: 900, label: '1280×900' },
  { width: 640, height: 450, label: '200% zoom (640×450)' },
])('the glance card at $label', ({ width, height }) => {
  it('fits without scrolling for every entity in the pack', async () => {
    const page = await browser.session.context.newPage();
    await page.setViewportSize({ width, height });
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await page.goto(browser.server.url(ALL_NAMES));
    const state = await pageState(browser.session, page);
    const byEntity = new Map<string, string>();
    for (const m of state.mentions) byEntity.set(m.entityId, m.text);
    const unnamed = pack.entities.filter((e) => !byEntity.has(e.id)).map((e) => e.id);
    expect(unnamed, 'entities with no mention on the page').toEqual([]);
    const overflowing: string[] = [];
    for (const entity of pack.entities) {
      const fit = await openGlance(page, byEntity.get(entity.id)!);
      if (fit.scrollHeight > fit.clientHeight + 1 || fit.top < 0 || fit.bottom > height) {
        overflowing.push(`${entity.id} (${fit.heading}): ${fit.scrollHeight}px in ${fit.clientHeight}px, ${Math.round(fit.top)}–${Math.round(fit.bottom)}`);
      }
    }
    expect(overflowing).toEqual([]);
    await page.close();
  }, 240_000);
});
