/**
 * The note frame's wiring: it shows what the card in its own tab asks for and answers with
 * signals, over a port the background joins to the card's (src/background/frame-relay.ts) by the
 * session id in this page's URL fragment. Every `window` message is ignored.
 */
import { render } from 'preact';
import { browser } from 'wxt/browser';
import { FRAME_KEEPALIVE, FRAME_PORT, isFrameShow, type FrameShow, type FrameSignal } from '../../messages/note-frame';
import { NoteFrame } from './NoteFrame';
import css from './note-frame.css?inline';
import cardCss from '../../components/card/card.css?inline';

/** Under the 30 s after which an idle background is stopped. */
const KEEP_ALIVE_MS = 20_000;

export function mountNoteFrame(root: HTMLElement, sid: string): void {
  if (!sid) return;
  // The session id is no longer needed in the address.
  history.replaceState(null, '', location.pathname);
  const style = document.createElement('style');
  style.textContent = `${cardCss}\n${css}`;
  document.head.append(style);
  const port = browser.runtime.connect({ name: `${FRAME_PORT}:${sid}` });
  const signal = (s: FrameSignal) => port.postMessage(s);
  let generation = 0;
  let keepAlive = 0;
  const show = (message: FrameShow) => {
    document.documentElement.dataset.theme = message.theme;
    render(<NoteFrame key={++generation} view={message.view} theme={message.theme} seq={message.seq} signal={signal} />, root);
    // A background idle for 30 s is stopped, and the pair with it: while a reader writes or reads a
    // note, a word now and then keeps it up.
    clearInterval(keepAlive);
    if (message.view.mode !== 'hidden') keepAlive = window.setInterval(() => port.postMessage({ kind: FRAME_KEEPALIVE }), KEEP_ALIVE_MS);
  };
  port.onDisconnect.addListener(() => clearInterval(keepAlive));
  port.onMessage.addListener((message: unknown) => {
    if (isFrameShow(message) && message.sid === sid) show(message);
  });
  // The card hides the frame (inert) until it has rendered, so the editor's own focus call may
  // not take: when the card then focuses the frame, the text box gets it.
  window.addEventListener('focus', () => {
    if (document.activeElement === document.body) root.querySelector<HTMLElement>('textarea')?.focus();
  });
}
