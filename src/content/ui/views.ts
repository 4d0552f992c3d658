/**
 * What the in-page UI can show, and what it asks of the session: the views of the floating box
 * (a name's card, a count's figures, the selection editor, a saved note), the toolbar's state,
 * and the callbacks PageUi calls.
 */
import type { EntityCard, MeasureCard } from '../../messages/protocol';
import type { FrameDraft } from '../../messages/note-frame';
import type { Note } from '../../notes/model';

export interface Anchor {
  /** The text the UI is about. */
  range: Range;
  /** The line box to place next to (the one under the pointer, or the range's first). */
  rect?: DOMRect;
}

export interface CardView {
  kind: 'card';
  anchor: Anchor;
  entityId: string;
  mentionText: string;
  card: EntityCard | null;
  error?: string;
  editing: boolean;
  saved: boolean;
}

export interface EditorView {
  kind: 'editor';
  anchor: Anchor;
  quote: string;
  /** No passage selected: the note is about the whole page. */
  pageNote: boolean;
}

/** A saved note under the pointer. */
export interface NoteView {
  kind: 'note';
  anchor: Anchor;
  note: Note;
  /** A name in the noted passage: the note offers its card ("About <name> ›"). */
  about?: { entityId: string; name: string; mentionText: string };
}

/** A count in the article: the pack's figures for its measure. */
export interface FiguresView {
  kind: 'figures';
  anchor: Anchor;
  measureId: string;
  mentionText: string;
  articleDate: string | null;
  card: MeasureCard | null;
  error?: string;
}

export type FloatingView = CardView | FiguresView | EditorView | NoteView;

export interface NavView {
  position: number;
  total: number;
  label: string;
}

export interface PageUiCallbacks {
  onViewSource(sourceId: string, excerptId?: string, quote?: string): void;
  /** What a note written in the frame is about: the passage's selectors, the page's title, the name. */
  noteDraft(view: CardView | EditorView): FrameDraft;
  /** "About <name> ›" in a note: open that name's card where the note is. */
  onAbout(view: NoteView): void;
  onPointerEnterFloating(): void;
  onPointerLeaveFloating(): void;
  onClosed(): void;
  onNavKey(e: KeyboardEvent): void;
  /** The article's publication date, when the page gives one: cards set apart what came later. */
  articleDate(): string | null;
  /** Names of the entities the article mentions, for choosing a glance's facts. */
  mentionedNames(): string[];
  /** Opens the pack's timeline page, with this article's date and names. */
  onOpenTimeline(): void;
  /** A related entity chosen on a card: its card, in place of this one. */
  onOpenEntity(entityId: string, name: string, anchor: Anchor): void;
}
