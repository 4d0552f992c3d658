/**
 * Pairs the card on a page with its note frame and passes their messages on. Each side opens a
 * port named for its side and the session id the card put in the frame's URL; the background
 * joins the two ports of one session in one tab: the card's from Backstory's script in the
 * tab's top frame, the frame's from Backstory's own page framed in that tab. Neither side needs
 * the other's address, the page's `postMessage`, or a tabs API (Firefox gives a framed extension
 * page none).
 */
import { browser, type Browser } from 'wxt/browser';
import { callerOf } from '../messages/handler';
import { CARD_PORT, FRAME_KEEPALIVE, FRAME_PAIRED, FRAME_PORT } from '../messages/note-frame';

type Port = Browser.runtime.Port;

const SESSION = /^[0-9a-f-]{36}$/;

export function relayNoteFrames(): void {
  const waiting = new Map<string, { port: Port; side: string }>();
  browser.runtime.onConnect.addListener((port) => {
    const [side, sid] = port.name.split(':');
    if ((side !== CARD_PORT && side !== FRAME_PORT) || !sid || !SESSION.test(sid)) return;
    const sender = port.sender;
    const caller = sender ? callerOf(sender) : null;
    const tabId = sender?.tab?.id;
    const fits = side === CARD_PORT ? caller?.kind === 'page' && sender?.frameId === 0 : caller?.kind === 'frame';
    if (!fits || tabId === undefined) {
      port.disconnect();
      return;
    }
    const key = `${tabId}:${sid}`;
    const other = waiting.get(key);
    if (!other || other.side === side) {
      waiting.set(key, { port, side });
      port.onDisconnect.addListener(() => {
        if (waiting.get(key)?.port === port) waiting.delete(key);
      });
      return;
    }
    waiting.delete(key);
    join(port, other.port);
  });
}

function join(a: Port, b: Port): void {
  const pass = (to: Port) => (message: unknown) => {
    if ((message as { kind?: unknown } | null)?.kind !== FRAME_KEEPALIVE) to.postMessage(message);
  };
  a.onMessage.addListener(pass(b));
  b.onMessage.addListener(pass(a));
  a.onDisconnect.addListener(() => b.disconnect());
  b.onDisconnect.addListener(() => a.disconnect());
  a.postMessage({ kind: FRAME_PAIRED });
  b.postMessage({ kind: FRAME_PAIRED });
}
