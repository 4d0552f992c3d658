/**
 * The glance card fits without scrolling, for every entity in the pack, at 1280×900 and at 200%
 * zoom (the same layout as a 640×450 window). Each entity's name is put in a covered article and
 * its card opened as the popup's names open it (the name brought a quarter of the way down the
 * window, focus in the card); it is measured there, and again with the name scrolled near the
 * top of the window, 40% and 50% down it (where neither side of the name has room for the
 * largest glances in full). At each, the card must not scroll, must stay in the window and must
 * not cover its name. A glance short of room steps down (card-placement.ts), but never hides
 * the control holding focus.
 * Opening by message rather than by hovering keeps the run short: on this page a pointer move
 * can take seconds to be delivered once other suites have run.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { zeroTolerancePack as pack } from '../../src/pack/packs/zero-tolerance';
import { useExtension } from './extension-fixture';
import { FIXTURES, cardText, eventually, inContentScript, pageState, sendToTab } from './harness';

const COVERED_HTML = readFileSync(join(FIXTURES, 'e2e/covered-article.html'), 'utf8');
const ALL_NAMES = '/glance/all-names.html';

/** The covered article with one paragraph per entity, naming it by its first full form. */
function allNamesPage(): string {
  const paragraphs = pack.entities
    .map((e) => e.names.find((n) => n.rule === 'full') ?? e.names[0]!)
    .map((n) => `<p>The record also names ${n.text.replace(/</g, '&lt;')} here.</p>`)
    .join('\n');
  // A window's height of room above the article and below the page, so that every name can be
  // scrolled to any height in the window.
  return COVERED_HTML.replace('<div class="wrap">', '<div style="height: 100vh"></div><div class="wrap">')
    .replace('</article>', `${paragraphs}</article>`)
    .replace('</body>', '<div style="height: 100vh"></div></body>');
}

const browser = useExtension({ server: { dynamic: (path) => (path === ALL_NAMES ? allNamesPage() : undefined) } });

interface Fit {
  heading: string;
  scrollHeight: number;
  clientHeight: number;
  top: number;
  bottom: number;
}

const measure = (page: Page) =>
  inContentScript<Fit>(
    page,
    `(b) => { const c = b.shadowRoot().querySelector('.floating .card'); const r = c.getBoundingClientRect(); return { heading: c.querySelector('h2').textContent, scrollHeight: c.scrollHeight, clientHeight: c.clientHeight, top: r.top, bottom: r.bottom }; }`,
  );

/** Waits two frames, so that a scroll has been followed by the card's placement. */
const settle = (page: Page) => page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));

/** Scrolls the first drawn mention reading `name` so its top is `top` px down the window; returns its line's box. */
const placeName = (page: Page, name: string, top: number) =>
  page.evaluate(
    ([name, top]) => {
      const drawn = [...CSS.highlights]
        .filter(([highlight]) => highlight.startsWith('backstory-mention'))
        .flatMap(([, ranges]) => [...ranges] as Range[])
        .filter((range) => range.toString() === name)
        .sort((a, b) => a.compareBoundaryPoints(Range.START_TO_START, b));
      if (!drawn[0]) throw new Error(`${name} is not drawn`);
      window.scrollBy(0, drawn[0].getClientRects()[0]!.top - top);
      const line = drawn[0].getClientRects()[0]!;
      return { top: line.top, bottom: line.bottom };
    },
    [name, top] as const,
  );

/** Where the name is put in the window, as a share of its height (near the top: 12 px down). */
const POSITIONS = [
  { label: 'near the top', at: () => 12 },
  // Mid-window neither side has room for the largest glances: they step down to a shorter form.
  { label: '40% down', at: (height: number) => Math.round(height * 0.4) },
  { label: '50% down', at: (height: number) => Math.round(height * 0.5) },
];

/** Opens the glance of `entityId` at its first mention (`text`): where it opens, and with the name at each of POSITIONS. */
async function openGlance(page: Page, entityId: string, text: string, height: number): Promise<{ opened: Fit; placed: Placed[] }> {
  // Esc closes the last card at once.
  if ((await cardText(page)) !== null) await page.keyboard.press('Escape');
  await eventually(() => cardText(page), (t) => t === null, 'no card open', 3000);
  expect(await sendToTab(browser.session, page, { type: 'backstory:open-card', entityId })).toBe(true);
  await eventually(() => cardText(page), (t) => !!t?.includes('More'), `glance for ${text}`);
  await settle(page);
  const opened = await measure(page);
  const placed: Placed[] = [];
  for (const position of POSITIONS) {
    const name = await placeName(page, text, position.at(height));
    await settle(page);
    placed.push({ label: position.label, wanted: position.at(height), name, fit: await measure(page) });
  }
  return { opened, placed };
}

interface Placed {
  label: string;
  /** Where the name's top was asked to go, and where its line is. */
  wanted: number;
  name: { top: number; bottom: number };
  fit: Fit;
}

const overflows = (fit: Fit, height: number) => fit.scrollHeight > fit.clientHeight + 1 || fit.top < 0 || fit.bottom > height;
/** The card lies over the name's line. */
const covers = (fit: Fit, name: Placed['name']) => fit.top < name.bottom - 1 && fit.bottom > name.top + 1;
const describeFit = (id: string, fit: Fit) => `${id} (${fit.heading}): ${fit.scrollHeight}px in ${fit.clientHeight}px, ${Math.round(fit.top)}–${Math.round(fit.bottom)}`;

describe.each([
  // At 640×450 a quarter of the way down leaves less room below than the larger glances need.
  { width: 1280, height: 900, label: '1280×900', fitsAsOpened: true },
  { width: 640, height: 450, label: '200% zoom (640×450)', fitsAsOpened: false },
])('the glance card at $label', ({ width, height, fitsAsOpened }) => {
  it('fits without scrolling for every entity in the pack', async () => {
    const page = await browser.session.context.newPage();
    try {
      await page.setViewportSize({ width, height });
      await page.emulateMedia({ reducedMotion: 'reduce' });
      await page.goto(browser.server.url(ALL_NAMES));
      const state = await pageState(browser.session, page);
      const firstMention = new Map<string, string>();
      for (const m of state.mentions) if (!firstMention.has(m.entityId)) firstMention.set(m.entityId, m.text);
      const unnamed = pack.entities.filter((e) => !firstMention.has(e.id)).map((e) => e.id);
      expect(unnamed, 'entities with no mention on the page').toEqual([]);
      const overflowingAsOpened: string[] = [];
      const overflowingPlaced: string[] = [];
      const covering: string[] = [];
      const misplaced: string[] = [];
      for (const entity of pack.entities) {
        const { opened, placed } = await openGlance(page, entity.id, firstMention.get(entity.id)!, height);
        if (fitsAsOpened && overflows(opened, height)) overflowingAsOpened.push(describeFit(entity.id, opened));
        for (const { label, wanted, name, fit } of placed) {
          // The page must have let the name go where it was sent, or the position was not tried.
          if (Math.abs(name.top - wanted) > 2) misplaced.push(`${entity.id} ${label}: name at ${Math.round(name.top)}`);
          if (overflows(fit, height)) overflowingPlaced.push(`${label}: ${describeFit(entity.id, fit)}`);
          if (covers(fit, name)) covering.push(`${label}: ${describeFit(entity.id, fit)} over ${Math.round(name.top)}–${Math.round(name.bottom)}`);
        }
      }
      expect(misplaced).toEqual([]);
      expect(overflowingPlaced).toEqual([]);
      expect(covering).toEqual([]);
      expect(overflowingAsOpened).toEqual([]);
    } finally {
      // A page left open by a failure would keep the next one in the background.
      await page.close();
    }
  }, 240_000);
});

describe('a glance stepping down for room', () => {
  it('never hides the control holding focus: the card scrolls instead, and steps down once focus moves on, and again after More and Less', async () => {
    const page = await browser.session.context.newPage();
    try {
      await page.setViewportSize({ width: 640, height: 450 });
      await page.emulateMedia({ reducedMotion: 'reduce' });
      await page.goto(browser.server.url(ALL_NAMES));
      const state = await pageState(browser.session, page);
      const entityId = 'donald-trump';
      const text = state.mentions.find((m) => m.entityId === entityId)!.text;
      await openGlance(page, entityId, text, 450);
      // Near the top the glance has room for both facts; focus the source of the one dropped first.
      await placeName(page, text, 12);
      await settle(page);
      const focusedSpare = await inContentScript<boolean>(
        page,
        `(b) => { const cite = b.shadowRoot().querySelector('.floating .glance-facts li.spare .cite'); cite.focus(); return b.shadowRoot().activeElement === cite; }`,
      );
      expect(focusedSpare).toBe(true);
      const atMid = async () => {
        await placeName(page, text, 225);
        await settle(page);
        return inContentScript<{ fit: string; focusShown: boolean; scrolls: boolean }>(
          page,
          `(b) => { const c = b.shadowRoot().querySelector('.floating .card'); const f = b.shadowRoot().activeElement; return { fit: c.dataset.fit ?? '', focusShown: !!f && c.contains(f) && f.getClientRects().length > 0, scrolls: c.scrollHeight > c.clientHeight + 1 }; }`,
        );
      };
      const held = await atMid();
      expect(held.focusShown).toBe(true);
      expect(held.fit.split(' ')).not.toContain('one-fact');
      expect(held.scrolls).toBe(true);
      // Focus back on the close button: nothing holds the fact, and the glance fits again.
      await inContentScript(page, `(b) => { b.shadowRoot().querySelector('.floating .card button.close').focus(); }`);
      await placeName(page, text, 12);
      await settle(page);
      const freed = await atMid();
      expect(freed.fit.split(' ')).toContain('one-fact');
      expect(freed.scrolls).toBe(false);
      // "More" and back: the full card and the glance are both held at the room's height, so the
      // box does not resize; the glance must still step down again.
      const toggle = `(b) => { b.shadowRoot().querySelector('.floating .card .more-toggle').click(); }`;
      await inContentScript(page, toggle);
      await eventually(() => cardText(page), (t) => !!t?.includes('Less'), 'the full card');
      await inContentScript(page, toggle);
      await eventually(() => cardText(page), (t) => !!t?.includes('More'), 'the glance again');
      await settle(page);
      const back = await inContentScript<{ fit: string; scrolls: boolean }>(
        page,
        `(b) => { const c = b.shadowRoot().querySelector('.floating .card'); return { fit: c.dataset.fit ?? '', scrolls: c.scrollHeight > c.clientHeight + 1 }; }`,
      );
      expect(back.fit.split(' ')).toContain('one-fact');
      expect(back.scrolls).toBe(false);
    } finally {
      await page.close();
    }
  }, 60_000);
});
