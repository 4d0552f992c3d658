/**
 * Keyboard navigation through the page's mentions and counts, in reading order: arrows (or j/k),
 * Home, End step from one to the next, each opening its card (a name's, or a count's figures
 * card) as hovering does; Enter goes into the card, Esc
 * closes it, and Esc again leaves, giving focus back where it was.
 */
import type { NavView } from '../ui/views';
import type { EntityMeta, MentionLayer } from './mentions';
import type { PageFigure, PointerCards } from './pointer-cards';
import { revealForCard } from './reveal';
import type { PageSurface } from './surface';

export interface KeyboardNavOptions {
  doc: Document;
  surface: PageSurface;
  mentions: MentionLayer;
  cards: PointerCards;
  entities: Record<string, EntityMeta>;
  /** The article's counts as drawn, each with its range (none on most pages). */
  figures?: () => Array<{ range: Range; figure: PageFigure }>;
}

/** One stop of the walk: a drawn mention (by its index) or a drawn count. */
type Stop = { kind: 'mention'; at: number; range: Range } | { kind: 'figure'; figure: PageFigure; range: Range };

export class KeyboardNav {
  private index = -1;
  /** The drawn mentions and counts, in reading (document) order. */
  private order: Stop[] = [];
  private focusBefore: Element | null = null;

  constructor(private readonly options: KeyboardNavOptions) {}

  async start(): Promise<void> {
    const { doc, surface, mentions } = this.options;
    const ui = await surface.ensureUi();
    // A second Alt+Shift+B while navigating keeps the place focus first came from, not the toolbar.
    if (!ui.navigating && !ui.contains(doc.activeElement)) this.focusBefore = doc.activeElement;
    this.order = this.stops();
    this.index = this.order.length > 0 ? 0 : -1;
    void this.move(0);
    ui.setNav(this.view());
  }

  /** A key pressed in the navigation bar. */
  onKey(e: KeyboardEvent): void {
    const ui = this.options.surface.ui;
    const count = this.order.length;
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

  /** Every drawn mention and count, in reading order. */
  private stops(): Stop[] {
    const { mentions, figures } = this.options;
    const stops: Stop[] = mentions.ranges.map((range, at) => ({ kind: 'mention', at, range }));
    for (const f of figures?.() ?? []) stops.push({ kind: 'figure', figure: f.figure, range: f.range });
    return readingOrder(stops);
  }

  private view(): NavView {
    const { mentions, entities } = this.options;
    const stop = this.order[this.index];
    const m = stop?.kind === 'mention' ? mentions.mentions[stop.at] : undefined;
    return {
      position: this.index + 1,
      total: this.order.length,
      label: m ? `${entities[m.entityId]?.name ?? m.text} (“${m.text}”)` : stop?.kind === 'figure' ? `Figures for “${stop.figure.text}”` : '',
    };
  }

  private move(delta: number): Promise<void> {
    const { mentions, surface, cards } = this.options;
    // Mentions found later (a live blog, a lazy paragraph) join the walk in the order the reader sees them.
    if (this.order.length !== mentions.ranges.length + (this.options.figures?.().length ?? 0)) {
      const at = this.order[this.index]?.range;
      this.order = this.stops();
      this.index = Math.max(0, at === undefined ? 0 : this.order.findIndex((s) => s.range === at));
    }
    const count = this.order.length;
    if (count === 0) return Promise.resolve();
    this.index = (this.index + delta + count) % count;
    const stop = this.order[this.index]!;
    const range = stop.range;
    revealForCard(range);
    surface.ensureHighlighter().set('focus', [range]);
    surface.ui?.setNav(this.view());
    // Focusing a mention or a count opens its card, as hovering does.
    if (stop.kind === 'figure') {
      cards.markShown({ range, value: { kind: 'figure', figure: stop.figure } });
      return cards.openFiguresCard(stop.figure, { range }).then(() => this.options.surface.ui?.focusNav());
    }
    const mention = mentions.mentions[stop.at]!;
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

/** `stops` sorted by where each starts in the document (a stable sort: ties keep their order). */
function readingOrder(stops: Stop[]): Stop[] {
  return [...stops].sort((a, b) => {
    try {
      return a.range.compareBoundaryPoints(Range.START_TO_START, b.range);
    } catch {
      return 0;
    }
  });
}
