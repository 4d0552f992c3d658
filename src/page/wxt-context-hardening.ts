/**
 * A build step (Vite plugin) that closes two page-facing holes in WXT 0.21's content-script
 * context (`wxt/utils/content-script-context`), which wraps our content script:
 *
 * 1. On start it `window.postMessage`s `{type: "<extension id>:content:wxt:content-script-started"}`
 *    to the page: every page a reader visits learns that Backstory is installed, and its id.
 * 2. It invalidates itself (Backstory stops: highlights, cards and listeners gone) when the
 *    document receives a CustomEvent of that name from "a newer copy". Any page can dispatch
 *    it — a store extension's id is public — so any page could switch Backstory off.
 *
 * We drop the postMessage, and honour the event only when this copy's extension context is
 * really gone (`runtime.id` unset, as after an update or reload), which is the case the event
 * exists for. The build fails if WXT's code no longer has the expected shape, so an upgrade
 * gets re-checked rather than silently unpatched. Covered by tests/e2e/hostile-input.test.ts.
 */
import type { Plugin } from 'vite';

const MODULE = '/wxt/dist/utils/content-script-context.mjs';
const POST_MESSAGE = /\n\s*window\.postMessage\(\{\s*type: ContentScriptContext\.SCRIPT_STARTED_MESSAGE_TYPE,[\s\S]*?\}, "\*"\);/;
const GUARD = 'if (!(event instanceof CustomEvent) || !this.verifyScriptStartedEvent(event)) return;';
const HARDENED_GUARD =
  'if (!(event instanceof CustomEvent) || !this.verifyScriptStartedEvent(event) || browser.runtime?.id != null) return;';

export function hardenWxtContentScriptContext(): Plugin {
  return {
    name: 'backstory:harden-wxt-content-script-context',
    enforce: 'pre',
    transform(code, id) {
      if (!id.replace(/\\/g, '/').endsWith(MODULE)) return null;
      if (!POST_MESSAGE.test(code) || !code.includes(GUARD) || !code.includes('import { browser }')) {
        throw new Error(
          `${MODULE} no longer looks like WXT 0.21's: re-check that pages cannot read the extension id ` +
            'from a window message nor stop the content script with a forged event (src/page/wxt-context-hardening.ts).',
        );
      }
      return { code: code.replace(POST_MESSAGE, '').replace(GUARD, HARDENED_GUARD), map: null };
    },
  };
}
