/**
 * The notes list tells the truth about what it shows: export writes the notes the search and
 * filters show (with "Export all" apart), an empty filtered list names the filters and offers to
 * clear them, and an orphaned note is marked in All notes as in This page.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { Note } from '../../src/notes/model';
import { parseImport } from '../../src/notes/transfer';
import { useExtension } from './extension-fixture';
import { openExtensionPage, pageState, tabIdOf } from './harness';
import { generateNotes, generateNotesFile } from './note-fixtures';

const browser = useExtension();
const GENERATED = 60;

/** Sends a background request from an extension page, as the popup does. */
async function ask<T>(page: Page, type: string, payload: Record<string, unknown>): Promise<T> {
  const reply = await page.evaluate(async ({ type, payload }) => (globalThis as any).chrome.runtime.sendMessage({ type, ...payload }), { type, payload });
  if (!reply?.ok) throw new Error(`${type} failed: ${reply?.error}`);
  return reply.value as T;
}

async function exported(page: Page, menu: string): Promise<Note[]> {
  const download = page.waitForEvent('download');
  await page.getByRole('combobox', { name: menu }).selectOption('jsonld');
  const file = join(mkdtempSync(join(tmpdir(), 'backstory-list-')), 'notes.jsonld');
  await (await download).saveAs(file);
  const parsed = parseImport(readFileSync(file, 'utf8'));
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
  return parsed.notes;
}

describe('the notes list', () => {
  it('exports the notes it shows, and all of them from "Export all"', async () => {
    const popup = await openExtensionPage(browser.session, 'popup.html');
    await ask(popup, 'notes:import', { text: generateNotesFile(GENERATED) });
    const all = await ask<Note[]>(popup, 'notes:list-all', {});
    await popup.reload();
    await popup.getByRole('tab', { name: /All notes/ }).click();
    await popup.getByText(`${all.length} notes`, { exact: true }).waitFor();
    // With nothing filtered there is one menu, for every note.
    expect(await popup.getByRole('combobox', { name: /^Export/ }).count()).toBe(1);

    await popup.getByRole('combobox', { name: 'Filter by site' }).selectOption('news.example');
    const shown = all.filter((n) => new URL(n.target.source).host === 'news.example');
    expect(shown.length).toBeGreaterThan(0);
    expect(shown.length).toBeLessThan(all.length);
    await popup.getByText(`${shown.length} of ${all.length} notes`).waitFor();
    const fromShown = await exported(popup, 'Export the notes shown');
    expect(fromShown.map((n) => n.id).sort()).toEqual(shown.map((n) => n.id).sort());
    const fromAll = await exported(popup, 'Export all notes');
    expect(fromAll.length).toBe(all.length);
    await popup.close();
  });

  it('names the filters when none match, never an empty quote, and clears them', async () => {
    const notes = generateNotes(GENERATED);
    const hostOf = (n: Note) => new URL(n.target.source).host;
    const sites = [...new Set(notes.map(hostOf))];
    const names = [...new Set(notes.flatMap((n) => (n.entityName ? [n.entityName] : [])))];
    // A site and a name that no note has together.
    const pair = sites.flatMap((s) => names.map((e) => [s, e] as const)).find(([s, e]) => !notes.some((n) => hostOf(n) === s && n.entityName === e));
    expect(pair).toBeDefined();
    const [site, name] = pair!;

    const popup = await openExtensionPage(browser.session, 'popup.html');
    await popup.getByRole('tab', { name: /All notes/ }).click();
    await popup.getByRole('combobox', { name: 'Filter by site' }).selectOption(site);
    await popup.getByRole('combobox', { name: 'Filter by name' }).selectOption({ label: name });
    const empty = popup.locator('#panel-all .empty');
    await empty.getByText(`No notes match site ${site} and name ${name}.`).waitFor();
    expect(await empty.innerText()).not.toContain('“”');
    expect(await popup.getByRole('combobox', { name: 'Export the notes shown' }).isDisabled()).toBe(true);
    await empty.getByRole('button', { name: 'Clear filters' }).click();
    await popup.locator('#panel-all article.note').first().waitFor();
    expect(await popup.getByRole('combobox', { name: 'Filter by site' }).inputValue()).toBe('');
    expect(await popup.getByRole('combobox', { name: 'Filter by name' }).inputValue()).toBe('');
    await popup.close();
  });

  it('marks a note whose passage is not on the page as such in All notes too', async () => {
    const page = await browser.session.context.newPage();
    await page.goto(browser.server.url('/e2e/doj-unrelated.html'));
    const ext = await openExtensionPage(browser.session, 'options.html');
    const note = await ask<Note>(ext, 'notes:save', {
      draft: {
        pageUrl: page.url(),
        pageTitle: 'Antitrust story',
        selector: [{ type: 'TextQuoteSelector', exact: 'a sentence this page never had', prefix: '', suffix: '' }],
        text: 'Where did this passage go?',
        tags: [],
        motivation: 'commenting',
      },
    });
    await page.reload();
    await pageState(browser.session, page);
    const popup = await openExtensionPage(browser.session, `popup.html?tabId=${await tabIdOf(browser.session, page)}`);
    const onThisPage = popup.locator('#panel-page article.note', { hasText: note.body.text });
    await expect.poll(() => onThisPage.getByText(/Not found on the page/).count()).toBe(1);
    await popup.getByRole('tab', { name: /All notes/ }).click();
    const inAll = popup.locator('#panel-all article.note', { hasText: note.body.text });
    await expect.poll(() => inAll.getByText(/Not found on the page/).count()).toBe(1);
    await Promise.all([page.close(), ext.close(), popup.close()]);
  });
});
