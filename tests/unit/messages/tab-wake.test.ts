/**
 * Reaching a tab whose loader has no listener yet (src/messages/tab-wake.ts): the first send
 * fails as Chrome's does ("Receiving end does not exist"), the loader is woken through
 * scripting.executeScript, and the message goes again, once.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { listenInPage, sendToTab, wakeLoader } from '../../../src/messages/tab-wake';
import { GLOBAL_NAMES, handOver, withdraw } from '../../../src/content/boot/contract';

const NO_RECEIVER = new Error('Could not establish connection. Receiving end does not exist.');

/** A tab whose loader starts listening when `listen()` is called in the page. */
function fakeTab(options: { hasLoader: boolean; injectable?: boolean }) {
  let listening = false;
  const sendMessage = vi.fn(async (_tabId: number, message: unknown) => {
    if (!listening) throw NO_RECEIVER;
    return { echo: message };
  });
  const executeScript = vi.fn(async ({ func, args }: { func: (...args: string[]) => Promise<unknown>; args?: string[] }) => {
    if (options.injectable === false) throw new Error('Cannot access contents of the page.');
    if (options.hasLoader) handOver('loader', { listen: async () => (listening = true) } as never);
    try {
      return [{ frameId: 0, result: await func(...(args ?? [])) }];
    } finally {
      withdraw('loader');
    }
  });
  vi.spyOn(browser.tabs, 'sendMessage').mockImplementation(sendMessage as never);
  (browser as unknown as { scripting: unknown }).scripting = { executeScript };
  return { sendMessage, executeScript };
}

afterEach(() => {
  vi.restoreAllMocks();
  delete (browser as unknown as { scripting?: unknown }).scripting;
});

describe('sendToTab', () => {
  it('wakes an idle loader and sends again', async () => {
    const tab = fakeTab({ hasLoader: true });
    expect(await sendToTab(7, { type: 'backstory:page-state' })).toEqual({ echo: { type: 'backstory:page-state' } });
    expect(tab.sendMessage).toHaveBeenCalledTimes(2);
    expect(tab.executeScript).toHaveBeenCalledTimes(1);
    expect(tab.executeScript.mock.calls[0]![0]).toMatchObject({ target: { tabId: 7, frameIds: [0] } });
    // Listening now: the next message goes straight through.
    await sendToTab(7, { type: 'backstory:page-state' });
    expect(tab.executeScript).toHaveBeenCalledTimes(1);
  });

  it('rejects as sendMessage did where there is no loader, or the page cannot be scripted', async () => {
    fakeTab({ hasLoader: false });
    await expect(sendToTab(7, { type: 'backstory:page-state' })).rejects.toThrow('Receiving end does not exist');
    vi.restoreAllMocks();
    fakeTab({ hasLoader: true, injectable: false });
    await expect(sendToTab(7, { type: 'backstory:page-state' })).rejects.toThrow('Receiving end does not exist');
    expect(await wakeLoader(7)).toBe(false);
  });
});

describe('listenInPage', () => {
  it('calls the loader under the name src/content/boot/contract.ts gives it', async () => {
    const listen = vi.fn(async () => true);
    handOver('loader', { listen } as never);
    try {
      expect(await listenInPage(GLOBAL_NAMES.loader)).toBe(true);
      expect(listen).toHaveBeenCalledTimes(1);
    } finally {
      withdraw('loader');
    }
    expect(await listenInPage(GLOBAL_NAMES.loader)).toBe(false);
  });
});
