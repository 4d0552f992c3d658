/**
 * The note frame tied to the floating box: what it shows for the open view (a saved note, or the
 * editor for a card's name or a selection), laid over the slot the view renders for it, and what
 * the frame signals back. Note text lives only in the frame (note-frame-host.ts).
 */
import type { FrameDraft, FrameSignal, FrameView } from '../../messages/note-frame';
import { NoteFrameHost } from './note-frame-host';
import type { CardView, EditorView, FloatingView } from './views';

export interface FrameWanted {
  /** Changes when the frame must show something else; the same key only moves it. */
  key: string;
  view: FrameView;
  /** The frame takes focus once shown (an editor). */
  focus: boolean;
}

/** What the note frame should show for the open view (shown under Preact key `shownKey`), or null. */
export function frameViewFor(view: FloatingView | null, shownKey: number, noteDraft: (view: CardView | EditorView) => FrameDraft): FrameWanted | null {
  if (!view) return null;
  if (view.kind === 'note') {
    const about = view.about ? { entityId: view.about.entityId, name: view.about.name } : undefined;
    return { key: `note:${shownKey}:${view.note.id}`, view: { mode: 'note', noteId: view.note.id, about }, focus: false };
  }
  if (view.kind === 'editor') {
    const heading = view.pageNote ? 'Note about this page' : 'Save note to Backstory';
    return { key: `editor:${shownKey}`, view: { mode: 'editor', heading, quote: view.quote || undefined, draft: noteDraft(view) }, focus: true };
  }
  if (view.kind !== 'card' || !view.editing || !view.card) return null;
  const heading = `Note about ${view.card.entity.name}`;
  return { key: `card:${shownKey}:${view.entityId}`, view: { mode: 'editor', heading, quote: view.mentionText, draft: noteDraft(view) }, focus: true };
}

export interface NoteFrameLinkHandlers {
  /** The pointer entered (true) or left the frame: it counts as part of the card. */
  pointer(over: boolean): void;
  /** The frame's signals the open view acts on ('about', 'close'). */
  signal(signal: FrameSignal): void;
}

export class NoteFrameLink {
  private frame: NoteFrameHost | null = null;
  /** What the frame shows now, so that a re-render does not reset it. */
  private key: string | null = null;
  private wantsFocus = false;
  private editorAskedAt = 0;
  /** A note is being edited in the frame's popover. */
  writing = false;
  /** ms from asking for the note editor to its text box being ready in the frame; the bench reads it. */
  editorReadyMs: number | null = null;

  constructor(
    private readonly doc: Document,
    private readonly shadow: () => ShadowRoot,
    private readonly handlers: NoteFrameLinkHandlers,
  ) {}

  /** The frame, created hidden on first use. */
  ensure(): NoteFrameHost {
    if (!this.frame) {
      const frame = (this.frame = new NoteFrameHost(this.doc, this.shadow(), (signal) => this.onFrame(signal)));
      frame.box.addEventListener('pointerenter', () => this.handlers.pointer(true));
      frame.box.addEventListener('pointerleave', () => this.handlers.pointer(false));
    }
    return this.frame;
  }

  /** The frame shows the open view's note part. */
  get showing(): boolean {
    return !!this.key && (this.frame?.showing ?? false);
  }

  get focused(): boolean {
    return this.frame?.focused ?? false;
  }

  focus(): void {
    this.frame?.focus();
  }

  /** The reader asked for the note editor: times it until its text box is ready. */
  editorAsked(): void {
    this.editorAskedAt = performance.now();
    this.editorReadyMs = null;
  }

  /** Shows `wanted` over `slot`, or moves it there if already shown; empties the frame when nothing is wanted. */
  sync(wanted: FrameWanted | null, slot: HTMLElement | null, theme: 'light' | 'dark'): void {
    if (!wanted) {
      if (this.key) this.frame?.clear();
      this.key = null;
      this.writing = false;
      this.wantsFocus = false;
      return;
    }
    if (!slot) return;
    const frame = this.ensure();
    if (wanted.key === this.key) {
      frame.moveTo(slot);
      return;
    }
    this.key = wanted.key;
    this.writing = false;
    this.wantsFocus = wanted.focus;
    frame.show(wanted.view, slot, theme);
  }

  destroy(): void {
    this.frame?.destroy();
    this.frame = null;
    this.key = null;
  }

  private onFrame(signal: FrameSignal): void {
    if (signal.kind === 'shown') {
      if (!this.wantsFocus) return;
      this.frame?.focus();
      if (this.editorAskedAt) this.editorReadyMs = performance.now() - this.editorAskedAt;
      this.editorAskedAt = 0;
    } else if (signal.kind === 'writing') {
      this.writing = signal.on;
    } else {
      this.handlers.signal(signal);
    }
  }
}
