/** mountPopup: the popup draws itself once the newest notes are in, or after a short wait when they are slow. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { render } from 'preact';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { summariesOf, useRoot } from '../notes/list-helpers';

const root = useRoot();
const notes = summariesOf(2, (i) => ({ pageUrl: `https://example.com/${i}`, pageTitle: `Story ${i}`, text: `Note ${i}` }));

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
  render(null, root());
  document.head.querySelectorAll('style').forEach((s) => s.remove());
});

/** A background whose reply to the first notes:list-summaries comes when `answer` is called. */
function slowBackground() {
  let answer: () => void = () => undefined;
  const asked: string[] = [];
  vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockImplementation(async (message: unknown) => {
    const type = (message as { type: string }).type;
    asked.push(type);
    if (type === 'notes:list-summaries' && asked.filter((t) => t === type).length === 1) {
      await new Promise<void>((resolve) => (answer = resolve));
      return { ok: true, value: notes };
    }
    return { ok: false, error: 'not in this test' };
  });
  return { asked, answer: () => answer() };
}

async function freshMount() {
  vi.resetModules();
  const { mountPopup } = await import('../../../../src/extension-pages/popup/mount');
  return mountPopup;
}

describe('mountPopup', () => {
  it('asks for the newest notes first and draws nothing until they are in', async () => {
    vi.useFakeTimers();
    const background = slowBackground();
    const mountPopup = await freshMount();
    mountPopup(root());
    expect(background.asked[0]).toBe('notes:list-summaries');
    await vi.advanceTimersByTimeAsync(20);
    expect(root().textContent).toBe('');
    background.answer();
    await vi.advanceTimersByTimeAsync(0);
    expect(root().querySelector('#tab-all')?.textContent).toContain('All notes');
  });

  it('draws itself after 50 ms when the notes are slow to come', async () => {
    vi.useFakeTimers();
    slowBackground();
    const mountPopup = await freshMount();
    mountPopup(root());
    await vi.advanceTimersByTimeAsync(49);
    expect(root().textContent).toBe('');
    await vi.advanceTimersByTimeAsync(1);
    expect(root().querySelector('#tab-page')?.textContent).toContain('This page');
  });
});
