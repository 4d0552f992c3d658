import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { relayNoteFrames } from '../../../src/background/frame-relay';

const SID = '0b6f2a9e-3c1d-4e5f-8a7b-9c0d1e2f3a4b';
const PAGE = 'https://news.example/story';

/** A port as the background sees it, recording what it is sent. */
function port(name: string, sender: Record<string, unknown>) {
  const messageListeners: Array<(m: unknown) => void> = [];
  const disconnectListeners: Array<() => void> = [];
  return {
    name,
    sender: { id: fakeBrowser.runtime.id, ...sender },
    sent: [] as unknown[],
    disconnected: false,
    postMessage(m: unknown) {
      this.sent.push(m);
    },
    disconnect() {
      this.disconnected = true;
    },
    onMessage: { addListener: (l: (m: unknown) => void) => messageListeners.push(l) },
    onDisconnect: { addListener: (l: () => void) => disconnectListeners.push(l) },
    /** The other side posts `m` on this port. */
    receive: (m: unknown) => messageListeners.forEach((l) => l(m)),
    close: () => disconnectListeners.forEach((l) => l()),
  };
}

const card = (tabId = 7, frameId = 0) => port(`backstory-card:${SID}`, { url: PAGE, frameId, tab: { id: tabId, url: PAGE } });
const frame = (tabId = 7) => port(`backstory-frame:${SID}`, { url: fakeBrowser.runtime.getURL('/note-frame.html'), frameId: 3, tab: { id: tabId, url: PAGE } });

function connectAll(...ports: Array<ReturnType<typeof port>>) {
  const listener = vi.mocked(fakeBrowser.runtime.onConnect.addListener).mock.calls.at(-1)![0] as (p: unknown) => void;
  for (const p of ports) listener(p);
}

describe('relayNoteFrames', () => {
  it('joins the card and the frame of one session in one tab, and passes messages both ways', () => {
    vi.spyOn(fakeBrowser.runtime.onConnect, 'addListener').mockImplementation(() => undefined);
    relayNoteFrames();
    const [c, f] = [card(), frame()];
    connectAll(c, f);
    expect(c.sent).toEqual([{ kind: 'paired' }]);
    expect(f.sent).toEqual([{ kind: 'paired' }]);
    c.receive({ type: 'backstory-frame:show' });
    f.receive({ kind: 'close', saved: true });
    expect(f.sent.at(-1)).toEqual({ type: 'backstory-frame:show' });
    expect(c.sent.at(-1)).toEqual({ kind: 'close', saved: true });
    // The frame's keep-alive is for the background alone.
    f.receive({ kind: 'backstory-frame:keepalive' });
    expect(c.sent).toHaveLength(2);
    f.close();
    expect(c.disconnected).toBe(true);
  });

  it('joins nothing across tabs, and refuses a card port from a sub-frame or a frame port from a content script', () => {
    vi.spyOn(fakeBrowser.runtime.onConnect, 'addListener').mockImplementation(() => undefined);
    relayNoteFrames();
    const [c, elsewhere] = [card(7), frame(8)];
    connectAll(c, elsewhere);
    expect(c.sent).toEqual([]);
    expect(elsewhere.sent).toEqual([]);
    const sub = card(9, 2);
    const forged = port(`backstory-frame:${SID}`, { url: PAGE, frameId: 0, tab: { id: 9, url: PAGE } });
    connectAll(sub, forged);
    expect(sub.disconnected).toBe(true);
    expect(forged.disconnected).toBe(true);
  });
});
