/** Tells every open tab and extension page that something changed, so all views stay live. */
import { browser } from 'wxt/browser';
import type { TabMessage } from '../messages/protocol';
import { sendToTab } from '../messages/tab-wake';
import { notesChangedConcerns } from '../messages/notes-changed';
import { watchSettings } from '../settings/store';

export async function broadcast(message: TabMessage): Promise<void> {
  // Extension pages (popup, notes page) listen on runtime messages.
  browser.runtime.sendMessage(message).catch(() => undefined);
  const concerns = pagesConcerned(message);
  const tabs = await browser.tabs.query({}).catch(() => []);
  await Promise.all(
    tabs.map((tab) => {
      if (tab.id === undefined) return undefined;
      // A tab whose loader is idle has no listener. Only a page the change is about needs waking:
      // its notes must appear there now. Elsewhere, a page that listens is one with the engine.
      const send = concerns(tab.url) ? sendToTab(tab.id, message) : browser.tabs.sendMessage(tab.id, message, { frameId: 0 });
      return send.catch(() => undefined);
    }),
  );
}

/** Which tab URLs a message is about: for notes changed, the pages it names (all when unnamed); else none. */
function pagesConcerned(message: TabMessage): (url: string | undefined) => boolean {
  return message.type === 'backstory:notes-changed' ? notesChangedConcerns(message as TabMessage<'backstory:notes-changed'>) : () => false;
}

/**
 * Tells open tabs whenever the stored settings change: from the options page, the popup, or a
 * browser the settings sync from. Extension pages watch the storage item themselves.
 */
export function broadcastSettingsChanges(): () => void {
  return watchSettings((settings) => void broadcast({ type: 'backstory:settings-changed', settings }));
}
