/**
 * The mentions a scan found, drawn as highlights. A book-length page can name people tens of
 * thousands of times and the browser paints that many highlights slowly, so the first ones are
 * drawn at once (in slices) and the rest as the reader scrolls near them.
 */
import { firstMentionEndingAfter, type Mention } from '../../detect/mentions';
import { DEFAULT_SLICE_MS, yieldToPage } from '../../detect/slices';
import { nearOffset, rangeCursor, type TextModel } from '../../detect/text-model';
import { caretAt } from '../../highlight/hit-test';
import type { Settings } from '../../settings/settings';
import type { EntityType } from '../../pack/schema';
import type { SessionProbe } from './probe';
import type { PageSurface } from './surface';

export interface EntityMeta {
  name: string;
  type: EntityType;
}

/** A mention and the range it is drawn with. */
export interface DrawnMention {
  range: Range;
  mention: Mention;
}

export interface MentionLayerOptions {
  doc: Document;
  surface: PageSurface;
  entities: Record<string, EntityMeta>;
  settings: () => Settings;
  now: () => number;
  signal: AbortSignal;
  probe?: SessionProbe;
  /** A scan's first mentions are drawn: the caller makes every drawn one hoverable. */
  onDrawn(): void;
  /** Mentions drawn as the reader scrolled: the caller makes them hoverable. */
  onDrawnLate(drawn: DrawnMention[]): void;
}

/** Mentions drawn at once; beyond these, the ones near the window as the reader scrolls. */
const FIRST_DRAWN_MENTIONS = 1500;
/** How far, in characters of text, around what the window shows pending mentions are drawn. */
const DRAW_AHEAD_CHARS = 20_000;
const MAX_DRAWN_PER_FRAME = 600;

export class MentionLayer {
  /** Drawn mentions, in the order they were drawn; `ranges[i]` draws `mentions[i]`. */
  mentions: Mention[] = [];
  ranges: Range[] = [];
  /** Mentions not drawn yet, in reading order. */
  private pending: Mention[] = [];
  /** The text model the drawn and pending mentions' offsets refer to. */
  private model: TextModel | null = null;
  private scrollWatching = false;

  constructor(private readonly options: MentionLayerOptions) {}

  /** Every mention found, drawn or still pending. */
  all(): Mention[] {
    return this.pending.length === 0 ? this.mentions : this.mentions.concat(this.pending);
  }

  get pendingCount(): number {
    return this.pending.length;
  }

  /** What the page shows is gone (a cleared page): nothing drawn, nothing pending. */
  clear(): void {
    this.ranges = [];
    this.pending = [];
  }

  /** A new page or nothing found: forget the mentions too. */
  reset(): void {
    this.clear();
    this.mentions = [];
    this.model = null;
  }

  /** Mentions the reader asked to see: entity types switched on, first mention only if chosen. */
  visible(all: Mention[], already: Mention[] = []): Mention[] {
    const settings = this.options.settings();
    const seen = new Set<string>(already.map((m) => m.entityId));
    return all.filter((m) => {
      const type = this.options.entities[m.entityId]?.type;
      if (type && !settings.entityTypes[type]) return false;
      if (settings.firstMentionOnly) {
        if (seen.has(m.entityId)) return false;
        seen.add(m.entityId);
      }
      return true;
    });
  }

  /**
   * Draws a scan's visible mentions: the first FIRST_DRAWN_MENTIONS now, the rest as the reader
   * scrolls. Returns the main-thread time spent, or null when cancelled meanwhile.
   */
  async drawScan(model: TextModel, visible: Mention[], cancelled: () => boolean): Promise<number | null> {
    this.model = model;
    this.mentions = visible.slice(0, FIRST_DRAWN_MENTIONS);
    this.pending = visible.slice(FIRST_DRAWN_MENTIONS);
    const spent = this.mentions.length > 0 ? await this.drawInSlices(model, cancelled) : 0;
    if (this.pending.length > 0) this.drawAsReaderScrolls();
    return spent;
  }

  /**
   * Ranges for the mentions, drawn in batches with a pause for the page whenever a slice has run
   * DEFAULT_SLICE_MS. Returns the time spent (pauses left out), or null when cancelled.
   */
  private async drawInSlices(model: TextModel, cancelled: () => boolean): Promise<number | null> {
    const { now, probe } = this.options;
    const all = this.mentions;
    const highlighter = this.options.surface.ensureHighlighter();
    const kept: Mention[] = [];
    let drawn: Range[] = [];
    let batch: Range[] = [];
    let spent = 0;
    let sliceStart = now();
    const flush = () => {
      drawn = drawn.length === 0 ? highlighter.set('mention', batch) : drawn.concat(highlighter.add('mention', batch));
      batch = [];
    };
    const rangeOf = rangeCursor(model);
    for (let i = 0; i < all.length; i++) {
      const m = all[i]!;
      const r = rangeOf(m.start, m.end);
      if (r) {
        batch.push(r);
        kept.push(m);
      }
      if ((i & 63) === 63 && i + 1 < all.length && now() - sliceStart >= DEFAULT_SLICE_MS) {
        flush();
        spent += now() - sliceStart;
        probe?.slice(sliceStart, now());
        await yieldToPage();
        if (cancelled()) return null;
        sliceStart = now();
      }
    }
    flush();
    this.mentions = kept;
    this.ranges = drawn;
    this.options.onDrawn();
    probe?.slice(sliceStart, now());
    return spent + now() - sliceStart;
  }

  /**
   * Highlights more mentions (offsets in `model`) beside those already drawn, keeping the ones that
   * still resolve to a range. Returns what was added; the caller makes them hoverable.
   */
  add(model: TextModel, mentions: readonly Mention[]): DrawnMention[] {
    const ranges: Range[] = [];
    const kept: Mention[] = [];
    const rangeOf = rangeCursor(model);
    for (const m of mentions) {
      const r = rangeOf(m.start, m.end);
      if (r) {
        ranges.push(r);
        kept.push(m);
      }
    }
    if (ranges.length === 0) return [];
    const drawn = this.options.surface.ensureHighlighter().add('mention', ranges);
    this.ranges = this.ranges.concat(drawn);
    this.mentions = this.mentions.concat(kept);
    return kept.map((mention, i) => ({ range: drawn[i]!, mention }));
  }

  /** Draws the pending mentions near the window whenever the reader scrolls (once per frame). */
  private drawAsReaderScrolls(): void {
    if (this.scrollWatching) return;
    this.scrollWatching = true;
    const win = this.options.doc.defaultView!;
    let frame = 0;
    win.addEventListener(
      'scroll',
      () => {
        if (frame || this.pending.length === 0) return;
        // After the frame, not in it: a hit test needs the page painted as it now scrolls, and
        // in the frame's callbacks it would make that work (on a huge page, most of the frame) ours.
        frame = win.requestAnimationFrame(() => {
          void yieldToPage().then(() => {
            frame = 0;
            this.drawNearWindow();
          });
        });
      },
      // Captured: scrolling boxes inside the page scroll too.
      { passive: true, capture: true, signal: this.options.signal },
    );
  }

  /**
   * Draws the pending mentions within DRAW_AHEAD_CHARS of the text at the top, middle or bottom of
   * the window, at most MAX_DRAWN_PER_FRAME of them.
   */
  private drawNearWindow(): void {
    const { doc, surface } = this.options;
    const model = this.model;
    const win = doc.defaultView;
    if (!model || !win || this.pending.length === 0 || !surface.highlighter) return;
    // One hit test where the middle of the window has text (each costs milliseconds on a huge page).
    let at = -1;
    for (const f of [0.5, 0.1, 0.9]) {
      const caret = caretAt(doc, win.innerWidth / 2, win.innerHeight * f);
      at = caret ? nearOffset(model, caret.node, caret.offset) : -1;
      if (at >= 0) break;
    }
    if (at < 0) return;
    const pending = this.pending;
    const from = firstMentionEndingAfter(pending, at - DRAW_AHEAD_CHARS);
    let to = firstMentionEndingAfter(pending, at + DRAW_AHEAD_CHARS);
    if (to - from > MAX_DRAWN_PER_FRAME) to = from + MAX_DRAWN_PER_FRAME;
    if (to <= from) return;
    this.options.onDrawnLate(this.add(model, pending.splice(from, to - from)));
  }
}
