/**
 * Backstory's UI inside the page: the card, the selection-note editor and the keyboard
 * navigation bar, all rendered by Preact into the closed shadow root. The shadow host
 * is created on first use, so pages that never need UI never get an element.
 */
import { render } from 'preact';
import { autoUpdate, computePosition, flip, hide, offset, shift, size } from '@floating-ui/dom';
import type { EntityCard } from '../messages/protocol';
import type { Note } from '../notes/model';
import { formatTimestamp } from '../ui/format';
import { Tags } from '../ui/Tags';
import { Card } from '../ui/card/Card';
import { NoteEditor } from '../ui/card/NoteEditor';
import cardCss from '../ui/card/card.css?inline';
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
}

type FloatingView = CardView | EditorView | NoteView;

export interface NavView {
  position: number;
  total: number;
  label: string;
}

export interface PageUiCallbacks {
  onViewSource(sourceId: string, excerptId?: string, quote?: string): void;
  onSaveCardNote(view: CardView, text: string, tags: string[]): Promise<string | null>;
  onSaveSelectionNote(view: EditorView, text: string, tags: string[]): Promise<string | null>;
  validateNote(text: string): string | null;
  onPointerEnterFloating(): void;
  onPointerLeaveFloating(): void;
  onClosed(): void;
  onNavKey(e: KeyboardEvent): void;
}

export class PageUi {
  private host: ShadowHost | null = null;
  private floating: FloatingView | null = null;
  private nav: NavView | null = null;
  private stopAutoUpdate: (() => void) | null = null;
  private floatingEl: HTMLElement | null = null;
  private navEl: HTMLElement | null = null;
  /** Enter pressed while the card was still loading: focus it once its content arrives. */
  private focusWhenLoaded = false;

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

  /** True while keyboard focus is inside the card or editor. */
  get focusInside(): boolean {
    const active = this.host?.shadow.activeElement;
    return !!active && !!this.floatingEl?.contains(active);
  }

  /** True when the event target is inside Backstory's UI (events from a closed shadow root retarget to the host). */
  contains(target: EventTarget | null): boolean {
    return !!this.host && target === this.host.host;
  }

  showCard(view: Omit<CardView, 'kind' | 'editing' | 'saved'> & Partial<Pick<CardView, 'editing' | 'saved'>>): void {
    this.floating = { kind: 'card', editing: false, saved: false, ...view };
    this.update(true);
  }

  patchCard(entityId: string, patch: Partial<CardView>): void {
    if (this.floating?.kind !== 'card' || this.floating.entityId !== entityId) return;
    this.floating = { ...this.floating, ...patch };
    this.update(false);
    if (this.focusWhenLoaded && (this.floating.card || this.floating.error)) {
      this.focusWhenLoaded = false;
      this.focusFloating();
    }
  }

  showEditor(view: Omit<EditorView, 'kind'>): void {
    this.floating = { kind: 'editor', ...view };
    this.update(true);
  }

  showNote(view: Omit<NoteView, 'kind'>): void {
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

  /** Moves keyboard focus into the card (its first button). */
  focusFloating(): void {
    const view = this.floating;
    // A card still loading has only its close button; wait for the actions.
    this.focusWhenLoaded = view?.kind === 'card' && !view.card && !view.error;
    // The card's first action (then Tab reaches "Save note"; Shift+Tab its sources); an
    // editor's text box; else whatever button there is. One query per choice: a selector
    // list would return the first match in document order, the close button.
    const root = this.floatingEl;
    const target =
      root?.querySelector<HTMLElement>('textarea') ??
      root?.querySelector<HTMLElement>('.actions button') ??
      root?.querySelector<HTMLElement>('button');
    target?.focus();
  }

  destroy(): void {
    this.stopAutoUpdate?.();
    if (this.host) render(null, this.host.mount);
    this.host?.destroy();
    this.host = null;
  }

  private ensureHost(): ShadowHost {
    if (!this.host) {
      this.host = createShadowHost(this.doc, cardCss);
    }
    // The colours behind the text the card is about, not just <body>'s.
    const near = this.floating?.anchor.range.startContainer;
    this.host.mount.dataset.theme = pageTheme(this.doc, near instanceof Element ? near : near?.parentElement);
    return this.host;
  }

  private update(reposition: boolean): void {
    if (!this.floating && !this.nav && !this.host) return;
    const host = this.ensureHost();
    const view = this.floating;
    render(
      <>
        {view ? (
          <div
            class="floating"
            // Backstory's words are English, left to right, whatever the page's language and direction.
            lang="en"
            dir="ltr"
            ref={(el) => {
              this.floatingEl = el;
            }}
            onPointerEnter={() => this.callbacks.onPointerEnterFloating()}
            onPointerLeave={() => this.callbacks.onPointerLeaveFloating()}
            onKeyDown={(e) => {
              if (e.key === 'Escape') {
                e.stopPropagation();
                this.closeFloating();
              }
            }}
          >
            {view.kind === 'card' ? this.renderCard(view) : view.kind === 'editor' ? this.renderEditor(view) : this.renderNote(view)}
          </div>
        ) : null}
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
            onKeyDown={(e) => this.callbacks.onNavKey(e)}
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
    if (!view) {
      this.stopAutoUpdate?.();
      this.stopAutoUpdate = null;
      return;
    }
    if (reposition) this.place(view.anchor);
  }

  private place(anchor: Anchor): void {
    this.stopAutoUpdate?.();
    const floating = this.floatingEl;
    if (!floating) return;
    const range = anchor.range;
    const pinned = anchor.rect;
    const reference = {
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
    // On a right-to-left page the card hangs from the name's right (start) edge.
    const rtl = this.doc.defaultView?.getComputedStyle(reference.contextElement).direction === 'rtl';
    const updatePosition = () => {
      // Measure the card at its natural height (capped by CSS), so flip sees when it does not
      // fit below the name; size then caps it to the room on the side chosen.
      floating.style.removeProperty('--available-height');
      // Keep clear of the keyboard toolbar at the bottom of the window while it is shown.
      const navTop = this.navEl?.getBoundingClientRect().top;
      const viewportHeight = this.doc.documentElement.clientHeight;
      const padding = navTop ? { top: 8, right: 8, left: 8, bottom: Math.max(8, viewportHeight - navTop + 8) } : 8;
      void computePosition(reference, floating, {
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
      }).then(({ x, y, middlewareData }) => {
        floating.style.transform = `translate(${Math.round(x)}px, ${Math.round(y)}px)`;
        // Never hide a note being written, or a card the keyboard is inside: that would
        // take the reader's focus and text away.
        const view = this.floating;
        const keep = view?.kind === 'editor' || (view?.kind === 'card' && view.editing) || this.focusInside;
        floating.style.visibility = middlewareData.hide?.referenceHidden && !keep ? 'hidden' : '';
      });
    };
    this.stopAutoUpdate = autoUpdate(reference, floating, updatePosition, { animationFrame: false });
  }

  private renderCard(view: CardView) {
    return (
      <Card
        card={view.card}
        error={view.error}
        mentionText={view.mentionText}
        editing={view.editing}
        saved={view.saved}
        onViewSource={this.callbacks.onViewSource}
        onStartNote={() => this.patchCard(view.entityId, { editing: true, saved: false })}
        onCancelNote={() => {
          this.patchCard(view.entityId, { editing: false });
          this.focusFloating();
        }}
        onSaveNote={async (text, tags) => {
          const error = await this.callbacks.onSaveCardNote(view, text, tags);
          if (!error) {
            this.patchCard(view.entityId, { editing: false, saved: true });
            this.focusFloating();
          }
          return error;
        }}
        validateNote={this.callbacks.validateNote}
        onClose={() => this.closeFloating()}
      />
    );
  }

  private renderEditor(view: EditorView) {
    return (
      <section class="panel" role="dialog" aria-label="Save note to Backstory">
        <NoteEditor
          heading={view.pageNote ? 'Note about this page' : 'Save note to Backstory'}
          quote={view.quote || undefined}
          validate={this.callbacks.validateNote}
          onSave={async (text, tags) => {
            const error = await this.callbacks.onSaveSelectionNote(view, text, tags);
            if (!error) this.closeFloating();
            return error;
          }}
          onCancel={() => this.closeFloating()}
        />
      </section>
    );
  }

  private renderNote(view: NoteView) {
    const { note } = view;
    return (
      <section class="panel" role="dialog" aria-label="Your note">
        <div class="card-header">
          <div>
            <p class="kind">Your note{note.entityName ? ` · ${note.entityName}` : ''}</p>
          </div>
          <button type="button" class="close" aria-label="Close note" onClick={() => this.closeFloating()}>
            <span aria-hidden="true">×</span>
          </button>
        </div>
        <p class="note-text">{note.body.text}</p>
        <Tags tags={note.body.tags} />
        <p class="muted small">Saved {formatTimestamp(note.created)}. Edit or delete it in Backstory’s popup.</p>
      </section>
    );
  }
}
