/**
 * Settings persistence through WXT's storage item, in `storage.sync` so they follow the reader
 * to their other browsers. The key and the stored shape are the ones written before, so a
 * reader's saved settings keep working; every read goes through coerceSettings because a
 * synced value may come from another version of Backstory.
 */
import { storage } from 'wxt/utils/storage';
import { coerceSettings, DEFAULT_SETTINGS, type Settings } from './settings';

const settingsItem = storage.defineItem<Settings>('sync:backstory:settings', { fallback: DEFAULT_SETTINGS });

export async function readSettings(): Promise<Settings> {
  return coerceSettings(await settingsItem.getValue());
}

export async function writeSettings(patch: Partial<Settings>): Promise<Settings> {
  const next = coerceSettings({ ...(await readSettings()), ...patch });
  await settingsItem.setValue(next);
  return next;
}

/** Calls `onChange` with the new settings whenever they change, here or in a synced browser; returns the unwatch. */
export function watchSettings(onChange: (settings: Settings) => void): () => void {
  return settingsItem.watch((value) => onChange(coerceSettings(value)));
}
