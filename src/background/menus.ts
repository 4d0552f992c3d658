/** The context-menu item and keyboard commands, forwarded to the active tab's content script. */
import { browser } from 'wxt/browser';
import type { TabMessage } from '../messages/protocol';

export const SAVE_SELECTION_MENU = 'backstory-save-selection';

export function registerMenus(): void {
  browser.runtime.onInstalled.addListener(() => {
    browser.contextMenus.removeAll().then(() =>
      browser.contextMenus.create({
        id: SAVE_SELECTION_MENU,
        title: 'Save note to Backstory',
        contexts: ['selection'],
      }),
    );
  });
  browser.contextMenus.onClicked.addListener((info, tab) => {
    if (info.menuItemId !== SAVE_SELECTION_MENU || tab?.id === undefined) return;
    void send(tab.id, { type: 'backstory:note-selection' });
  });
  browser.commands?.onCommand.addListener(async (command) => {
    const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
    if (tab?.id === undefined) return;
    if (command === 'save-note') await send(tab.id, { type: 'backstory:note-selection' });
    if (command === 'navigate-mentions') await send(tab.id, { type: 'backstory:navigate-mentions' });
  });
}

async function send(tabId: number, message: TabMessage): Promise<void> {
  await browser.tabs.sendMessage(tabId, message, { frameId: 0 }).catch(() => undefined);
}
