/**
 * broadcast (src/background/broadcast.ts): every tab hears a change, but only the tabs a
 * notes change is about are woken (their idle loader has no listener yet).
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { broadcast, broadcastSettingsChanges } from '../../../src/background/broadcast';
import { writeSettings } from '../../../src/settings/store';

function fakeTabs(tabs: Array<{ id: number; url: string; listening: boolean }>) {
  const delivered: Array<[number, string]> = [];
  vi.spyOn(browser.runtime, 'sendMessage').mockResolvedValue(undefined as never);
  vi.spyOn(browser.tabs, 'query').mockResolvedValue(tabs as never);
  vi.spyOn(browser.tabs, 'sendMessage').mockImplementation((async (tabId: number, message: { type: string }) => {
    const tab = tabs.find((t) => t.id === tabId)!;
    if (!tab.listening) throw new Error('Could not establish connection. Receiving end does not exist.');
    delivered.push([tabId, message.type]);
    return null;
  }) as never);
  const executeScript = vi.fn(async ({ target }: { target: { tabId: number } }) => {
    tabs.find((t) => t.id === target.tabId)!.listening = true;
    return [{ frameId: 0, result: true }];
  });
  (browser as unknown as { scripting: unknown }).scripting = { executeScript };
  return { delivered, executeScript };
}

afterEach(() => {
  vi.restoreAllMocks();
  delete (browser as unknown as { scripting?: unknown }).scripting;
});

describe('broadcast', () => {
  it('wakes only the idle tabs showing a page whose notes changed', async () => {
    const { delivered, executeScript } = fakeTabs([
      { id: 1, url: 'https://news.example/story?utm_source=x#top', listening: false },
      { id: 2, url: 'https://news.example/other', listening: false },
      { id: 3, url: 'https://covered.example/article', listening: true },
    ]);
    await broadcast({ type: 'backstory:notes-changed', urls: ['https://news.example/story'] });
    expect(executeScript.mock.calls.map(([o]) => o.target.tabId)).toEqual([1]);
    expect(delivered.sort()).toEqual([
      [1, 'backstory:notes-changed'],
      [3, 'backstory:notes-changed'],
    ]);
  });

  it('never wakes a tab for a settings change', async () => {
    const { delivered, executeScript } = fakeTabs([
      { id: 1, url: 'https://news.example/story', listening: false },
      { id: 3, url: 'https://covered.example/article', listening: true },
    ]);
    await broadcast({ type: 'backstory:settings-changed', settings: {} as never });
    expect(executeScript).not.toHaveBeenCalled();
    expect(delivered).toEqual([[3, 'backstory:settings-changed']]);
  });

  it('tells the listening tabs when the stored settings change', async () => {
    const { delivered } = fakeTabs([{ id: 3, url: 'https://covered.example/article', listening: true }]);
    const stop = broadcastSettingsChanges();
    await writeSettings({ paused: true });
    await vi.waitFor(() => expect(delivered).toEqual([[3, 'backstory:settings-changed']]));
    stop();
  });
});
