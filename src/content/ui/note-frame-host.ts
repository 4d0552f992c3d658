/**
 * The note frame in the page: an <iframe> of Backstory's note page inside the closed shadow root,
 * made once (hidden, so "Save note" only has to tell it what to show) and laid over a slot the
 * card or panel leaves for it. Note text is typed, shown and selected only in that frame, an
 * extension-origin document: the page's listeners, `window.find` and `getSelection()` never reach
 * it. Card and frame talk over runtime ports the background joins by a random session id in the
 * frame's URL fragment (never the page's `postMessage`, which the page can watch and forge).
 */
import { CARD_PORT, FRAME_PAIRED, FRAME_SHOW, NOTE_FRAME_PATH, newFrameSession, type FrameShow, type FrameSignal, type FrameView } from '../../messages/note-frame';

/** The browser's own runtime (the card UI carries no polyfill): Firefox's `browser`, Chrome's `chrome`. */
interface FramePort {
  postMessage(message: unknown): void;
  disconnect(): void;
  onMessage: { addListener(listener: (message: unknown) => void): void };
  onDisconnect: { addListener(listener: () => void): void };
}

interface FrameRuntime {
  id?: string;
  getURL(path: string): string;
  connect(info: { name: string }): FramePort;
}

function runtime(): FrameRuntime | null {
  const g = globalThis as { browser?: { runtime?: FrameRuntime }; chrome?: { runtime?: FrameRuntime } };
  const found = g.browser?.runtime?.id ? g.browser.runtime : g.chrome?.runtime;
  return found?.id ? found : null;
}

/** A port to the background, or null where it cannot be had (the extension was updated or removed under the page). */
function connect(api: FrameRuntime | null, name: string): FramePort | null {
  try {
    return api?.connect({ name }) ?? null;
  } catch {
    return null;
  }
}

const BOX_STYLE: Array<[string, string]> = [
  ['position', 'fixed'],
  ['top', '0'],
  ['left', '0'],
  ['margin', '0'],
  ['padding', '0'],
  ['border', '0'],
];

export class NoteFrameHost {
  readonly sid = newFrameSession();
  readonly box: HTMLElement;
  private readonly frame: HTMLIFrameElement;
  private ready = false;
  private port: FramePort | null = null;
  /** What the frame should show: sent again whenever a frame (re)joins. */
  private current: FrameShow | null = null;
  private destroyed = false;
  private slot: HTMLElement | null = null;
  private loads = 0;
  private seq = 0;
  private follow = 0;
  private visible = false;

  constructor(
    private readonly doc: Document,
    parent: Node,
    private readonly onSignal: (signal: FrameSignal) => void,
  ) {
    const box = (this.box = doc.createElement('div'));
    box.className = 'note-frame';
    for (const [prop, value] of BOX_STYLE) box.style.setProperty(prop, value);
    const frame = (this.frame = doc.createElement('iframe'));
    frame.title = 'Backstory note';
    frame.setAttribute('allowtransparency', 'true');
    // Lets a cross-origin isolated page (COEP: require-corp) frame it; the frame keeps no web storage.
    frame.setAttribute('credentialless', '');
    for (const [prop, value] of [['border', '0'], ['display', 'block'], ['width', '100%'], ['height', '100%'], ['color-scheme', 'normal']]) {
      frame.style.setProperty(prop!, value!);
    }
    this.hide();
    this.connect();
    this.load();
    box.append(frame);
    parent.appendChild(box);
  }

  /**
   * A port to be joined with the frame's. The pair is lost when the background stops while idle
   * (both ports close), when the frame reloads (the page moved Backstory's host) or when the
   * background refuses it; nothing is rejoined until the frame is next needed (`tell`), so an idle
   * page neither wakes the background nor retries a refusal in a loop.
   */
  private connect(): void {
    const port = connect(runtime(), `${CARD_PORT}:${this.sid}`);
    this.port = port;
    port?.onMessage.addListener((message) => this.receive(message as FrameSignal));
    port?.onDisconnect.addListener(() => {
      if (this.port !== port || this.destroyed) return;
      const wasPaired = this.ready;
      this.port = null;
      this.ready = false;
      this.hide();
      // A pair lost while the frame is wanted (or just asked to show something) is made again now;
      // a port refused or dropped before pairing waits for the next ask, so a refusal never loops.
      if (wasPaired && this.current && this.current.view.mode !== 'hidden') this.tell(this.current);
    });
  }

  /** (Re)loads the frame's page; a new query makes it a new document, which connects its own port. */
  private load(): void {
    const url = runtime()?.getURL(NOTE_FRAME_PATH);
    if (url) this.frame.src = this.loads++ === 0 ? `${url}#${this.sid}` : `${url}?load=${this.loads}#${this.sid}`;
  }

  /** A signal from the frame (or the background's word that the two are joined). */
  private receive(signal: FrameSignal): void {
    if (!signal || typeof signal !== 'object') return;
    if (signal.kind === FRAME_PAIRED) {
      this.ready = true;
      if (this.current) this.send(this.current);
      return;
    }
    if (signal.kind === 'shown' || signal.kind === 'size') {
      // A late signal from an earlier show (the frame answers each in turn) says nothing of this one.
      if (signal.seq !== this.current?.seq) return;
    }
    if ((signal.kind === 'shown' || signal.kind === 'size') && this.slot) {
      this.slot.style.height = `${signal.height}px`;
      this.scrollSlotIntoView(this.slot);
      if (signal.kind === 'shown') this.reveal();
    }
    this.onSignal(signal);
  }

  /** Shows `view` in the frame, laid over `slot`; revealed once the frame has rendered it. */
  show(view: FrameView, slot: HTMLElement, theme: 'light' | 'dark'): void {
    this.slot = slot;
    this.hide();
    this.tell({ type: FRAME_SHOW, sid: this.sid, view, theme, seq: ++this.seq });
  }

  /** The same view, over a slot re-rendered elsewhere. */
  moveTo(slot: HTMLElement): void {
    if (slot === this.slot) return;
    slot.style.height = this.slot?.style.height ?? '';
    this.slot = slot;
  }

  /** Empties the frame (its text goes with it) and hides it. */
  clear(): void {
    // Preact may keep the slot's element as what replaces it (the card's actions): it must not
    // keep the editor's height.
    this.slot?.style.removeProperty('height');
    this.slot = null;
    this.hide();
    // Nothing to empty in a frame that lost its pair: a fresh load starts empty.
    this.tell({ type: FRAME_SHOW, sid: this.sid, view: { mode: 'hidden' }, theme: 'light', seq: ++this.seq }, false);
  }

  get showing(): boolean {
    return this.visible;
  }

  /** Whether keyboard focus is in the frame. */
  get focused(): boolean {
    return (this.box.getRootNode() as ShadowRoot).activeElement === this.frame;
  }

  focus(): void {
    this.frame.focus();
  }

  destroy(): void {
    this.destroyed = true;
    this.hide();
    this.port?.disconnect();
    this.box.remove();
  }

  /** Sends `message` now if paired, else once paired; `rejoin`: a lost pair is made again for it. */
  private tell(message: FrameShow, rejoin = true): void {
    this.current = message;
    if (!this.port && rejoin && !this.destroyed) {
      // The frame's own port went with the pair: a fresh load connects it again.
      this.connect();
      this.load();
      return;
    }
    if (this.ready) this.send(message);
  }

  private send(message: FrameShow): void {
    this.port?.postMessage(message);
  }

  private reveal(): void {
    this.visible = true;
    this.box.inert = false;
    this.box.removeAttribute('aria-hidden');
    this.box.style.removeProperty('visibility');
    this.box.style.removeProperty('pointer-events');
    this.track();
  }

  private hide(): void {
    this.visible = false;
    this.box.inert = true;
    this.box.setAttribute('aria-hidden', 'true');
    this.box.style.setProperty('visibility', 'hidden');
    this.box.style.setProperty('pointer-events', 'none');
    const win = this.doc.defaultView;
    if (this.follow && win) win.cancelAnimationFrame(this.follow);
    this.follow = 0;
  }

  /** The slot ends a card that may scroll: bring it into the card's view (not the page's). */
  private scrollSlotIntoView(slot: HTMLElement): void {
    const box = slot.closest<HTMLElement>('.card, .panel');
    if (!box) return;
    const below = slot.getBoundingClientRect().bottom - box.getBoundingClientRect().bottom;
    if (below > 0) box.scrollTop += below + 12;
  }

  /** Keeps the frame on its slot, which moves with the card (placement, scrolling inside it), once a frame. */
  private track(): void {
    const win = this.doc.defaultView;
    const slot = this.slot;
    if (!win || !slot || !this.visible) return;
    const rect = slot.getBoundingClientRect();
    const style = this.box.style;
    style.setProperty('transform', `translate(${rect.left}px, ${rect.top}px)`);
    style.setProperty('width', `${rect.width}px`);
    style.setProperty('height', `${rect.height}px`);
    // Cut to what the card shows of the slot, when the card's content is scrolled.
    const view = slot.closest<HTMLElement>('.card, .panel')?.getBoundingClientRect();
    if (view) {
      const top = Math.max(0, view.top - rect.top);
      const bottom = Math.max(0, rect.bottom - view.bottom);
      style.setProperty('clip-path', top || bottom ? `inset(${top}px 0 ${bottom}px 0)` : 'none');
    }
    // Hidden with the box it belongs to (the card hides when its name scrolls out of view).
    const hidden = slot.closest<HTMLElement>('.floating')?.style.visibility === 'hidden';
    style.setProperty('visibility', hidden ? 'hidden' : 'visible');
    this.follow = win.requestAnimationFrame(() => this.track());
  }
}
