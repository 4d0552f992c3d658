/** Tells every open tab and extension page that something changed, so all views stay live. */
import { browser } from 'wxt/browser';
import type { TabMessage } from '../messages/protocol';

export async function broadcast(message: TabMessage): Promise<void> {
  // Extension pages (popup, notes page) listen on runtime messages.
  browser.runtime.sendMessage(message).catch(() => undefined);
  const tabs = await browser.tabs.query({}).catch(() => []);
  await Promise.all(
    tabs.map((tab) =>
      tab.id === undefined ? undefined : browser.tabs.sendMessage(tab.id, message, { frameId: 0 }).catch(() => undefined),
    ),
  );
}
