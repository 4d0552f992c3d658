/**
 * The baseline as a content script: a bare extension whose only content script reads every text
 * node of the body with a TreeWalker, once, at document_idle, in its own fresh isolated world,
 * the way Backstory's loader runs. Its whole cost (evaluation, from the trace) is what "a bare
 * baseline pass" costs a content script on that page, injection included; the pass alone is
 * recorded too (a performance.measure the trace sees). The bench loads it in the comparison
 * Chromium, without Backstory, so the two never share a page load.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const BARE_SCRIPT = 'bare-pass.js';
export const BARE_PASS_MEASURE = 'bs-bare-pass';

const SCRIPT = `(() => {
  const t0 = performance.now();
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  let chars = 0;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) chars += node.data.length;
  performance.measure('${BARE_PASS_MEASURE}', { start: t0, end: performance.now() });
  globalThis.__bsBareChars = chars;
})();
`;

export function writeBareExtension(dir: string): string {
  mkdirSync(dir, { recursive: true });
  const manifest = {
    manifest_version: 3,
    name: 'Bare text pass (Backstory bench baseline)',
    version: '1.0',
    content_scripts: [{ matches: ['http://*/*', 'https://*/*'], js: [BARE_SCRIPT], run_at: 'document_idle', all_frames: false }],
  };
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest, null, 1));
  writeFileSync(join(dir, BARE_SCRIPT), SCRIPT);
  return dir;
}
