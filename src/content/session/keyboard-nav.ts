/**
 * Keyboard navigation through the page's mentions, in reading order: arrows (or j/k), Home, End
 * step from name to name, each opening its card as hovering does; Enter goes into the card, Esc
 * closes it, and Esc again leaves, giving focus back where it was.
 */
import type { NavView } from '../ui/page-ui';
import type { EntityMeta, MentionLayer } from './mentions';
import type { PointerCards } from './pointer-cards';
import type { PageSurface } from './surface';

export interface KeyboardNavOptions {
  doc: Document;
  surface: PageSurface;
  mentions: MentionLayer;
  cards: PointerCards;
  entities: Record<string, EntityMeta>;
}

export class KeyboardNav {
  private index = -1;
  /** Indices into the drawn mentions, in reading (document) order. */
  private order: number[] = [];
  private focusBefore: Element | null = null;

  constructor(private readonly options: KeyboardNavOptions) {}

  async start(): Promise<void> {
    const { doc, surface, mentions } = this.options;
    const ui = await surface.ensureUi();
    // A second Alt+Shift+B while navigating keeps the place focus first came from, not the toolbar.
    if (!ui.navigating && !ui.contains(doc.activeElement)) this.focusBefore = doc.activeElement;
    this.order = readingOrder(mentions.ranges);
    this.index = mentions.mentions.length > 0 ? 0 : -1;
    void this.move(0);
    ui.setNav(this.view());
  }

  /** A key pressed in the navigation bar. */
  onKey(e: KeyboardEvent): void {
    const ui = this.options.surface.ui;
    const count = this.options.mentions.mentions.length;
    const step = STEPS[e.key];
    if (step !== undefined) {
      e.preventDefault();
      void this.move(step);
      return;
    }
    switch (e.key) {
      case 'Home':
        e.preventDefault();
        void this.move(-this.index);
        break;
      case 'End':
        e.preventDefault();
        void this.move(count - 1 - this.index);
        break;
      case 'Enter':
        e.preventDefault();
        // After Esc closed the card, Enter opens it again.
        if (ui?.current) ui.focusFloating();
        else void this.move(0).then(() => this.options.surface.ui?.focusFloating());
        break;
      case 'Escape':
        e.preventDefault();
        e.stopPropagation();
        if (ui?.current) {
          ui.closeFloating();
          ui.focusNav();
        } else this.exit();
        break;
    }
  }

  private view(): NavView {
    const { mentions, entities } = this.options;
    const m = mentions.mentions[this.order[this.index] ?? -1];
    return {
      position: this.index + 1,
      total: mentions.mentions.length,
      label: m ? `${entities[m.entityId]?.name ?? m.text} (“${m.text}”)` : '',
    };
  }

  private move(delta: number): Promise<void> {
    const { mentions, surface, cards } = this.options;
    const count = mentions.mentions.length;
    if (count === 0) return Promise.resolve();
    // Mentions found later (a live blog, a lazy paragraph) are appended to the list; the
    // keyboard walks them in the order the reader sees them.
    if (this.order.length !== count) {
      const at = this.order[this.index];
      this.order = readingOrder(mentions.ranges);
      this.index = Math.max(0, at === undefined ? 0 : this.order.indexOf(at));
    }
    this.index = (this.index + delta + count) % count;
    const i = this.order[this.index]!;
    const range = mentions.ranges[i]!;
    revealForCard(range);
    surface.ensureHighlighter().set('focus', [range]);
    surface.ui?.setNav(this.view());
    // Focusing a mention opens its card, as hovering does.
    const mention = mentions.mentions[i]!;
    cards.markShown({ range, value: { kind: 'mention', mention } });
    return cards.openCard(mention, { range }).then(() => this.options.surface.ui?.focusNav());
  }

  private exit(): void {
    const { surface } = this.options;
    surface.highlighter?.clear('focus');
    surface.ui?.setNav(null);
    this.index = -1;
    const back = this.focusBefore as HTMLElement | null;
    back?.focus?.();
  }
}

/** Keys that step to the next or previous name. */
const STEPS: Readonly<Record<string, number>> = { ArrowRight: 1, ArrowDown: 1, j: 1, ArrowLeft: -1, ArrowUp: -1, k: -1 };

/**
 * Brings a name the keyboard moved to into view a quarter of the way down the window, leaving
 * the card room to open below it. A name already comfortably in view does not move the page:
 * arrowing along a paragraph should not make it jump on every key.
 */
function revealForCard(range: Range): void {
  const win = range.startContainer.ownerDocument?.defaultView;
  const el = range.startContainer.parentElement;
  if (!win || !el) return;
  const rect = range.getBoundingClientRect();
  if (rect.top >= win.innerHeight * 0.08 && rect.bottom <= win.innerHeight * 0.45) return;
  // Scroll any scrolling boxes around it first, then place it in the window.
  el.scrollIntoView({ block: 'nearest', behavior: 'instant' as ScrollBehavior });
  win.scrollBy({ top: range.getBoundingClientRect().top - win.innerHeight * 0.25, behavior: 'instant' as ScrollBehavior });
}

/** Indices of `ranges` sorted by where each starts in the document. */
function readingOrder(ranges: Range[]): number[] {
  return ranges
    .map((_, i) => i)
    .sort((a, b) => {
      try {
        return ranges[a]!.compareBoundaryPoints(Range.START_TO_START, ranges[b]!) || a - b;
      } catch {
        return a - b;
      }
    });
}
