/**
 * Typed senders. The only code that calls `runtime.sendMessage`, and with src/messages/tab-wake.ts
 * the only code that messages tabs, so tests can stub one place.
 */
import { browser } from 'wxt/browser';
import { sendToTab } from './tab-wake';
import type {
  BackgroundRequests,
  BackgroundRequestType,
  Reply,
  TabMessage,
  TabRequests,
  TabRequestType,
} from './protocol';

/** Sends a request to the background and returns its reply; transport failures become error replies. */
export async function askBackground<K extends BackgroundRequestType>(
  type: K,
  payload: BackgroundRequests[K]['req'],
): Promise<Reply<BackgroundRequests[K]['res']>> {
  try {
    const reply = (await browser.runtime.sendMessage({ type, ...payload })) as
      | Reply<BackgroundRequests[K]['res']>
      | undefined;
    if (!reply || typeof reply !== 'object' || !('ok' in reply)) {
      return { ok: false, error: 'Backstory’s background did not answer. Try reloading the page.' };
    }
    return reply;
  } catch (e) {
    return { ok: false, error: `Backstory could not reach its background: ${messageOf(e)}` };
  }
}

/** Sends a request to one tab's top frame (waking its loader); undefined when no Backstory content script answers there. */
export async function askTab<K extends TabRequestType>(
  tabId: number,
  type: K,
  payload: TabRequests[K]['req'],
): Promise<TabRequests[K]['res'] | undefined> {
  try {
    return (await sendToTab(tabId, { type, ...payload } as TabMessage)) as TabRequests[K]['res'];
  } catch {
    return undefined;
  }
}

export function messageOf(e: unknown): string {
  if (e instanceof Error) return e.message;
  return String(e);
}
