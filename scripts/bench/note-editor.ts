/**
 * "Save note" → the note editor ready: the time from the click on a card's "Save note" to the
 * note frame having rendered the editor and taken focus (PageUi's `editorReadyMs`, read through
 * the debug handle). The frame is made, hidden, when the card UI is readied, so this is a
 * message to the frame, its render and its answer.
 */
import type { Page } from 'playwright-core';
import type { ExtensionSession } from '../lib/browser';
import { cardText, eventually, inContentScript, pageState, shadowElementCenter, textCenter } from '../lib/extension-page';
import { median } from './stats';

export interface NoteEditorResult {
  runs: number[];
  readyMs: number;
}

export async function measureNoteEditor(session: ExtensionSession, page: Page, url: string, runs: number): Promise<NoteEditorResult> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    await page.goto(url);
    const first = (await pageState(session, page)).mentions[0];
    if (!first) throw new Error(`no name highlighted on ${url}`);
    // The card UI readies itself once the page is idle; let it.
    await page.waitForTimeout(500);
    const name = await textCenter(page, first.text);
    await page.mouse.move(name.x, name.y, { steps: 3 });
    await eventually(async () => (await cardText(page)) ?? '', (t) => t.includes('Save note'), 'the card');
    const save = await shadowElementCenter(page, '.actions button.primary', 'Save note');
    await page.mouse.click(save.x, save.y);
    const ms = await eventually(
      () => inContentScript<number | null>(page, '(b) => b.perf().then((p) => p.noteEditorReadyMs ?? null)'),
      (v) => v !== null,
      'the note editor ready',
    );
    times.push(ms!);
    await page.keyboard.press('Escape');
  }
  return { runs: times, readyMs: median(times) };
}
