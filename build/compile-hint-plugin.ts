/**
 * Build step: marks the scripts that a covered page imports whole (the engine and the card UI)
 * with V8's file-wide compile hint, `//# allFunctionsCalledOnLoad`. Chromium streams an imported
 * module's compile onto a worker thread; with the hint every function is compiled there, instead
 * of each one on the main thread the first time the scan, the warm-up card or a hover calls it.
 * Engines without the hint read it as a comment. The loader that every page runs is not marked:
 * it is compiled on the main thread, where eager code for its unused paths would only add cost.
 */
import type { Plugin } from 'vite';

export const COMPILE_HINT = '//# allFunctionsCalledOnLoad';

/** Output files that get the hint. */
const HINTED = new Set(['page-engine.js', 'page-ui.js']);

export function backstoryCompileHintPlugin(): Plugin {
  return {
    name: 'backstory-compile-hint',
    apply: 'build',
    // After minification (renderChunk), which would drop the comment.
    generateBundle(_options, bundle) {
      for (const file of Object.values(bundle)) {
        if (file.type === 'chunk' && HINTED.has(file.fileName)) file.code = `${COMPILE_HINT}\n${file.code}`;
      }
    },
  };
}
