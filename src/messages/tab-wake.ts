/**
 * Reaching a tab's content script. The loader on a page nobody has asked about registers no
 * message listener (src/content/boot/loader.ts: touching the extension API is most of what an idle
 * page would pay), so a first message there finds no receiving end. The loader is then woken
 * through `scripting.executeScript` in Backstory's isolated world of the top frame, where it
 * starts listening, and the message is sent again. Used by the background and by extension pages.
 */
import { browser } from 'wxt/browser';
import { GLOBAL_NAMES } from '../content/boot/contract';
import type { TabMessage } from './protocol';

/** Sends to the tab's top frame, waking its loader when nothing listens yet; rejects as sendMessage does. */
export async function sendToTab(tabId: number, message: TabMessage): Promise<unknown> {
  try {
    return await browser.tabs.sendMessage(tabId, message, { frameId: 0 });
  } catch (e) {
    if (!(await wakeLoader(tabId))) throw e;
    return browser.tabs.sendMessage(tabId, message, { frameId: 0 });
  }
}

/** Asks the tab's loader to listen; false where there is none (a page loaded before install, a browser page). */
export async function wakeLoader(tabId: number): Promise<boolean> {
  try {
    const [result] = await browser.scripting.executeScript({ target: { tabId, frameIds: [0] }, func: listenInPage, args: [GLOBAL_NAMES.loader] });
    return result?.result === true;
  } catch {
    // No access to the tab (browser pages, the web store), or it closed.
    return false;
  }
}

/**
 * Runs in the page, in Backstory's isolated world, serialised: it can use nothing from this
 * module, so the loader's global name (src/content/boot/contract.ts) comes as its argument. The
 * loader imports its engine host to listen, and this resolves once it does (both browsers wait
 * for a promise the injected function returns).
 */
export async function listenInPage(loaderGlobal: string): Promise<boolean> {
  const loader = (globalThis as Record<string, unknown>)[loaderGlobal] as { listen?: () => Promise<boolean> } | undefined;
  return (await loader?.listen?.()) === true;
}
