/**
 * Browser-test helpers. The launcher, the fixture server and the page-state helpers live in
 * scripts/lib (the demo, the benchmark and the evaluation use them too) and are re-exported
 * here; what only the tests need is below.
 */
import type { Frame, Page } from 'playwright-core';
import { eventually, inContentScript } from '../../scripts/lib/extension-page';
import { currentWorker, type ExtensionSession } from '../../scripts/lib/browser';

export * from '../../scripts/lib/browser';
export * from '../../scripts/lib/extension-page';
export * from '../../scripts/lib/fixture-server';

/** Collects page errors (content-script errors reach pageerror in Chromium). */
export function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  return errors;
}

/** Changes settings through the background from an extension page (`ext`), as the options page does. */
export async function setSettings(ext: Page, patch: Record<string, unknown>): Promise<void> {
  const reply = await ext.evaluate((patch) => (globalThis as any).chrome.runtime.sendMessage({ type: 'settings:set', patch }), patch);
  if (!reply?.ok) throw new Error(`settings:set failed: ${reply?.error}`);
}


/** Backstory's note frame in `page` (the extension page in the card's shadow root). */
export async function noteFrame(page: Page, timeoutMs = 6000): Promise<Frame> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    // The one showing something, when a page holds more than one (the card UI made anew after new settings).
    const frames = page.frames().filter((f) => !f.isDetached() && /^(chrome|moz)-extension:\/\/[^/]+\/note-frame\.html/.test(f.url()));
    for (const frame of frames) {
      if (await frame.evaluate(() => (document.getElementById('app')?.childElementCount ?? 0) > 0).catch(() => false)) return frame;
    }
    if (frames.length > 0 && Date.now() > until - timeoutMs / 2) return frames[frames.length - 1]!;
    if (Date.now() > until) throw new Error('no note frame in the page');
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** What has keyboard focus inside the note frame (its tag), or null when the frame does not have it. */
export async function noteFrameFocus(page: Page): Promise<string | null> {
  const frameFocused = await inContentScript<boolean>(page, `(b) => b.shadowRoot()?.activeElement?.localName === 'iframe'`);
  if (!frameFocused) return null;
  return (await noteFrame(page)).evaluate(() => document.activeElement?.localName ?? null);
}

/** The note frame's visible text ('' when it shows nothing). */
export async function noteFrameText(page: Page): Promise<string> {
  return (await noteFrame(page)).evaluate(() => document.body.innerText.trim());
}

/** Waits until the note editor's text box, in the note frame, has keyboard focus. */
export async function waitForNoteEditor(page: Page): Promise<void> {
  await eventually(() => noteFrameFocus(page), (tag) => tag === 'textarea', 'focus in the note text box (in the note frame)');
}

/** The toolbar badge of a tab, as the browser shows it. */
export async function badgeOf(session: ExtensionSession, tabId: number): Promise<string> {
  const worker = await currentWorker(session);
  return worker.evaluate((tabId) => (globalThis as any).chrome.action.getBadgeText({ tabId }), tabId);
}
