/**
 * Backstory's scripts that a page imports only when it needs them (page-host.js, page-engine.js,
 * page-ui.js): web-accessible under a per-session URL, so pages cannot probe for them, imported
 * into the content script's isolated world, where each leaves its module on its hand-over global
 * (contract.ts). The URL is always the extension's own, from `runtime.getURL`
 * (scripts/lint-firefox.ts checks for it).
 */
import { handedOver, PACKAGED_SCRIPTS, type HandOver, type PackagedKey } from './contract';

export async function importPackaged<K extends PackagedKey>(runtime: { getURL(path: string): string } | null, key: K, missing: string): Promise<HandOver[K]> {
  if (!runtime) throw new Error('Backstory’s extension context is gone.');
  if (!handedOver(key)) await import(/* @vite-ignore */ runtime.getURL(PACKAGED_SCRIPTS[key]));
  const module = handedOver(key);
  if (!module) throw new Error(missing);
  return module;
}
