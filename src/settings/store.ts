/** Settings persistence: `storage.sync` where the browser has it (follows the reader), else `storage.local`. */
import { browser } from 'wxt/browser';
import { coerceSettings, type Settings } from './settings';

const KEY = 'backstory:settings';

function area() {
  return browser.storage.sync ?? browser.storage.local;
}

export async function readSettings(): Promise<Settings> {
  try {
    const stored = await area().get(KEY);
    return coerceSettings(stored[KEY]);
  } catch {
    const stored = await browser.storage.local.get(KEY);
    return coerceSettings(stored[KEY]);
  }
}

export async function writeSettings(patch: Partial<Settings>): Promise<Settings> {
  const next = coerceSettings({ ...(await readSettings()), ...patch });
  try {
    await area().set({ [KEY]: next });
  } catch {
    await browser.storage.local.set({ [KEY]: next });
  }
  return next;
}
