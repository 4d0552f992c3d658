/**
 * Backstory without a mouse, in real Chromium with the built extension: the
 * `navigate-mentions` command (what Alt+Shift+B sends) opens a toolbar; arrows walk the
 * names in reading order, Enter moves into the card, Tab reaches "Save note", a note is
 * typed and saved, Esc closes the card back to the toolbar and Esc again gives focus back
 * to where it was. Also the hover card's SC 1.4.13 behaviour with a still pointer.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import {
  FIXTURES,
  cardText,
  collectErrors,
  inContentScript,
  launchWithExtension,
  openExtensionPage,
  pageState,
  sendToTab,
  startFixtureServer,
  textCenter,
  type ExtensionSession,
  type FixtureServer,
  eventually,
  waitForNoteEditor,
} from './harness';

const COVERED = '/e2e/covered-article.html';
/** The covered article with one line that names five people in a row. */
const DENSE = '/e2e/dense-names.html';
const DENSE_LINE =
  '<p id="dense" style="font-size:15px">Named in the report: Jeff Sessions, Stephen Miller, Kirstjen Nielsen, Rod J. Rosenstein, Gene Hamilton.</p>';

let server: FixtureServer;
let session: ExtensionSession;

beforeAll(async () => {
  const covered = readFileSync(join(FIXTURES, 'e2e/covered-article.html'), 'utf8');
  server = await startFixtureServer(FIXTURES, {
    dynamic: (path) => (path === DENSE ? covered.replace('<p class="byline">', `${DENSE_LINE}\n<p class="byline">`) : undefined),
  });
  session = await launchWithExtension();
});

afterAll(async () => {
  await session?.close();
  await server?.close();
});

// A page left open by a failed test would sit in front of the next test's page.
afterEach(async () => {
  for (const p of session.context.pages()) await p.close().catch(() => undefined);
});

interface Focused {
  /** Where focus is: inside Backstory's shadow root, or in the page. */
  where: 'backstory' | 'page';
  tag: string;
  className: string;
  text: string;
  role: string | null;
}

/** The focused element, looking through Backstory's closed shadow root from its own world. */
function focused(page: Page): Promise<Focused> {
  return inContentScript<Focused>(
    page,
    `(b) => {
      const root = b.shadowRoot();
      const inside = root && root.activeElement;
      const el = inside || document.activeElement;
      return {
        where: inside ? 'backstory' : 'page',
        tag: el ? el.localName : '',
        className: el && typeof el.className === 'string' ? el.className : '',
        text: el ? (el.textContent || '').trim().slice(0, 200) : '',
        role: el ? el.getAttribute('role') : null,
      };
    }`,
  );
}


/** The toolbar's live text: "3 of 27: Jeff Sessions (“Attorney General Jeff Sessions”)". */
function navText(page: Page): Promise<string | null> {
  return inContentScript<string | null>(page, `(b) => b.shadowRoot()?.querySelector('.nav [aria-live]')?.textContent ?? null`);
}

/** Where the keyboard-focus highlight is drawn on the page (main world: the Highlight registry is the page's). */
function focusHighlightBox(page: Page): Promise<{ top: number; left: number; text: string } | null> {
  return page.evaluate(() => {
    for (const [name, highlight] of (CSS as any).highlights as Map<string, Set<Range>>) {
      if (!name.startsWith('backstory-focus-')) continue;
      const range = [...highlight][0];
      if (!range) return null;
      const r = range.getClientRects()[0]!;
      return { top: r.top + window.scrollY, left: r.left + window.scrollX, text: range.toString() };
    }
    return null;
  });
}

/** The open card's dialog: its role, accessible name (aria-labelledby resolved) and buttons. */
function cardDialog(page: Page) {
  return inContentScript<{ role: string | null; name: string; buttons: string[]; nonButtons: number } | null>(
    page,
    `(b) => {
      const root = b.shadowRoot();
      const card = root && root.querySelector('.floating .card');
      if (!card) return null;
      const by = card.getAttribute('aria-labelledby');
      const name = by ? root.getElementById(by)?.textContent ?? '' : card.getAttribute('aria-label') ?? '';
      const clickable = [...card.querySelectorAll('[onclick], a, [tabindex]')];
      return {
        role: card.getAttribute('role'),
        name: name.trim(),
        buttons: [...card.querySelectorAll('button')].map((x) => x.getAttribute('aria-label') || x.textContent.trim()),
        nonButtons: clickable.filter((x) => x.localName !== 'button').length,
      };
    }`,
  );
}

describe('keyboard only', () => {
  it('walks the names in reading order, saves a note from a card, and gives focus back', async () => {
    const page = await session.context.newPage();
    const errors = collectErrors(page);
    await page.goto(server.url(COVERED));
    const state = await pageState(session, page);
    expect(state.covered).toBe(true);
    const started = Date.now();

    // Focus starts on a page link (as after the reader tabbed through the site's menu).
    await page.keyboard.press('Tab');
    const before = await page.evaluate(() => document.activeElement?.textContent ?? '');
    expect(before).toBe('Politics');

    // Alt+Shift+B: the background sends this to the tab.
    await sendToTab(session, page, { type: 'backstory:navigate-mentions' });
    await eventually(() => focused(page), (f) => f.where === 'backstory' && f.role === 'toolbar', 'focus on the toolbar');
    expect(await navText(page)).toMatch(new RegExp(`^1 of ${state.mentions.length}: `));

    // Arrows move in reading order: each highlight is further down the page (or further right on the same line).
    const seen: Array<{ top: number; left: number; text: string }> = [];
    for (let i = 0; i < 6; i++) {
      const box = await eventually(() => focusHighlightBox(page), (b) => b !== null, 'focus highlight');
      seen.push(box!);
      if (i < 5) {
        await page.keyboard.press('ArrowRight');
        await eventually(() => navText(page), (t) => !!t?.startsWith(`${i + 2} of `), `step ${i + 2}`);
      }
    }
    for (let i = 1; i < seen.length; i++) {
      const [a, b] = [seen[i - 1]!, seen[i]!];
      expect(b.top > a.top + 2 || (Math.abs(b.top - a.top) <= 2 && b.left > a.left)).toBe(true);
    }
    // ArrowLeft goes back; End and Home jump.
    await page.keyboard.press('ArrowLeft');
    await eventually(() => navText(page), (t) => !!t?.startsWith('5 of '), 'back one');
    await page.keyboard.press('End');
    await eventually(() => navText(page), (t) => !!t?.startsWith(`${state.mentions.length} of `), 'End');
    await page.keyboard.press('Home');
    await eventually(() => navText(page), (t) => !!t?.startsWith('1 of '), 'Home');

    // Move to Gene Hamilton's first mention; the card follows the keyboard.
    for (let i = 0; i < state.mentions.length; i++) {
      if ((await navText(page))?.includes('Gene P. Hamilton')) break;
      await page.keyboard.press('ArrowRight');
      await page.waitForTimeout(30);
    }
    expect(await navText(page)).toContain('Gene P. Hamilton');
    await eventually(() => cardText(page), (t) => !!t?.includes('Save note'), 'the card for Gene Hamilton');
    expect(await focused(page)).toMatchObject({ role: 'toolbar' });

    // The card is a labelled dialog whose actions are real buttons.
    const dialog = await cardDialog(page);
    expect(dialog).toMatchObject({ role: 'dialog', name: 'Gene P. Hamilton', nonButtons: 0 });
    expect(dialog!.buttons).toEqual(expect.arrayContaining(['Close card', 'View source context', 'Save note']));

    // Enter: into the card. Tab: to "Save note". Enter: the editor, with the text box focused.
    await page.keyboard.press('Enter');
    await eventually(() => focused(page), (f) => f.where === 'backstory' && f.tag === 'button', 'focus inside the card');
    for (let i = 0; i < 20 && (await focused(page)).text !== 'Save note'; i++) await page.keyboard.press('Tab');
    expect(await focused(page)).toMatchObject({ where: 'backstory', tag: 'button', text: 'Save note' });
    await page.keyboard.press('Enter');
    // The editor is the note frame: focus goes into it, on its text box.
    await waitForNoteEditor(page);
    const note = `Keyboard-only note ${Date.now()}`;
    await page.keyboard.type(note);
    await page.keyboard.press('Control+Enter');
    await eventually(() => cardText(page), (t) => !!t?.includes('Note saved'), 'Note saved');
    // Focus stays in the card (back on its actions), not dropped on the page.
    const afterSave = await focused(page);
    expect(afterSave.where).toBe('backstory');
    expect(afterSave.tag).toBe('button');

    // Esc: the card closes and focus is back on the toolbar. Esc again: back where it was.
    await page.keyboard.press('Escape');
    await eventually(() => cardText(page), (t) => t === null, 'card closed');
    expect(await focused(page)).toMatchObject({ where: 'backstory', role: 'toolbar' });
    // Enter on the toolbar reopens the card for the same name.
    await page.keyboard.press('Enter');
    await eventually(() => cardText(page), (t) => !!t?.includes('Gene P. Hamilton'), 'card reopened');
    await eventually(() => focused(page), (f) => f.where === 'backstory' && f.tag === 'button', 'focus in the reopened card');
    await page.keyboard.press('Escape');
    await eventually(() => focused(page), (f) => f.role === 'toolbar', 'toolbar again');
    await page.keyboard.press('Escape');
    await eventually(
      () => inContentScript<boolean>(page, `(b) => !b.shadowRoot()?.querySelector('.nav')`),
      (gone) => gone,
      'toolbar gone',
    );
    expect(await focused(page)).toMatchObject({ where: 'page', tag: 'a', text: 'Politics' });
    expect(await focusHighlightBox(page)).toBeNull();
    console.log(`keyboard path: ${Date.now() - started} ms`);

    // The note is stored, with the name it is about.
    const options = await openExtensionPage(session, 'options.html');
    const all = await options.evaluate(async () => {
      const reply = await (globalThis as any).chrome.runtime.sendMessage({ type: 'notes:list-all' });
      return reply.ok ? (reply.value as Array<{ body: { text: string }; entityId?: string }>) : [];
    });
    const saved = all.find((n) => n.body.text === note);
    expect(saved?.entityId).toBe('gene-hamilton');
    expect(errors).toEqual([]);
    await options.close();
    await page.close();
  });
});

/** Where focus is among the toolbar and the open card's controls: 'nav', a control's index in reading order, or 'page'. */
function focusSlot(page: Page) {
  return inContentScript<{ slot: 'nav' | 'page' | number; controls: number }>(
    page,
    `(b) => {
      const root = b.shadowRoot();
      const card = root && root.querySelector('.floating');
      const controls = card ? [...card.querySelectorAll('button, a[href], input, textarea, select, summary, [tabindex]')].filter((el) => el.tabIndex >= 0 && !el.disabled && el.getClientRects().length > 0) : [];
      const active = root && root.activeElement;
      if (!active) return { slot: 'page', controls: controls.length };
      if (active.classList.contains('nav')) return { slot: 'nav', controls: controls.length };
      return { slot: controls.indexOf(active), controls: controls.length };
    }`,
  );
}

describe('keyboard in the card', () => {
  it('enters at the first control in reading order, Tab goes round card and toolbar only, every control forward, Esc returns focus, twice over', async () => {
    const page = await session.context.newPage();
    await page.goto(server.url(COVERED));
    await pageState(session, page);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent ?? '')).toBe('Politics');

    for (let round = 1; round <= 2; round++) {
      await sendToTab(session, page, { type: 'backstory:navigate-mentions' });
      await eventually(() => focused(page), (f) => f.role === 'toolbar', `toolbar, round ${round}`);
      await eventually(() => cardText(page), (t) => !!t?.includes('Save note'), `card, round ${round}`);
      await page.keyboard.press('Enter');
      const first = await eventually(() => focusSlot(page), (f) => f.slot !== 'nav', `into the card, round ${round}`);
      // Reading order: the card's first control (its close button, in the header).
      expect(first.slot).toBe(0);
      expect((await focused(page)).className).toContain('close');

      // Forward only: every control in order, then the toolbar, then the first control again.
      const walk: Array<'nav' | 'page' | number> = [first.slot];
      for (let i = 0; i < first.controls + 1; i++) {
        await page.keyboard.press('Tab');
        walk.push((await focusSlot(page)).slot);
      }
      expect(walk).not.toContain('page');
      expect(walk).toEqual([...Array.from({ length: first.controls }, (_, i) => i), 'nav', 0]);
      // Backward from the first control: the toolbar, then the last control; never the page.
      await page.keyboard.press('Shift+Tab');
      expect((await focusSlot(page)).slot).toBe('nav');
      await page.keyboard.press('Shift+Tab');
      expect((await focusSlot(page)).slot).toBe(first.controls - 1);

      // Esc: the card closes back to the toolbar; Esc again: focus is back on the page link.
      await page.keyboard.press('Escape');
      await eventually(() => cardText(page), (t) => t === null, `card closed, round ${round}`);
      expect((await focusSlot(page)).slot).toBe('nav');
      await page.keyboard.press('Escape');
      await eventually(() => focused(page), (f) => f.where === 'page', `focus back on the page, round ${round}`);
      expect(await focused(page)).toMatchObject({ where: 'page', tag: 'a', text: 'Politics' });
    }
    await page.close();
  });
});

describe('hover card (WCAG 2.2 SC 1.4.13)', () => {
  it('is dismissed by Esc without moving the pointer and does not reopen under it', async () => {
    const page = await session.context.newPage();
    await page.goto(server.url(COVERED));
    await pageState(session, page);
    const point = await textCenter(page, 'Stephen Miller');
    await page.mouse.move(point.x, point.y, { steps: 3 });
    await eventually(() => cardText(page), (t) => !!t?.includes('Stephen Miller'), 'card on hover');
    await page.keyboard.press('Escape');
    await eventually(() => cardText(page), (t) => t === null, 'closed by Esc');
    // The hand twitches on the same name: the card stays closed.
    await page.mouse.move(point.x + 2, point.y, { steps: 2 });
    await page.waitForTimeout(700);
    expect(await cardText(page)).toBeNull();
    // Off the name and back: it opens again.
    await page.mouse.move(point.x, point.y - 60, { steps: 3 });
    await page.waitForTimeout(100);
    await page.mouse.move(point.x, point.y, { steps: 3 });
    await eventually(() => cardText(page), (t) => !!t?.includes('Stephen Miller'), 'card again');
    await page.close();
  });

  it('does not blank the card while the pointer sweeps along a line of names', async () => {
    const page = await session.context.newPage();
    await page.goto(server.url(DENSE));
    await pageState(session, page);
    const first = await textCenter(page, 'Jeff Sessions');
    const last = await textCenter(page, 'Gene Hamilton');
    expect(last.y).toBe(first.y);
    await page.mouse.move(first.x, first.y, { steps: 2 });
    await eventually(() => cardText(page), (t) => !!t?.includes('Save note'), 'first card');
    // Record, in Backstory's world, every change of the card's heading (null: no card).
    await inContentScript(
      page,
      `(b) => {
        const root = b.shadowRoot();
        globalThis.__cards = [];
        const heading = () => root.querySelector('.floating .name')?.textContent ?? null;
        let was = heading();
        new MutationObserver(() => { const now = heading(); if (now !== was) globalThis.__cards.push(now); was = now; })
          .observe(root, { childList: true, subtree: true, characterData: true });
        return true;
      }`,
    );
    // Along the line at about 500 px/s: over four more names and the gaps between them, then rest.
    for (let x = first.x; x <= last.x; x += 10) {
      await page.mouse.move(x, first.y);
      await page.waitForTimeout(8);
    }
    await eventually(() => cardText(page), (t) => !!t?.includes('Gene P. Hamilton'), 'card for the name the pointer rests on');
    const cards = await inContentScript<Array<string | null>>(page, `() => globalThis.__cards`);
    expect(cards).not.toContain(null);
    await page.close();
  });
});
