/**
 * `wxt/browser` in the engine's bundle (wxt.config.ts aliases it there): the browser's own
 * extension API, without webextension-polyfill. Firefox's `browser` is native and already returns
 * promises; Chrome's `chrome` returns them too in Manifest V3 from Chrome 99 on, below the
 * manifest's minimum (105). What the engine calls (runtime.sendMessage, getURL, id) needs nothing
 * the polyfill adds, and the engine is evaluated cold on every covered page, so it ships none.
 */
import type { browser as polyfilled } from 'wxt/browser';

type ExtensionApi = typeof polyfilled;

const scope = globalThis as unknown as { browser?: ExtensionApi; chrome?: ExtensionApi };

export const browser: ExtensionApi = scope.browser?.runtime?.id ? scope.browser : scope.chrome!;
