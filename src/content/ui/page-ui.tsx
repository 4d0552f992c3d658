/**
 * Backstory's UI inside the page: the card, the selection-note editor and the keyboard
 * navigation bar, all rendered by Preact into the closed shadow root. The shadow host
 * is created on first use (or by `prepare`, on a covered page once it is idle), so pages
 * that never need UI never get an element.
 */
import { render } from 'preact';
import { autoUpdate, computePosition, flip, hide, offset, shift, size } from '@floating-ui/dom';
import type { EntityCard, MeasureCard } from '../../messages/protocol';
import type { FrameDraft, FrameSignal, FrameView } from '../../messages/note-frame';
import type { Note } from '../../notes/model';
import { Card } from '../../components/card/Card';
import { FiguresCard } from '../../components/card/FiguresCard';
import cardCss from '../../components/card/card.css?inline';
import toolbarCss from './nav-toolbar.css?inline';
import { NoteFrameHost } from './note-frame-host';
import { NoteMarks, type MarkKind } from './note-marks';
import { createShadowHost, type ShadowHost } from './shadow-host';
import { shallowContext } from './shallow-context';
import { pageTheme } from './theme';

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

type FloatingView = CardView | FiguresView | EditorView | NoteView;

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

export class PageUi {
  private host: ShadowHost | null = null;
  private floating: FloatingView | null = null;
  /** A card made ready, hidden, for the name the pointer is resting on (see `readyCard`). */
  private upcoming: CardView | null = null;
  private nav: NavView | null = null;
  private stopAutoUpdate: (() => void) | null = null;
  private stopReadyUpdate: (() => void) | null = null;
  private floatingEl: HTMLElement | null = null;
  private upcomingEl: HTMLElement | null = null;
  /**
   * Preact keys of the shown box and the ready one. A ready card that is shown keeps its key, so
   * it stays the same element, in the same place, laid out: the box shown before it is removed.
   */
  private shownKey = 0;
  private readyKey = 0;
  private nextKey = 1;
  private navEl: HTMLElement | null = null;
  /** Enter pressed while the card was still loading: focus it once its content arrives. */
  private focusWhenLoaded = false;
  private prepared = false;
  private marks: NoteMarks | null = null;
  private noteFrame: NoteFrameHost | null = null;
  /** What the note frame shows now (see `syncFrame`), so that a re-render does not reset it. */
  private frameKey: string | null = null;
  /** A note is being edited in the frame's popover. */
  private frameWriting = false;
  private editorAskedAt = 0;
  /** ms from asking for the note editor to its text box being ready in the frame; the bench reads it. */
  editorReadyMs: number | null = null;

  constructor(
    private readonly doc: Document,
    private readonly callbacks: PageUiCallbacks,
  ) {}

  get current(): FloatingView | null {
    return this.floating;
  }

  /** The closed shadow root, for the content script's own world only (browser tests read it there). */
  get shadowRoot(): ShadowRoot | null {
    return this.host?.shadow ?? null;
  }

  get navigating(): boolean {
    return this.nav !== null;
  }

  /** A note is being written in the open card or editor: nothing may replace, hide or close it but the reader. */
  get writingNote(): boolean {
    const view = this.floating;
    return view?.kind === 'editor' || (view?.kind === 'card' && view.editing) || (view?.kind === 'note' && this.frameWriting);
  }

  /** True while keyboard focus is inside the card, editor or note frame. */
  get focusInside(): boolean {
    const active = this.host?.shadow.activeElement;
    return !!active && (!!this.floatingEl?.contains(active) || (this.noteFrame?.focused ?? false));
  }


  /** True when the event target is inside Backstory's UI (events from a closed shadow root retarget to the host). */
  contains(target: EventTarget | null): boolean {
    return !!this.host && target === this.host.host;
  }

  showCard(view: Omit<CardView, 'kind' | 'editing' | 'saved'> & Partial<Pick<CardView, 'editing' | 'saved'>>): void {
    const next: CardView = { kind: 'card', editing: false, saved: false, ...view };
    const ready = this.upcoming;
    if (ready && ready.entityId === next.entityId && sameAnchor(ready.anchor, next.anchor)) {
      // Made ready for this very name and line: only revealed, already laid out and in place.
      this.upcoming = null;
      this.floating = { ...next, card: next.card ?? ready.card, error: next.error ?? ready.error };
      this.stopAutoUpdate?.();
      this.stopAutoUpdate = this.stopReadyUpdate;
      this.stopReadyUpdate = null;
      this.shownKey = this.readyKey;
      this.update(false);
      return;
    }
    this.dropReadyCard();
    this.floating = next;
    this.update(true);
  }

  /**
   * Renders, lays out and places the card for the name the pointer rests on, hidden: not
   * painted, hit, focusable or in the accessibility tree, and not a `.floating` box. Any card
   * already open stays as it is. When hover intent fires, `showCard` for the same name and
   * line only reveals it, so it is painted in the next frame with no layout of its own left.
   */
  readyCard(view: Omit<CardView, 'kind' | 'editing' | 'saved'>): void {
    if (!this.upcoming) this.readyKey = this.nextKey++;
    this.upcoming = { kind: 'card', editing: false, saved: false, ...view };
    this.update(false);
    this.stopReadyUpdate?.();
    this.stopReadyUpdate = this.upcomingEl ? this.place(view.anchor, this.upcomingEl) : null;
  }

  /** The pointer left the name before its card opened. */
  dropReadyCard(): void {
    if (!this.upcoming) return;
    this.upcoming = null;
    this.stopReadyUpdate?.();
    this.stopReadyUpdate = null;
    this.update(false);
  }

  patchCard(entityId: string, patch: Partial<CardView>): void {
    if (this.upcoming?.entityId === entityId) {
      this.upcoming = { ...this.upcoming, ...patch };
      if (this.floating?.kind !== 'card' || this.floating.entityId !== entityId) {
        this.update(false);
        return;
      }
    }
    if (this.floating?.kind !== 'card' || this.floating.entityId !== entityId) return;
    this.floating = { ...this.floating, ...patch };
    this.update(false);
    if (this.focusWhenLoaded && (this.floating.card || this.floating.error)) {
      this.focusWhenLoaded = false;
      this.focusFloating();
    }
  }

  showEditor(view: Omit<EditorView, 'kind'>): void {
    this.dropReadyCard();
    this.editorAskedAt = performance.now();
    this.editorReadyMs = null;
    this.floating = { kind: 'editor', ...view };
    this.update(true);
  }

  showFigures(view: Omit<FiguresView, 'kind'>): void {
    this.dropReadyCard();
    this.floating = { kind: 'figures', ...view };
    this.update(true);
  }

  patchFigures(measureId: string, patch: Partial<Pick<FiguresView, 'card' | 'error'>>): void {
    if (this.floating?.kind !== 'figures' || this.floating.measureId !== measureId) return;
    this.floating = { ...this.floating, ...patch };
    this.update(false);
  }

  showNote(view: Omit<NoteView, 'kind'>): void {
    this.dropReadyCard();
    this.floating = { kind: 'note', ...view };
    this.update(true);
  }

  closeFloating(): void {
    if (!this.floating) return;
    this.floating = null;
    this.focusWhenLoaded = false;
    this.update(false);
    this.callbacks.onClosed();
  }

  setNav(nav: NavView | null): void {
    this.nav = nav;
    this.update(false);
    if (nav) this.focusNav();
  }

  focusNav(): void {
    this.navEl?.focus();
  }

  /**
   * Moves keyboard focus into the card: its first control in reading order (the close button in
   * its header, then its sources and actions as Tab goes on); an editor's text box.
   */
  focusFloating(): void {
    const view = this.floating;
    // A card still loading has only its close button; wait for its content.
    this.focusWhenLoaded = view?.kind === 'card' && !view.card && !view.error;
    // A note editor is in the frame, which focuses its own text box; else the card's first control.
    if (this.frameKey && this.noteFrame?.showing) return this.noteFrame.focus();
    const root = this.floatingEl;
    if (!root) return;
    const target = focusablesIn(root)[0];
    target?.focus();
  }

  /**
   * Tab and Shift+Tab while the card or the toolbar has focus: they go round the toolbar and the
   * card's controls, in reading order, and never out into the page (where a link would scroll the
   * page and leave the card behind). Returns whether the key was taken.
   */
  cycleFocus(e: KeyboardEvent): boolean {
    if (e.key !== 'Tab' || e.altKey || e.ctrlKey || e.metaKey) return false;
    const ring = [...(this.navEl ? [this.navEl] : []), ...(this.floatingEl ? focusablesIn(this.floatingEl) : [])];
    if (ring.length === 0) return false;
    e.preventDefault();
    const active = this.host?.shadow.activeElement as HTMLElement | null;
    const at = active ? ring.indexOf(active) : -1;
    const next = at < 0 ? (e.shiftKey ? ring.length - 1 : 0) : (at + (e.shiftKey ? -1 : 1) + ring.length) % ring.length;
    ring[next]!.focus();
    return true;
  }

  /**
   * Readies the UI before a card is first needed, so that hover intent can show one in the
   * very next frame: creates the shadow host and its stylesheet, then renders a card (`sample`,
   * real content, so its code paths run too), lays it out and positions it, and removes it, all
   * in one task. The browser has then compiled the card's code, matched its CSS and loaded its
   * fonts; the sample itself is never painted, focusable or in the accessibility tree (it is
   * removed before any frame, and hidden and inert while it exists), and the host it leaves is
   * fixed, empty and zero-sized, so the page does not move. Runs once; a no-op after `destroy`.
   */
  prepare(sample?: { card: EntityCard; mentionText: string; anchor: Anchor }): void {
    if (this.prepared) return;
    this.prepared = true;
    const host = this.ensureHost();
    // The note frame too, hidden, so that "Save note" only has to tell it what to show.
    this.ensureFrame();
    if (!sample) return;
    // A layer of its own beside the live one, so a card or toolbar already open is untouched.
    const layer = this.doc.createElement('div');
    layer.className = 'layer';
    layer.dataset.theme = host.mount.dataset.theme;
    layer.setAttribute('aria-hidden', 'true');
    layer.inert = true;
    layer.style.setProperty('visibility', 'hidden', 'important');
    host.shadow.append(layer);
    let floating: HTMLElement | null = null;
    const noop = () => undefined;
    render(
      <div
        class="floating"
        lang="en"
        dir="ltr"
        ref={(el) => {
          floating = el;
        }}
      >
        <Card
          card={sample.card}
          mentionText={sample.mentionText}
          editing={false}
          onViewSource={noop}
          onStartNote={noop}
          onCancelNote={noop}
          onSaveNote={async () => null}
          validateNote={() => null}
          noteSlot={() => null}
          onClose={noop}
        />
      </div>,
      layer,
    );
    const remove = () => {
      render(null, layer);
      layer.remove();
    };
    if (!floating) return remove();
    // Style, layout and text shaping now, then floating-ui's measuring and placement; the
    // promise settles in this task's microtasks, before any frame could paint the sample.
    (floating as HTMLElement).getBoundingClientRect();
    this.computePlacement(this.referenceFor(sample.anchor), floating).then(remove, remove);
  }

  /** Draws the noted passages (or the flashed one) inside the shadow root, where the page cannot list them. */
  setMarks(kind: MarkKind, ranges: Range[]): void {
    if (!this.marks) {
      if (ranges.length === 0) return;
      const host = this.ensureHost();
      const layer = this.doc.createElement('div');
      layer.className = 'marks';
      // Under the card, never in the way of the pointer or the accessibility tree.
      layer.setAttribute('aria-hidden', 'true');
      for (const [prop, value] of [['position', 'fixed'], ['inset', '0'], ['pointer-events', 'none'], ['overflow', 'hidden']]) {
        layer.style.setProperty(prop!, value!);
      }
      host.shadow.insertBefore(layer, host.mount);
      this.marks = new NoteMarks(layer, this.doc.defaultView as Window & typeof globalThis);
    }
    this.marks.set(kind, ranges);
  }

  destroy(): void {
    this.prepared = true;
    this.marks?.destroy();
    this.marks = null;
    this.noteFrame?.destroy();
    this.noteFrame = null;
    this.frameKey = null;
    this.stopAutoUpdate?.();
    this.stopReadyUpdate?.();
    if (this.host) render(null, this.host.mount);
    this.host?.destroy();
    this.host = null;
  }

  private ensureFrame(): NoteFrameHost {
    if (!this.noteFrame) {
      const host = this.ensureHost();
      const frame = (this.noteFrame = new NoteFrameHost(this.doc, host.shadow, (signal) => this.onFrame(signal)));
      // The frame is part of the card for the pointer: moving into it keeps the card open.
      frame.box.addEventListener('pointerenter', () => this.callbacks.onPointerEnterFloating());
      frame.box.addEventListener('pointerleave', () => this.callbacks.onPointerLeaveFloating());
    }
    return this.noteFrame;
  }

  /** What the note frame should show for the open view, or null; its key says when it changes. */
  private frameViewFor(view: FloatingView | null): { key: string; view: FrameView; focus: boolean } | null {
    if (!view) return null;
    if (view.kind === 'note') {
      const about = view.about ? { entityId: view.about.entityId, name: view.about.name } : undefined;
      return { key: `note:${this.shownKey}:${view.note.id}`, view: { mode: 'note', noteId: view.note.id, about }, focus: false };
    }
    if (view.kind === 'editor') {
      const heading = view.pageNote ? 'Note about this page' : 'Save note to Backstory';
      return { key: `editor:${this.shownKey}`, view: { mode: 'editor', heading, quote: view.quote || undefined, draft: this.callbacks.noteDraft(view) }, focus: true };
    }
    if (view.kind !== 'card' || !view.editing || !view.card) return null;
    const heading = `Note about ${view.card.entity.name}`;
    return { key: `card:${this.shownKey}:${view.entityId}`, view: { mode: 'editor', heading, quote: view.mentionText, draft: this.callbacks.noteDraft(view) }, focus: true };
  }

  /** Shows the open view's note part in the frame, over the slot rendered for it; empties the frame when there is none. */
  private syncFrame(): void {
    const wanted = this.frameViewFor(this.floating);
    if (!wanted) {
      if (this.frameKey) this.noteFrame?.clear();
      this.frameKey = null;
      this.frameWriting = false;
      return;
    }
    const slot = this.floatingEl?.querySelector<HTMLElement>('.frame-slot');
    if (!slot) return;
    const frame = this.ensureFrame();
    if (wanted.key === this.frameKey) {
      frame.moveTo(slot);
      return;
    }
    this.frameKey = wanted.key;
    this.frameWriting = false;
    this.frameWantsFocus = wanted.focus;
    frame.show(wanted.view, slot, (this.host?.mount.dataset.theme as 'light' | 'dark' | undefined) ?? 'light');
  }

  private frameWantsFocus = false;

  private onFrame(signal: FrameSignal): void {
    const view = this.floating;
    switch (signal.kind) {
      case 'shown':
        if (this.frameWantsFocus) {
          this.noteFrame?.focus();
          if (this.editorAskedAt) this.editorReadyMs = performance.now() - this.editorAskedAt;
          this.editorAskedAt = 0;
        }
        break;
      case 'writing':
        this.frameWriting = signal.on;
        break;
      case 'about':
        if (view?.kind === 'note' && view.about?.entityId === signal.entityId) this.callbacks.onAbout(view);
        break;
      case 'close':
        if (view?.kind === 'card' && view.editing) {
          this.patchCard(view.entityId, { editing: false, saved: signal.saved });
          this.focusFloating();
        } else if (view) {
          this.closeFloating();
        }
        break;
      default:
        break;
    }
  }

  private ensureHost(): ShadowHost {
    if (!this.host) {
      this.host = createShadowHost(this.doc, `${cardCss}\n${toolbarCss}`);
    }
    // The colours behind the text the card is about, not just <body>'s.
    const near = (this.floating ?? this.upcoming)?.anchor.range.startContainer;
    this.host.mount.dataset.theme = pageTheme(this.doc, near instanceof Element ? near : near?.parentElement);
    return this.host;
  }

  private update(reposition: boolean): void {
    if (!this.floating && !this.upcoming && !this.nav && !this.host) return;
    const host = this.ensureHost();
    const view = this.floating;
    const ready = this.upcoming;
    const boxes = [];
    if (view) {
      boxes.push(
        <div
          key={this.shownKey}
          class="floating"
          // Backstory's words are English, left to right, whatever the page's language and direction.
          lang="en"
          dir="ltr"
          onPointerEnter={() => this.callbacks.onPointerEnterFloating()}
          onPointerLeave={() => this.callbacks.onPointerLeaveFloating()}
          onKeyDown={(e) => {
            if (e.key === 'Escape') {
              e.stopPropagation();
              this.closeFloating();
            } else if (this.cycleFocus(e)) e.stopPropagation();
          }}
        >
          {view.kind === 'card'
            ? this.renderCard(view)
            : view.kind === 'figures'
              ? this.renderFigures(view)
              : view.kind === 'editor'
                ? this.renderEditor(view)
                : this.renderNote(view)}
        </div>,
      );
    }
    if (ready) {
      boxes.push(
        <div key={this.readyKey} class="upcoming" aria-hidden="true" inert lang="en" dir="ltr">
          {this.renderCard(ready)}
        </div>,
      );
    }
    // In the order they were made, so a ready card being shown never moves in the DOM (a move
    // would throw its layout away).
    boxes.sort((a, b) => Number(a.key) - Number(b.key));
    render(
      <>
        {boxes}
        {this.nav ? (
          <div
            class="nav"
            lang="en"
            dir="ltr"
            role="toolbar"
            tabIndex={0}
            aria-label="Backstory: names on this page"
            aria-keyshortcuts="ArrowRight ArrowLeft Enter Escape"
            ref={(el) => {
              this.navEl = el;
            }}
            onKeyDown={(e) => {
              if (!this.cycleFocus(e)) this.callbacks.onNavKey(e);
            }}
          >
            <span aria-live="polite">
              {this.nav.total === 0
                ? 'No highlighted names on this page'
                : `${this.nav.position} of ${this.nav.total}: ${this.nav.label}`}
            </span>
            <span aria-hidden="true">
              <kbd>←</kbd> <kbd>→</kbd> move · <kbd>Enter</kbd> open · <kbd>Esc</kbd> exit
            </span>
          </div>
        ) : null}
      </>,
      host.mount,
    );
    this.floatingEl = host.mount.querySelector<HTMLElement>(':scope > .floating');
    this.upcomingEl = host.mount.querySelector<HTMLElement>(':scope > .upcoming');
    this.syncFrame();
    if (!view) {
      this.stopAutoUpdate?.();
      this.stopAutoUpdate = null;
      return;
    }
    if (reposition) {
      this.stopAutoUpdate?.();
      this.stopAutoUpdate = this.floatingEl ? this.place(view.anchor, this.floatingEl) : null;
    }
  }

  /** What the card hangs from: the line of the name under the pointer, or the name's first line. */
  private referenceFor(anchor: Anchor) {
    const range = anchor.range;
    const pinned = anchor.rect;
    return {
      // Follow the line under the pointer while it stays in view; fall back to the whole range.
      getBoundingClientRect: () => {
        const rects = Array.from(range.getClientRects());
        if (pinned && rects.length > 1) {
          const line = rects.find((r) => Math.abs(r.top - pinned.top) < 1 && Math.abs(r.left - pinned.left) < 1);
          if (line) return line;
        }
        return rects[0] ?? range.getBoundingClientRect();
      },
      contextElement: shallowContext((range.startContainer.parentElement ?? this.doc.body) as Element),
    };
  }

  /** Where `floating` goes next to `reference`: below the name, flipped above when it does not fit. */
  private computePlacement(reference: ReturnType<PageUi['referenceFor']>, floating: HTMLElement) {
    // On a right-to-left page the card hangs from the name's right (start) edge.
    const rtl = this.doc.defaultView?.getComputedStyle(reference.contextElement).direction === 'rtl';
    // Measure the card at its natural height (capped by CSS), so flip sees when it does not
    // fit below the name; size then caps it to the room on the side chosen.
    floating.style.removeProperty('--available-height');
    // Keep clear of the keyboard toolbar at the bottom of the window while it is shown.
    const navTop = this.navEl?.getBoundingClientRect().top;
    const viewportHeight = this.doc.documentElement.clientHeight;
    const padding = navTop ? { top: 8, right: 8, left: 8, bottom: Math.max(8, viewportHeight - navTop + 8) } : 8;
    return computePosition(reference, floating, {
      strategy: 'fixed',
      placement: rtl ? 'bottom-end' : 'bottom-start',
      middleware: [
        offset(6),
        flip({ padding }),
        // Main axis only: shifting along the cross axis would make size() offer the card the
        // whole viewport's height, and it would cover the name it is about.
        shift({ padding }),
        size({
          padding,
          apply({ availableHeight, elements }) {
            elements.floating.style.setProperty('--available-height', `${Math.max(120, Math.floor(availableHeight))}px`);
          },
        }),
        // The name scrolled out of view (the page, or a scrolling box inside it): hide the card
        // rather than leave it floating over unrelated text.
        hide(),
      ],
    });
  }

  /** Keeps `floating` placed next to the anchor while the page scrolls and resizes; returns the stop. */
  private place(anchor: Anchor, floating: HTMLElement): () => void {
    const reference = this.referenceFor(anchor);
    const updatePosition = () => {
      void this.computePlacement(reference, floating).then(({ x, y, middlewareData }) => {
        floating.style.transform = `translate(${Math.round(x)}px, ${Math.round(y)}px)`;
        // Never hide a note being written, or a card the keyboard is inside: that would
        // take the reader's focus and text away. (A ready card is hidden by its class anyway.)
        const keep = floating === this.floatingEl && (this.writingNote || this.focusInside);
        floating.style.visibility = middlewareData.hide?.referenceHidden && !keep ? 'hidden' : '';
      });
    };
    return autoUpdate(reference, floating, updatePosition, { animationFrame: false });
  }

  private renderCard(view: CardView) {
    return (
      <Card
        card={view.card}
        error={view.error}
        mentionText={view.mentionText}
        articleDate={this.callbacks.articleDate()}
        mentionedNames={this.callbacks.mentionedNames().filter((n) => n !== view.card?.entity.name)}
        onOpenEntity={(entityId, name) => this.callbacks.onOpenEntity(entityId, name, view.anchor)}
        onOpenTimeline={() => this.callbacks.onOpenTimeline()}
        editing={view.editing}
        saved={view.saved}
        onViewSource={this.callbacks.onViewSource}
        onStartNote={() => {
          this.editorAskedAt = performance.now();
          this.editorReadyMs = null;
          this.patchCard(view.entityId, { editing: true, saved: false });
        }}
        onCancelNote={() => {
          this.patchCard(view.entityId, { editing: false });
          this.focusFloating();
        }}
        // The editor is the note frame, laid over this slot: note text never enters the page.
        onSaveNote={async () => null}
        validateNote={() => null}
        noteSlot={() => <div class="frame-slot" />}
        onClose={() => this.closeFloating()}
      />
    );
  }

  private renderFigures(view: FiguresView) {
    return (
      <FiguresCard
        card={view.card}
        error={view.error}
        mentionText={view.mentionText}
        articleDate={view.articleDate}
        onViewSource={(sourceId) => this.callbacks.onViewSource(sourceId)}
        onClose={() => this.closeFloating()}
      />
    );
  }

  /** The selection editor: a panel whose content is the note frame (see syncFrame). */
  private renderEditor(view: EditorView) {
    return (
      <section class="panel frame-panel" role="dialog" aria-label={view.pageNote ? 'Note about this page' : 'Save note to Backstory'}>
        <div class="frame-slot" />
      </section>
    );
  }

  /** A saved note: shown, edited and deleted in the note frame. */
  private renderNote(_view: NoteView) {
    return (
      <section class="panel frame-panel" role="dialog" aria-label="Your note">
        <div class="frame-slot" />
      </section>
    );
  }
}

/** The controls Tab reaches in `root`, in document (reading) order: enabled and shown. */
function focusablesIn(root: HTMLElement): HTMLElement[] {
  return [...root.querySelectorAll<HTMLElement>('button, a[href], input, textarea, select, summary, [tabindex]')].filter(
    (el) => el.tabIndex >= 0 && !(el as HTMLButtonElement).disabled && el.getClientRects().length > 0,
  );
}

/** The same name and the same line box of it (a name can wrap onto two lines). */
function sameAnchor(a: Anchor, b: Anchor): boolean {
  if (a.range !== b.range) return false;
  if (!a.rect || !b.rect) return a.rect === b.rect;
  return a.rect.top === b.rect.top && a.rect.left === b.rect.left;
}
