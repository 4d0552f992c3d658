/** Settings persistence (src/settings/store.ts): WXT's storage item in storage.sync, under the key readers already have. */
import { describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { DEFAULT_SETTINGS } from '../../../src/settings/settings';
import { readSettings, watchSettings, writeSettings } from '../../../src/settings/store';

describe('settings store', () => {
  it('reads the defaults when nothing is stored', async () => {
    expect(await readSettings()).toEqual(DEFAULT_SETTINGS);
  });

  it('reads settings stored under the existing sync key, coerced', async () => {
    await browser.storage.sync.set({ 'backstory:settings': { paused: true, highlightStyle: 'neon', disabledSites: ['a.example', 7] } });
    expect(await readSettings()).toEqual({ ...DEFAULT_SETTINGS, paused: true, disabledSites: ['a.example'] });
  });

  it('merges a patch into the stored settings and writes the whole shape to sync', async () => {
    await writeSettings({ disabledSites: ['a.example'] });
    const next = await writeSettings({ firstMentionOnly: true });
    expect(next).toEqual({ ...DEFAULT_SETTINGS, disabledSites: ['a.example'], firstMentionOnly: true });
    expect((await browser.storage.sync.get('backstory:settings'))['backstory:settings']).toEqual(next);
    expect(await browser.storage.local.get(null)).toEqual({});
  });

  it('tells a watcher each change, coerced, until it unwatches', async () => {
    const seen = vi.fn();
    const unwatch = watchSettings(seen);
    await writeSettings({ paused: true });
    await vi.waitFor(() => expect(seen).toHaveBeenCalledWith({ ...DEFAULT_SETTINGS, paused: true }));
    // A value written by another version of Backstory (a synced browser) arrives coerced.
    await browser.storage.sync.set({ 'backstory:settings': { paused: false, highlightStyle: 'background', extra: 1 } });
    await vi.waitFor(() => expect(seen).toHaveBeenLastCalledWith({ ...DEFAULT_SETTINGS, highlightStyle: 'background' }));
    unwatch();
    await writeSettings({ paused: true });
    expect(seen).toHaveBeenCalledTimes(2);
  });
});
