/** The context-menu item and keyboard commands, forwarded to the active tab's content script. */
import { browser } from 'wxt/browser';
import type { TabMessage } from '../messages/protocol';
import { sendToTab } from '../messages/tab-wake';

export const SAVE_SELECTION_MENU = 'backstory-save-selection';

/** What a context-menu click asks of which tab, if it is ours. */
export function menuClickMessage(
  info: { menuItemId: string | number },
  tab: { id?: number } | undefined,
): { tabId: number; message: TabMessage } | null {
  if (info.menuItemId !== SAVE_SELECTION_MENU || tab?.id === undefined) return null;
  return { tabId: tab.id, message: { type: 'backstory:note-selection' } };
}

/** What a keyboard command (manifest `commands`) asks of the active tab. */
export function commandMessage(command: string): TabMessage | null {
  if (command === 'save-note') return { type: 'backstory:note-selection' };
  if (command === 'navigate-mentions') return { type: 'backstory:navigate-mentions' };
  return null;
}

export function registerMenus(): void {
  browser.runtime.onInstalled.addListener(() => {
    void browser.contextMenus.removeAll().then(() =>
      browser.contextMenus.create({
        id: SAVE_SELECTION_MENU,
        title: 'Save note to Backstory',
        contexts: ['selection'],
      }),
    );
  });
  browser.contextMenus.onClicked.addListener((info, tab) => {
    const request = menuClickMessage(info, tab);
    if (request) void send(request.tabId, request.message);
  });
  browser.commands?.onCommand.addListener(async (command) => {
    const message = commandMessage(command);
    if (!message) return;
    const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
    if (tab?.id !== undefined) await send(tab.id, message);
  });
}

async function send(tabId: number, message: TabMessage): Promise<void> {
  await sendToTab(tabId, message).catch(() => undefined);
}
