/**
 * A hostile page tries to read the reader's notes (issue 18), in Chromium. The page carries a
 * spy in its main world (note-spy.ts). A note is typed on a card, another on a selected passage,
 * both saved, then shown and edited in place through the note popover; the spy must end with no
 * word of either note and no range of the noted passage. The same spy does see typing in a
 * plain page input, so its silence means something. Firefox: firefox.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { selectParagraph } from './select-paragraph';
import type { Page } from 'playwright-core';
import { useExtension } from './extension-fixture';
import {
  cardText,
  eventually,
  inContentScript,
  noteFrame,
  noteFrameText,
  pageState,
  sendToTab,
  shadowElementCenter,
  textCenter,
  waitForNoteEditor,
} from './harness';
import { SPY_EDIT, SPY_NOTE, SPY_SCRIPT, SPY_WORDS, expectNoNoteIn as expectNone, spyText, type SpyEvent } from './note-spy';

const browser = useExtension();
const COVERED = '/e2e/covered-article.html';
/** Distinctive words: none is on the page or in the pack. */
const CARD_NOTE = 'Quokka marmalade xylophone';
const PASSAGE_NOTE = SPY_NOTE;
const EDIT = SPY_EDIT;
const WORDS = ['Quokka', 'marmalade', 'xylophone', ...SPY_WORDS];

const spy = <T,>(page: Page, call: string) => page.evaluate(call) as Promise<T>;
const spyLog = (page: Page) => spy<SpyEvent[]>(page, 'window.__spy.log.slice()');

const expectNoNoteIn = (what: string, text: string) => expectNone(what, text, WORDS);

describe('a page spying on the reader', () => {
  it('sees typing in its own input, and no character of a note typed, saved, shown and edited in Backstory', async () => {
    const page = await browser.session.context.newPage();
    await page.addInitScript(SPY_SCRIPT);
    await page.goto(browser.server.url(COVERED));
    await pageState(browser.session, page);
    const before = await spy<Array<{ name: string; text: string }>>(page, 'window.__spy.highlights()');

    // The spy works: typing in a plain input of the page is seen, key by key.
    await page.evaluate(() => {
      const input = document.createElement('input');
      input.id = 'spy-control';
      document.body.prepend(input);
      input.focus();
    });
    await page.keyboard.type('plainzebra');
    const control = await spyLog(page);
    expect(control.filter((e) => e.type === 'keydown' && e.on === 'window').map((e) => e.key).join('')).toBe('plainzebra');
    expect(control.some((e) => e.type === 'input' && e.data === 'a')).toBe(true);
    await page.evaluate(() => document.getElementById('spy-control')!.remove());
    await spy(page, 'window.__spy.clear()');

    // 1. A note on a card: typed, selected, copied and saved.
    const name = await textCenter(page, 'Gene Hamilton');
    await page.mouse.move(name.x, name.y, { steps: 3 });
    await eventually(async () => (await cardText(page)) ?? '', (t) => t.includes('Save note'), 'the card');
    const save = await shadowElementCenter(page, '.actions button.primary', 'Save note');
    await page.mouse.click(save.x, save.y);
    await waitForNoteEditor(page);
    await page.keyboard.type(CARD_NOTE);
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Control+C');
    // While the editor is open, the page probes where the card is and what has focus.
    const slot = await shadowElementCenter(page, '.frame-slot');
    const probe = await spy<Record<string, unknown>>(page, `window.__spy.probe(${slot.x}, ${slot.y})`);
    expectNoNoteIn('activeElement / elementFromPoint', JSON.stringify(probe));
    expect(probe).toMatchObject({ active: { tag: 'backstory-ui', shadow: null, frames: 0 }, hit: { tag: 'backstory-ui', shadow: null } });
    expectNoNoteIn('the page’s selection', await spy<string>(page, 'window.__spy.selection()'));
    expect(await spy<boolean[]>(page, `window.__spy.find(${JSON.stringify(WORDS.slice(0, 3))})`)).toEqual([false, false, false]);
    await page.keyboard.press('Control+Enter');
    await eventually(async () => (await cardText(page)) ?? '', (t) => t.includes('Note saved'), 'Note saved');
    await page.keyboard.press('Escape');

    // 2. A note on a selected passage.
    await page.evaluate(selectParagraph, { includes: 'Executive Order 13841' });
    const passage = await page.evaluate(() => getSelection()!.toString().trim());
    await sendToTab(browser.session, page, { type: 'backstory:note-selection' });
    await waitForNoteEditor(page);
    await page.keyboard.type(PASSAGE_NOTE);
    await page.keyboard.press('Control+Enter');
    await eventually(() => cardText(page), (t) => t === null, 'the editor closed');
    await page.evaluate(() => getSelection()!.removeAllRanges());

    // 3. Shown: the noted passage, hovered, shows the note in the popover; edited in place.
    await eventually(() => inContentScript<number>(page, `(b) => b.shadowRoot().querySelectorAll('.marks > .note').length`), (n) => n > 0, 'the noted passage drawn');
    const noted = await textCenter(page, 'Executive Order 13841');
    await page.mouse.move(noted.x + 30, noted.y, { steps: 3 });
    await eventually(() => noteFrameText(page).catch(() => ''), (t) => t.includes(PASSAGE_NOTE), 'the note shown on hover');
    expect(await spy<boolean[]>(page, `window.__spy.find(${JSON.stringify(WORDS.slice(3, 6))})`)).toEqual([false, false, false]);
    const frame = await noteFrame(page);
    await frame.getByRole('button', { name: 'Edit' }).click();
    await waitForNoteEditor(page);
    await page.keyboard.press('End');
    await page.keyboard.type(EDIT);
    await page.keyboard.press('Control+Enter');
    await eventually(() => noteFrameText(page), (t) => t.includes(`${PASSAGE_NOTE}${EDIT}`), 'the edited note shown');
    expect(await spy<boolean[]>(page, `window.__spy.find(["zeppelin"])`)).toEqual([false]);

    // The spy's whole record: no word of either note, no key typed into the frame.
    const log = await spyLog(page);
    expectNoNoteIn('the spy’s events', spyText(log));
    const typed = log.filter((e) => ['keydown', 'keypress', 'keyup', 'beforeinput', 'input', 'textInput'].includes(e.type) && e.key.length === 1);
    expect(typed, 'single characters the page saw typed').toEqual([]);
    expect(log.filter((e) => ['copy', 'cut', 'paste'].includes(e.type))).toEqual([]);
    // The registry holds the names it held before any note: no noted passage, no note name.
    const after = await spy<Array<{ name: string; text: string }>>(page, 'window.__spy.highlights()');
    expect(after.map((h) => h.text).sort()).toEqual(before.map((h) => h.text).sort());
    expect(after.some((h) => h.text.includes(passage.slice(0, 40)))).toBe(false);
    expectNoNoteIn('the page’s own text', await spy<string>(page, 'window.__spy.bodyText()'));
    // The note frame's address is not in the page's resource timing.
    expect((await spy<string[]>(page, 'window.__spy.resources()')).filter((u) => /extension:/.test(u))).toEqual([]);
    await page.close();
  });
});
