/**
 * The note frame's wiring: it shows what the card in its own tab asks for (runtime messages
 * carrying the session id from this page's URL fragment) and answers with signals sent to that
 * tab's top frame. Messages from anywhere else, and every `window` message, are ignored.
 */
import { render } from 'preact';
import { browser } from 'wxt/browser';
import { isFrameShow, type FrameShow, type FrameSignal } from '../../messages/note-frame';
import { NoteFrame } from './NoteFrame';
import css from './note-frame.css?inline';
import cardCss from '../../components/card/card.css?inline';

export function mountNoteFrame(root: HTMLElement, sid: string): void {
  if (!sid) return;
  // The session id is no longer needed in the address.
  history.replaceState(null, '', location.pathname);
  const style = document.createElement('style');
  style.textContent = `${cardCss}\n${css}`;
  document.head.append(style);
  const tab = browser.tabs.getCurrent();
  const signal = (s: FrameSignal) => {
    void tab.then((t) => (t?.id === undefined ? undefined : browser.tabs.sendMessage(t.id, { type: 'backstory:frame-signal', sid, signal: s }, { frameId: 0 }))).catch(() => undefined);
  };
  let generation = 0;
  const show = (message: FrameShow) => {
    document.documentElement.dataset.theme = message.theme;
    render(<NoteFrame key={++generation} view={message.view} theme={message.theme} signal={signal} />, root);
  };
  browser.runtime.onMessage.addListener((message: unknown, sender: { id?: string; tab?: { id?: number } }) => {
    if (!isFrameShow(message) || message.sid !== sid || sender.id !== browser.runtime.id) return undefined;
    // Only Backstory's script in this frame's own tab.
    return tab.then((t) => {
      if (t?.id === undefined || sender.tab?.id !== t.id) return false;
      show(message);
      return true;
    });
  });
  // The card hides the frame (inert) until it has rendered, so the editor's own focus call may
  // not take: when the card then focuses the frame, the text box gets it.
  window.addEventListener('focus', () => {
    if (document.activeElement === document.body) root.querySelector<HTMLElement>('textarea')?.focus();
  });
  signal({ kind: 'ready' });
}
