/**
 * A book-length covered page: thousands of mentions. The first ones are highlighted at once; the
 * rest are drawn as the reader scrolls to them, so the browser never has to paint them all at once.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { collectErrors, eventually, FIXTURES, inContentScript, pageState } from './harness';
import { useExtension } from './extension-fixture';

/** The covered browser-test article's paragraphs, repeated: every copy names the same people. */
function longCoveredPage(copies: number): string {
  const article = readFileSync(join(FIXTURES, 'e2e/covered-article.html'), 'utf8');
  const paragraphs = [...article.matchAll(/<p>[\s\S]*?<\/p>/g)].map((m) => m[0]).join('\n');
  const body = Array.from({ length: copies }, (_, i) => `<section><h2>Part ${i + 1}</h2>\n${paragraphs}</section>`).join('\n');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>The long record</title></head><body><article>${body}</article></body></html>`;
}

const PAGE = '/generated/long-covered.html';
const html = longCoveredPage(250);
const browser = useExtension({ server: { dynamic: (path) => (path === PAGE ? html : undefined) } });

interface Perf {
  mentions: number;
  pendingMentions: number;
}

const drawnCount = (page: import('playwright-core').Page) =>
  page.evaluate(() => {
    let n = 0;
    for (const [, h] of (CSS as unknown as { highlights: Map<string, Set<Range>> }).highlights) n = Math.max(n, h.size);
    return n;
  });

describe('a very long covered page', () => {
  it('draws the first mentions at once and the others as the reader scrolls to them', async () => {
    const page = await browser.session.context.newPage();
    const errors = collectErrors(page);
    await page.goto(browser.server.url(PAGE));
    const state = await pageState(browser.session, page);
    expect(state.covered).toBe(true);
    const first = await inContentScript<Perf>(page, '(b) => b.perf()');
    expect(first.pendingMentions).toBeGreaterThan(0);
    // Every mention is reported, drawn or not.
    expect(state.mentions.length).toBe(first.mentions + first.pendingMentions);
    expect(await drawnCount(page)).toBe(first.mentions);

    // Jump to the end: the names there get highlighted.
    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    const later = await eventually(() => inContentScript<Perf>(page, '(b) => b.perf()'), (p) => p.mentions > first.mentions, 'more mentions drawn after scrolling');
    expect(later.pendingMentions).toBeLessThan(first.pendingMentions);
    const lastName = await page.evaluate(() => {
      const ranges = [...(CSS as unknown as { highlights: Map<string, Set<Range>> }).highlights.values()].flatMap((h) => [...h]);
      const inView = ranges.filter((r) => {
        const rect = r.getBoundingClientRect();
        return rect.bottom > 0 && rect.top < innerHeight && rect.width > 0;
      });
      return inView.length;
    });
    expect(lastName).toBeGreaterThan(0);
    // The page's text was let go after the scan (it is that long): what the popup is told is unchanged.
    const again = await pageState(browser.session, page);
    // (In drawing order now: the ones drawn on scrolling come after the first ones.)
    const sorted = (mentions: typeof state.mentions) => mentions.map((m) => JSON.stringify(m)).sort();
    expect(sorted(again.mentions)).toEqual(sorted(state.mentions));
    expect(again.figures).toEqual(state.figures);
    expect(errors).toEqual([]);
    await page.close();
  });
});
