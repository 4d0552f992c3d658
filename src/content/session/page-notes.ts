/**
 * The reader's notes on this page: placed onto its text (quote, position, then fuzzy match), the
 * ones that cannot be placed kept as orphans (never dropped), and new ones saved from a card or
 * a selection. Note text goes to the background and the closed shadow root only, never the page.
 */
import { buildTextModel, rangeFor, spanOf, type TextModel } from '../../detect/text-model';
import type { HitTarget } from '../../highlight/hit-test';
import { askBackground } from '../../messages/client';
import { anchorNote } from '../../notes/anchor';
import type { Note } from '../../notes/model';
import { describeInSentence, describeQuote, type NoteSelectors } from '../../notes/selectors';
import type { FrameDraft } from '../../messages/note-frame';
import { isBackstoryUi } from '../ui/shadow-host';
import type { EntityMeta } from './mentions';
import type { HitValue } from './pointer-cards';
import type { PageSurface } from './surface';

export interface PageNotesOptions {
  doc: Document;
  surface: PageSurface;
  entities: Record<string, EntityMeta>;
  url(): string;
  /** The notes were placed again: the caller updates what can be hovered. */
  onPlaced(): void;
}

/** How much of a long selection the editor quotes. */
const EDITOR_QUOTE_CHARS = 600;
/** How long "show note" flashes the note's quote. */
const FLASH_MS = 1600;

export class PageNotes {
  notes: Note[] = [];
  private readonly ranges = new Map<string, Range>();
  private orphans: string[] = [];

  constructor(private readonly options: PageNotesOptions) {}

  get orphanIds(): string[] {
    return [...this.orphans];
  }

  /** Whether anything is to be placed or taken down. */
  get any(): boolean {
    return this.notes.length > 0 || this.ranges.size > 0;
  }

  /** The page was cleared: no note is on it any more. */
  clear(): void {
    this.ranges.clear();
    this.orphans = [];
  }

  /** The placed notes, as things to hover. */
  targets(): HitTarget<HitValue>[] {
    const targets: HitTarget<HitValue>[] = [];
    for (const note of this.notes) {
      const range = this.ranges.get(note.id);
      if (range) targets.push({ range, value: { kind: 'note', note } });
    }
    return targets;
  }

  /**
   * Places each saved note on the page, on `model` when the caller has just built one of the
   * body; those that cannot be placed are orphans, never dropped.
   */
  place(model: TextModel | null = this.bodyModel()): void {
    this.clear();
    for (const note of this.notes) {
      const selectors = note.target.selector;
      if (!model || selectors.length === 0) continue;
      const found = anchorNote(selectors, model.text);
      const range = found ? rangeFor(model, found.start, found.end) : null;
      if (range) this.ranges.set(note.id, range);
      else this.orphans.push(note.id);
    }
    this.drawMarks('note', [...this.ranges.values()]);
    this.options.onPlaced();
  }

  /** Orphans may find their text once the page adds more. */
  placeOrphansAgain(): void {
    if (this.orphans.length > 0) this.place();
  }

  /** Notes changed elsewhere (popup, another tab): re-read and re-place this page's notes. */
  async refresh(): Promise<void> {
    const reply = await askBackground('notes:list-page', { url: this.options.url() });
    if (!reply.ok) return;
    this.notes = reply.value;
    if (this.any) this.place();
  }

  /**
   * What a note written in the note frame is about: the passage's selectors (a name's, with the
   * sentence around it as context), the page's title and the name. The frame saves it; the page's
   * URL comes from the browser.
   */
  draftFor(range: Range | null, entityId?: string): FrameDraft {
    const model = range ? this.bodyModel() : null;
    const entity = entityId ? this.options.entities[entityId] : undefined;
    let selector: NoteSelectors = [];
    if (range && model) {
      const span = spanOf(model, range);
      if (span) selector = entityId ? describeInSentence(model.text, span.start, span.end) : describeQuote(model.text, span.start, span.end);
    }
    return { pageTitle: this.options.doc.title, selector, ...(entityId ? { entityId, entityName: entity?.name } : {}) };
  }

  /** Context menu or keyboard shortcut: open the editor on the current selection, or on the page. */
  async editSelection(): Promise<void> {
    const { doc, surface } = this.options;
    const selection = doc.getSelection();
    const range = selection && selection.rangeCount > 0 ? selection.getRangeAt(0).cloneRange() : null;
    const quote = range?.toString().trim() ?? '';
    const ui = await surface.ensureUi();
    if (!range || range.collapsed || !quote) {
      const whole = doc.createRange();
      whole.selectNodeContents(doc.body ?? doc.documentElement);
      whole.collapse(true);
      ui.showEditor({ anchor: { range: whole }, quote: '', pageNote: true });
      return;
    }
    const shown = quote.length > EDITOR_QUOTE_CHARS ? `${quote.slice(0, EDITOR_QUOTE_CHARS)}…` : quote;
    ui.showEditor({ anchor: { range }, quote: shown, pageNote: false });
  }

  /** Scrolls to a placed note and flashes it; false when it is not on the page. */
  show(noteId: string): boolean {
    const range = this.ranges.get(noteId);
    if (!range) return false;
    const el = range.startContainer.parentElement;
    el?.scrollIntoView({ block: 'center', behavior: 'instant' as ScrollBehavior });
    this.drawMarks('flash', [range]);
    setTimeout(() => this.drawMarks('flash', []), FLASH_MS);
    return true;
  }

  /**
   * Noted passages are drawn inside the closed shadow root, never in the page's highlight registry,
   * which the page can list. Nothing to draw and no UI yet: no UI is made for it.
   */
  private drawMarks(kind: 'note' | 'flash', ranges: Range[]): void {
    const { surface } = this.options;
    if (ranges.length === 0 && !surface.ui) return;
    void surface.ensureUi().then(
      // A UI the page was cleared of meanwhile draws nothing.
      (ui) => surface.ui === ui && ui.setMarks(kind, ranges),
      () => undefined,
    );
  }

  private bodyModel(): TextModel | null {
    const body = this.options.doc.body;
    return body ? buildTextModel(body, { skip: isBackstoryUi }) : null;
  }
}
