/**
 * Between the card UI on a page and the note frame (the extension page that shows and edits note
 * text, framed in the card's closed shadow root). Neither side uses `window.postMessage`, which the
 * page could watch or forge: each opens a runtime port named for the random session id the card
 * put in the frame's URL, and the background joins the two (src/background/frame-relay.ts). No
 * signal back carries note text.
 */
import type { NoteSelectors } from '../notes/selectors';

export const NOTE_FRAME_PATH = '/note-frame.html';
export const FRAME_SHOW = 'backstory-frame:show';
/** Port names: `${side}:${session id}`. */
export const CARD_PORT = 'backstory-card';
export const FRAME_PORT = 'backstory-frame';
/** The background's word to both sides once their ports are joined. */
export const FRAME_PAIRED = 'paired';
/** The frame's word to the background while it shows something; the background passes it on to no one. */
export const FRAME_KEEPALIVE = 'backstory-frame:keepalive';

/** What a note saved in the frame is about; the page's URL comes from the browser, never from here. */
export interface FrameDraft {
  pageTitle: string;
  selector: NoteSelectors;
  entityId?: string;
  entityName?: string;
}

export type FrameView =
  | { mode: 'editor'; heading: string; quote?: string; draft: FrameDraft }
  | { mode: 'note'; noteId: string; about?: { entityId: string; name: string } }
  | { mode: 'hidden' };

export interface FrameShow {
  type: typeof FRAME_SHOW;
  sid: string;
  view: FrameView;
  theme: 'light' | 'dark';
  /** Which show this is: the frame's size signals name it, so a late one from an earlier show is told apart. */
  seq: number;
}

export type FrameSignal =
  /** The background joined card and frame: the frame can be shown something. */
  | { kind: typeof FRAME_PAIRED }
  /** The view is rendered (and its text box focused, for an editor); its content's height. */
  | { kind: 'shown'; height: number; seq: number }
  | { kind: 'size'; height: number; seq: number }
  /** Done: cancelled, Esc, saved or deleted. `saved`: a note was written. */
  | { kind: 'close'; saved: boolean }
  /** A note being edited in place: the popover must not close under the pointer. */
  | { kind: 'writing'; on: boolean }
  /** "About <name> ›": open that name's card. */
  | { kind: 'about'; entityId: string };

export function isFrameShow(message: unknown): message is FrameShow {
  const m = message as Partial<FrameShow> | null;
  return !!m && typeof m === 'object' && m.type === FRAME_SHOW && typeof m.sid === 'string' && typeof m.seq === 'number' && !!m.view;
}

/** A session id: unguessable, and safe in a URL's fragment. */
export function newFrameSession(): string {
  return crypto.randomUUID();
}
