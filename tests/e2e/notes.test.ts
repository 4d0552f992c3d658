/**
 * Notes as a reader keeps them: "view in context" from the popup, live updates across
 * views, two tabs saving at once, orphans that are listed rather than lost, and export →
 * import through the notes page (10,000 notes, exactly; malformed files refused with
 * nothing changed; a file that would replace notes asks first, and the old versions come back).
 */
import { describe, expect, it } from 'vitest';
import { useExtension } from './extension-fixture';
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import {
  inContentScript,
  launchWithExtension,
  openExtensionPage,
  pageState,
  tabIdOf,
  waitForNoteEditor,
  cardText,
  eventually,
  noteFrame,
  noteFrameText,
  textCenter,
} from './harness';
import { generateNotes, generateNotesFile } from './note-fixtures';
import { selectParagraph } from './select-paragraph';
import type { Note } from '../../src/notes/model';
import { exportJsonLd, parseImport } from '../../src/notes/transfer';

const COVERED = '/e2e/covered-article.html';
/** Served at /e2e/changing.html: the page text, which a test can change between visits. */
let changingText = '';
const browser = useExtension({
  server: {
    dynamic: (path) =>
      path === '/e2e/changing.html'
        ? `<!doctype html><html><head><title>Changing page</title></head><body><article><p>${changingText}</p></article></body></html>`
        : undefined,
  },
});

/** Sends a background request from an extension page, as the popup does. */
async function ask<T>(page: Page, type: string, payload: Record<string, unknown>): Promise<T> {
  const reply = await page.evaluate(
    async ({ type, payload }) => (globalThis as any).chrome.runtime.sendMessage({ type, ...payload }),
    { type, payload },
  );
  if (!reply?.ok) throw new Error(`${type} failed: ${reply?.error}`);
  return reply.value as T;
}

async function selectionNote(page: Page, paragraphIncludes: string, text: string): Promise<void> {
  await page.evaluate(selectParagraph, { includes: paragraphIncludes, among: 'p' });
  const { sendToTab } = await import('./harness');
  // Keys go to the focused frame of the tab in front.
  await page.bringToFront();
  await sendToTab(browser.session, page, { type: 'backstory:note-selection' });
  // The editor (in the note frame) focuses its text box itself; type only once it has, and wait for the save.
  await waitForNoteEditor(page);
  await page.keyboard.type(text);
  await page.keyboard.press('Control+Enter');
  await expect
    .poll(() => inContentScript<boolean>(page, `(b) => !b.shadowRoot()?.querySelector('.floating')`), { timeout: 8000 })
    .toBe(true);
}

describe('notes in the browser', () => {
  it('opens a note’s page from the popup and flashes its passage', async () => {
    const page = await browser.session.context.newPage();
    await page.goto(browser.server.url(COVERED));
    await pageState(browser.session, page);
    await selectionNote(page, 'Homeland Security Secretary', 'Check the options memo.');
    const popup = await openExtensionPage(browser.session, `popup.html?tabId=${await tabIdOf(browser.session, page)}`);
    await popup.getByRole('tab', { name: /All notes/ }).click();
    const row = popup.locator('article.note', { hasText: 'Check the options memo.' });
    const opened = browser.session.context.waitForEvent('page');
    await row.getByRole('button', { name: 'Open' }).click();
    const target = await opened;
    await target.waitForLoadState();
    expect(target.url()).toBe(browser.server.url(COVERED));
    await expect
      .poll(() => inContentScript<boolean>(target, `(b) => !!b.shadowRoot()?.querySelector('.marks > .flash')`), { timeout: 8000 })
      .toBe(true);
    // Drawn in the closed shadow root: the page's highlight registry never holds a noted passage.
    expect(await target.evaluate(() => [...(CSS as any).highlights.keys()].some((k: string) => /note|flash/.test(k)))).toBe(false);
    await Promise.all([page.close(), popup.close(), target.close()]);
  });

  it('shows a noted passage’s note first, offers the card of the name in it, and edits and deletes it in place with undo', async () => {
    const page = await browser.session.context.newPage();
    await page.goto(browser.server.url(COVERED));
    await pageState(browser.session, page);
    const note = `Popover check ${Date.now()}`;
    await selectionNote(page, 'Homeland Security Secretary', note);
    await page.evaluate(() => getSelection()!.removeAllRanges());
    // The pointer on a name inside the noted passage: the note comes first, in the note frame.
    const name = await textCenter(page, 'Kirstjen Nielsen');
    // Drawn once in view (boxes are drawn for the lines on screen only).
    await eventually(() => inContentScript<number>(page, `(b) => b.shadowRoot().querySelectorAll('.marks > .note').length`), (n) => n > 0, 'the passage drawn');
    await page.mouse.move(name.x, name.y, { steps: 3 });
    await eventually(() => noteFrameText(page).catch(() => ''), (t) => t.includes(note), 'the note on hover');
    const frame = await noteFrame(page);
    // The passage holds a name: the note offers its card.
    await frame.getByRole('button', { name: /^About Kirstjen .*Nielsen ›$/ }).waitFor({ timeout: 6000 });
    // Delete, then Undo: the note is back in the store.
    await frame.getByRole('button', { name: 'Delete' }).click();
    await frame.getByText('Note deleted.').waitFor();
    const extPage = await openExtensionPage(browser.session, 'options.html');
    const stored = async () => (await ask<Array<{ body: { text: string } }>>(extPage, 'notes:list-all', {})).filter((n) => n.body.text.startsWith(note));
    await expect.poll(stored).toHaveLength(0);
    await frame.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(async () => (await stored()).length).toBe(1);
    // Edit in place.
    await frame.getByRole('button', { name: 'Edit' }).click();
    await waitForNoteEditor(page);
    await page.keyboard.press('End');
    await page.keyboard.type(' (edited)');
    await page.keyboard.press('Control+Enter');
    await expect.poll(async () => (await stored())[0]?.body.text).toBe(`${note} (edited)`);
    // "About <name> ›": the name's card opens where the note was.
    await frame.getByRole('button', { name: /^About Kirstjen/ }).click();
    await eventually(() => cardText(page), (t) => !!t?.includes('Nielsen') && t.includes('Save note'), 'the name’s card');
    await Promise.all([page.close(), extPage.close()]);
  });

  it('updates an open popup live when a tab saves a note', async () => {
    const page = await browser.session.context.newPage();
    await page.goto(browser.server.url(COVERED));
    await pageState(browser.session, page);
    const popup = await openExtensionPage(browser.session, `popup.html?tabId=${await tabIdOf(browser.session, page)}`);
    await popup.getByRole('tab', { name: /All notes/ }).click();
    await selectionNote(page, 'Senator Richard J. Durbin', 'Live update check.');
    await popup.getByText('Live update check.').waitFor({ timeout: 5000 });
    await Promise.all([page.close(), popup.close()]);
  });

  it('loses nothing when two tabs save at the same time', async () => {
    const a = await openExtensionPage(browser.session, 'notes.html');
    const b = await openExtensionPage(browser.session, 'notes.html');
    const before = (await ask<unknown[]>(a, 'notes:list-all', {})).length;
    const save = (page: Page, prefix: string) =>
      page.evaluate(async (prefix) => {
        const chrome = (globalThis as any).chrome;
        const replies = await Promise.all(
          Array.from({ length: 40 }, (_, i) =>
            chrome.runtime.sendMessage({
              type: 'notes:save',
              draft: { pageUrl: `https://news.example/story-${i}`, pageTitle: 'Story', text: `${prefix} ${i}`, tags: [] },
            }),
          ),
        );
        return replies.filter((r: any) => r?.ok).length;
      }, prefix);
    const [savedA, savedB] = await Promise.all([save(a, 'tab A'), save(b, 'tab B')]);
    expect(savedA + savedB).toBe(80);
    const after = await ask<Array<{ body: { text: string } }>>(a, 'notes:list-all', {});
    expect(after.length - before).toBe(80);
    expect(after.filter((n) => n.body.text.startsWith('tab A')).length).toBe(40);
    await Promise.all([a.close(), b.close()]);
  });

  it('lists a note whose passage left the page as an orphan, never dropping it', async () => {
    changingText = 'The Flores settlement of 1997 set standards for the care of children held in immigration custody.';
    const page = await browser.session.context.newPage();
    await page.goto(browser.server.url('/e2e/changing.html'));
    await pageState(browser.session, page);
    await selectionNote(page, 'Flores settlement', 'About the 1997 settlement.');
    const ext = await openExtensionPage(browser.session, 'notes.html');
    await expect.poll(async () => (await ask<Array<{ body: { text: string } }>>(ext, 'notes:list-all', {})).some((n) => n.body.text === 'About the 1997 settlement.')).toBe(true);
    changingText = 'This page now says something else entirely about the weather in the mountains this weekend.';
    await page.reload();
    await pageState(browser.session, page);
    const popup = await openExtensionPage(browser.session, `popup.html?tabId=${await tabIdOf(browser.session, page)}`);
    const row = popup.locator('article.note', { hasText: 'About the 1997 settlement.' });
    await row.waitFor();
    await expect.poll(() => row.getByText(/Not found on the page/).count()).toBe(1);
    expect(await row.textContent()).toContain('The Flores settlement of 1997');
    await Promise.all([page.close(), popup.close(), ext.close()]);
  });
});

describe('a popup with thousands of notes', () => {
  it('paints the newest at once, then searches, scrolls, selects, edits and deletes across every note', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'backstory-many-'));
    const file = join(dir, 'notes.jsonld');
    writeFileSync(file, generateNotesFile(3_000));
    const session = await launchWithExtension();
    try {
      const notesPage = await openExtensionPage(session, 'notes.html');
      await notesPage.setInputFiles('input[type=file]', file);
      await notesPage.getByText('Imported 3000 notes.').waitFor({ timeout: 60_000 });
      // The notes page re-reads on the import: every note, newest (note 2999) first.
      await notesPage.getByText('3000 notes', { exact: true }).waitFor({ timeout: 30_000 });
      await notesPage.locator('article.note').first().getByText('Note 2999:').waitFor();

      const popup = await openExtensionPage(session, 'popup.html');
      await popup.getByRole('tab', { name: /All notes/ }).click();
      await popup.locator('#panel-all article.note').first().getByText('Note 2999:').waitFor();
      await popup.getByRole('tab', { name: 'All notes (3000)' }).waitFor();
      await popup.locator('#panel-all .count').getByText('3000 notes', { exact: true }).waitFor({ timeout: 30_000 });

      // Search reaches the oldest note, far past the first page.
      const search = popup.getByRole('searchbox', { name: 'Search notes' });
      await search.fill('"note 0:"');
      await popup.locator('#panel-all .count').getByText('1 of 3000 notes').waitFor();
      const oldest = popup.locator('#panel-all article.note');
      expect(await oldest.count()).toBe(1);
      expect(await oldest.textContent()).toContain('Note 0: check the');

      // Edit it in place: it shows the new text at once and becomes the newest note.
      await oldest.getByRole('button', { name: 'Edit' }).click();
      await oldest.getByRole('textbox').first().fill('Note 0: edited in the popup.');
      await oldest.getByRole('button', { name: 'Save note' }).click();
      await popup.locator('#panel-all article.note', { hasText: 'Note 0: edited in the popup.' }).waitFor();
      await search.fill('');
      await expect.poll(() => popup.locator('#panel-all article.note').first().textContent(), { timeout: 15_000 }).toContain('Note 0: edited in the popup.');

      // Scrolling the virtual list reaches the oldest note left (note 1).
      await popup.locator('#panel-all .vscroll').evaluate((el) => (el.scrollTop = el.scrollHeight));
      await popup.locator('#panel-all article.note', { hasText: 'Note 1: check the' }).waitFor();

      // Select all covers every note, not just the first page.
      await popup.locator('#panel-all .vscroll').evaluate((el) => (el.scrollTop = 0));
      await popup.getByRole('button', { name: 'Select all' }).click();
      await popup.locator('#panel-all .count').getByText('3000 notes · 3000 selected').waitFor();
      await popup.getByRole('button', { name: 'Clear selection' }).click();

      // Delete with undo.
      await popup.locator('#panel-all article.note').first().getByRole('button', { name: 'Delete' }).click();
      await popup.locator('#panel-all .count').getByText('2999 notes', { exact: true }).waitFor({ timeout: 15_000 });
      expect(await popup.locator('#panel-all article.note', { hasText: 'Note 0: edited in the popup.' }).count()).toBe(0);
      await popup.getByRole('button', { name: 'Undo' }).click();
      await popup.locator('#panel-all .count').getByText('3000 notes', { exact: true }).waitFor({ timeout: 15_000 });
      await popup.locator('#panel-all article.note').first().getByText('Note 0: edited in the popup.').waitFor();
      // The notes page followed all of it live.
      await notesPage.locator('article.note').first().getByText('Note 0: edited in the popup.').waitFor({ timeout: 15_000 });
    } finally {
      await session.close();
    }
  }, 180_000);
});

describe('the notes list', () => {
  it('fits each row to its note: a short note leaves no blank band, and rows follow one another', async () => {
    const [long, short, plain] = generateNotes(3, 7);
    // Newest first: a long note (quote, two lines of text, tags), a short one (a page note: no quote,
    // one line, no tags), then an ordinary one.
    const notes: Note[] = [
      { ...long!, body: { text: `${'A long note that runs well past one line of the popup. '.repeat(3)}`, tags: ['court', 'follow-up'] }, modified: '2026-01-03T00:00:00.000Z' },
      { ...short!, target: { ...short!.target, selector: [] }, body: { text: 'Short note.', tags: [] }, modified: '2026-01-02T00:00:00.000Z' },
      { ...plain!, modified: '2026-01-01T00:00:00.000Z' },
    ];
    const session = await launchWithExtension();
    try {
      const popup = await openExtensionPage(session, 'popup.html');
      await popup.setViewportSize({ width: 420, height: 600 });
      await ask(popup, 'notes:import', { text: exportJsonLd(notes) });
      await popup.reload();
      await popup.getByRole('tab', { name: /All notes/ }).click();
      await popup.locator('#panel-all article.note', { hasText: 'Short note.' }).waitFor();
      const rows = await popup.locator('#panel-all .vrow').evaluateAll((els) =>
        els.map((row) => {
          const box = (el: Element | null) => el!.getBoundingClientRect();
          const note = row.querySelector('article.note');
          return {
            text: note!.querySelector('.note-body')!.textContent,
            top: box(row).top,
            bottom: box(row).bottom,
            noteBottom: box(note).bottom,
            actionsBottom: box(note!.querySelector('.note-actions')).bottom,
          };
        }),
      );
      expect(rows.map((r) => r.text)).toEqual([notes[0]!.body.text, 'Short note.', notes[2]!.body.text]);
      for (const [i, row] of rows.entries()) {
        // Below the buttons: the card's padding and border (7 px), no more.
        expect(row.noteBottom - row.actionsBottom, `row ${i}`).toBeLessThanOrEqual(8);
        // Below the card: the 6 px gap between rows.
        expect(row.bottom - row.noteBottom, `row ${i}`).toBeCloseTo(6, 0);
        if (i > 0) expect(row.top, `row ${i}`).toBeCloseTo(rows[i - 1]!.bottom, 0);
      }
      const height = (r: (typeof rows)[number]) => r.bottom - r.top;
      expect(height(rows[1]!)).toBeLessThan(height(rows[0]!) - 30);
    } finally {
      await session.close();
    }
  });
});

describe('export and import', () => {
  it('refuses a malformed file with a message and changes nothing', async () => {
    const ext = await openExtensionPage(browser.session, 'notes.html');
    const before = await ask<unknown[]>(ext, 'notes:list-all', {});
    const dir = mkdtempSync(join(tmpdir(), 'backstory-import-'));
    const bad = join(dir, 'broken.json');
    writeFileSync(bad, '{"type": "AnnotationCollection", "first": {"items": [ {"type": "Annotation", ');
    await ext.setInputFiles('input[type=file]', bad);
    await ext.getByRole('alert').filter({ hasText: /can’t be imported|not valid JSON|JSON/ }).waitFor();
    expect(await ext.getByRole('alert').textContent()).toMatch(/Nothing was imported/);
    expect(await ask<unknown[]>(ext, 'notes:list-all', {})).toEqual(before);
    await ext.close();
  });

  it('asks before an import replaces notes, replaces them only on yes, and puts the old versions back', async () => {
    const ext = await openExtensionPage(browser.session, 'notes.html');
    const mine = await ask<Note>(ext, 'notes:save', {
      draft: { pageUrl: 'https://news.example/replace-me', pageTitle: 'Mine', text: 'my own words', tags: [] },
    });
    const theirs: Note = { ...mine, body: { text: 'words from the file', tags: [] }, modified: '2030-01-01T00:00:00.000Z' };
    const dir = mkdtempSync(join(tmpdir(), 'backstory-replace-'));
    const file = join(dir, 'newer.jsonld');
    writeFileSync(file, exportJsonLd([theirs]));
    const stored = async () => (await ask<Note[]>(ext, 'notes:list-all', {})).find((n) => n.id === mine.id)?.body.text;

    await ext.setInputFiles('input[type=file]', file);
    const question = ext.getByRole('alertdialog');
    await question.waitFor();
    expect(await question.textContent()).toContain('1 note in this file would replace an existing one');
    await ext.getByRole('button', { name: 'Cancel' }).click();
    expect(await stored()).toBe('my own words');

    await ext.setInputFiles('input[type=file]', file);
    await ext.getByRole('button', { name: 'Import and replace' }).click();
    await ext.getByText('Imported 0 notes; replaced 1 with newer copies.').waitFor();
    expect(await stored()).toBe('words from the file');

    await ext.getByRole('button', { name: 'Restore the 1 replaced note' }).click();
    await ext.getByText('Put back 1 note as it was before the import.').waitFor();
    expect(await stored()).toBe('my own words');
    await ask(ext, 'notes:delete', { ids: [mine.id] });
    await ext.close();
  });

  it('exports 10,000 notes and imports them into an empty profile exactly; importing twice adds nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'backstory-export-'));
    const source = join(dir, 'source.jsonld');
    writeFileSync(source, generateNotesFile(10_000));
    const original = parseImport(readFileSync(source, 'utf8'));
    if (!original.ok) throw new Error(original.errors.join('\n'));

    // Into a fresh profile, through the notes page's file input.
    const first = await launchWithExtension();
    try {
      const ext = await openExtensionPage(first, 'notes.html');
      await ext.setInputFiles('input[type=file]', source);
      await ext.getByText('Imported 10000 notes.').waitFor({ timeout: 60_000 });
      await ext.setInputFiles('input[type=file]', source);
      await ext.getByText(/Imported 0 notes; 10000 already here, skipped\./).waitFor({ timeout: 60_000 });
      expect((await ask<unknown[]>(ext, 'notes:list-all', {})).length).toBe(10_000);

      // Export from the page, as a reader would: a download.
      const download = ext.waitForEvent('download');
      await ext.getByRole('combobox', { name: 'Export all notes' }).selectOption('jsonld');
      const file = join(dir, 'exported.jsonld');
      await (await download).saveAs(file);
      const exported = parseImport(readFileSync(file, 'utf8'));
      if (!exported.ok) throw new Error(exported.errors.join('\n'));
      expect(sortById(exported.notes)).toEqual(sortById(original.notes));

      // And into another empty profile: every note reproduced exactly.
      const second = await launchWithExtension();
      try {
        const ext2 = await openExtensionPage(second, 'notes.html');
        await ext2.setInputFiles('input[type=file]', file);
        await ext2.getByText('Imported 10000 notes.').waitFor({ timeout: 60_000 });
        const stored = await ask<unknown[]>(ext2, 'notes:list-all', {});
        expect(sortById(stored as any)).toEqual(sortById(original.notes));
      } finally {
        await second.close();
      }
    } finally {
      await first.close();
    }
  }, 300_000);
});

function sortById<T extends { id: string }>(notes: T[]): T[] {
  return [...notes].sort((a, b) => a.id.localeCompare(b.id));
}
