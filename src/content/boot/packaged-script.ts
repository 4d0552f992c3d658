/**
 * Backstory's scripts that a page imports only when it needs them (page-host.js, page-engine.js,
 * page-ui.js): web-accessible under a per-session URL, so pages cannot probe for them, imported
 * into the content script's isolated world, where each leaves its module on a global. The URL is
 * always the extension's own, from `runtime.getURL` (scripts/lint-firefox.ts checks for it).
 */
export async function importPackaged<T>(runtime: { getURL(path: string): string } | null, path: string, global: string, missing: string): Promise<T> {
  if (!runtime) throw new Error('Backstory’s extension context is gone.');
  const g = globalThis as Record<string, unknown>;
  if (!g[global]) await import(/* @vite-ignore */ runtime.getURL(path));
  const module = g[global] as T | undefined;
  if (!module) throw new Error(missing);
  return module;
}
