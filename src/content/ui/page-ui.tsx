/**
 * Backstory's UI inside the page: the card, the selection-note editor and the keyboard
 * navigation bar, all rendered by Preact into the closed shadow root. The shadow host
 * is created on first use (or by `prepare`, on a covered page once it is idle), so pages
 * that never need UI never get an element.
 */
import { render } from 'preact';
import type { EntityCard } from '../../messages/protocol';
import type { FrameSignal } from '../../messages/note-frame';
import cardCss from '../../components/card/card.css?inline';
import toolbarCss from './nav-toolbar.css?inline';
import { anchorReference, computeCardPlacement, keepPlaced, sameAnchor } from './card-placement';
import { focusablesIn, nextInRing } from './focus-ring';
import { NavToolbar } from './NavToolbar';
import { frameViewFor, NoteFrameLink } from './note-frame-link';
import { NoteMarks, type MarkKind } from './note-marks';
import { createShadowHost, type ShadowHost } from './shadow-host';
import { pageTheme } from './theme';
import type { Anchor, CardView, EditorView, FiguresView, FloatingView, NavView, NoteView, PageUiCallbacks } from './views';
import { cardContent, viewContent, type ViewActions } from './view-content';
import { warmUp } from './warm-up';

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
  private warmed = false;
  private marks: NoteMarks | null = null;
  private readonly frame: NoteFrameLink;
  /** What the views' controls do. */
  private readonly viewActions: ViewActions;

  constructor(
    private readonly doc: Document,
    private readonly callbacks: PageUiCallbacks,
  ) {
    this.frame = new NoteFrameLink(doc, () => this.ensureHost().shadow, {
      // The frame is part of the card for the pointer: moving into it keeps the card open.
      pointer: (over) => (over ? callbacks.onPointerEnterFloating() : callbacks.onPointerLeaveFloating()),
      signal: (signal) => this.onFrameSignal(signal),
    });
    this.viewActions = {
      callbacks,
      startNote: (view) => {
        this.frame.editorAsked();
        this.patchCard(view.entityId, { editing: true, saved: false });
      },
      close: () => this.closeFloating(),
    };
  }

  /** ms from asking for the note editor to its text box being ready in the frame; the bench reads it. */
  get editorReadyMs(): number | null {
    return this.frame.editorReadyMs;
  }

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
    return view?.kind === 'editor' || (view?.kind === 'card' && view.editing) || (view?.kind === 'note' && this.frame.writing);
  }

  /** True while keyboard focus is inside the card, editor or note frame. */
  get focusInside(): boolean {
    const active = this.host?.shadow.activeElement;
    return !!active && (!!this.floatingEl?.contains(active) || this.frame.focused);
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
    // A key of its own: an editor opened over another starts empty, on its own passage.
    this.shownKey = this.nextKey++;
    this.frame.editorAsked();
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
    if (this.frame.showing) return this.frame.focus();
    const root = this.floatingEl;
    if (!root) return;
    focusablesIn(root)[0]?.focus();
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
    nextInRing(ring, this.host?.shadow.activeElement ?? null, e.shiftKey)?.focus();
    return true;
  }

  /**
   * Readies the UI before a card is first needed, so that hover intent can show one in the
   * very next frame: creates the shadow host, its stylesheet and the hidden note frame. The host
   * it leaves is fixed, empty and zero-sized, so the page does not move. Runs once; a no-op after
   * `destroy`. `warm` then warms the card, in a later task.
   */
  prepare(): void {
    if (this.prepared) return;
    this.prepared = true;
    this.ensureHost();
    // The note frame too, hidden, so that "Save note" only has to tell it what to show.
    this.frame.ensure();
  }

  /**
   * Warms the card with `sample` (real content, so its code paths run too; see warm-up.tsx).
   * Resolves once the sample is gone, in the same task. Runs once; a no-op after `destroy`.
   */
  warm(sample: { card: EntityCard; mentionText: string; anchor: Anchor }): Promise<void> {
    if (this.warmed || !this.host) return Promise.resolve();
    this.warmed = true;
    return warmUp(this.doc, this.host, sample, (floating) =>
      computeCardPlacement(this.doc, anchorReference(this.doc, sample.anchor), floating, this.placement),
    );
  }

  /** Draws the noted passages (or the flashed one) inside the shadow root, where the page cannot list them. */
  setMarks(kind: MarkKind, ranges: Range[]): void {
    if (!this.marks) {
      if (ranges.length === 0) return;
      this.marks = NoteMarks.under(this.ensureHost(), this.doc);
    }
    this.marks.set(kind, ranges);
  }

  destroy(): void {
    this.prepared = true;
    this.warmed = true;
    this.marks?.destroy();
    this.marks = null;
    this.frame.destroy();
    this.stopAutoUpdate?.();
    this.stopReadyUpdate?.();
    if (this.host) render(null, this.host.mount);
    this.host?.destroy();
    this.host = null;
  }

  /** The frame's signals that act on the open view. */
  private onFrameSignal(signal: FrameSignal): void {
    const view = this.floating;
    if (signal.kind === 'about') {
      if (view?.kind === 'note' && view.about?.entityId === signal.entityId) this.callbacks.onAbout(view);
    } else if (signal.kind === 'close') {
      if (view?.kind === 'card' && view.editing) {
        this.patchCard(view.entityId, { editing: false, saved: signal.saved });
        this.focusFloating();
      } else if (view) {
        this.closeFloating();
      }
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
          {viewContent(view, this.viewActions)}
        </div>,
      );
    }
    if (ready) {
      boxes.push(
        <div key={this.readyKey} class="upcoming" aria-hidden="true" inert lang="en" dir="ltr">
          {cardContent(ready, this.viewActions)}
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
          <NavToolbar
            nav={this.nav}
            onRef={(el) => {
              this.navEl = el;
            }}
            onKeyDown={(e) => {
              if (!this.cycleFocus(e)) this.callbacks.onNavKey(e);
            }}
          />
        ) : null}
      </>,
      host.mount,
    );
    this.floatingEl = host.mount.querySelector<HTMLElement>(':scope > .floating');
    this.upcomingEl = host.mount.querySelector<HTMLElement>(':scope > .upcoming');
    const slot = this.floatingEl?.querySelector<HTMLElement>('.frame-slot') ?? null;
    const theme = (host.mount.dataset.theme as 'light' | 'dark' | undefined) ?? 'light';
    this.frame.sync(frameViewFor(view, this.shownKey, this.callbacks.noteDraft), slot, theme);
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

  /** Placement keeps clear of the keyboard toolbar while it is shown. */
  private readonly placement = { toolbarTop: () => this.navEl?.getBoundingClientRect().top };

  /** Keeps `floating` placed next to the anchor while the page scrolls and resizes; returns the stop. */
  private place(anchor: Anchor, floating: HTMLElement): () => void {
    return keepPlaced(this.doc, anchor, floating, {
      ...this.placement,
      // Never hide a note being written, or a card the keyboard is inside: that would take the
      // reader's focus and text away. (A ready card is hidden by its class anyway.)
      keepShown: () => floating === this.floatingEl && (this.writingNote || this.focusInside),
    });
  }
}
