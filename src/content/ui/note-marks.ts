/**
 * The reader's noted passages, drawn as boxes inside the closed shadow root rather than as CSS
 * highlights: `CSS.highlights` can be listed by the page, and each range's text read, so a
 * highlight would tell the page where the reader took notes. The boxes follow the ranges' client
 * rects, redrawn at most once a frame on scroll (any scroller), resize and reflow.
 */
import type { ShadowHost } from './shadow-host';

export type MarkKind = 'note' | 'flash';

const MARK_STYLE: Record<MarkKind, Array<[string, string]>> = {
  note: [
    ['background-color', 'rgba(56, 152, 236, 0.24)'],
    ['box-shadow', 'inset 0 -2px 0 rgba(37, 99, 235, 0.9)'],
  ],
  flash: [['background-color', 'rgba(37, 99, 235, 0.4)']],
};

export class NoteMarks {
  private readonly ranges = new Map<MarkKind, Range[]>();
  private frame = 0;
  private listening = false;
  private observer: ResizeObserver | null = null;
  private readonly redraw = () => this.schedule();

  constructor(
    private readonly layer: HTMLElement,
    private readonly win: Window & typeof globalThis,
  ) {}

  /** Marks in a layer of their own in `host`'s shadow root, under the card. */
  static under(host: ShadowHost, doc: Document): NoteMarks {
    const layer = doc.createElement('div');
    layer.className = 'marks';
    // Under the card, never in the way of the pointer or the accessibility tree.
    layer.setAttribute('aria-hidden', 'true');
    for (const [prop, value] of [['position', 'fixed'], ['inset', '0'], ['pointer-events', 'none'], ['overflow', 'hidden']]) {
      layer.style.setProperty(prop!, value!);
    }
    host.shadow.insertBefore(layer, host.mount);
    return new NoteMarks(layer, doc.defaultView as Window & typeof globalThis);
  }

  /** Replaces the boxes of one kind; none left means no listener left either. */
  set(kind: MarkKind, ranges: Range[]): void {
    if (ranges.length > 0) this.ranges.set(kind, ranges);
    else this.ranges.delete(kind);
    this.listen(this.ranges.size > 0);
    this.draw();
  }

  destroy(): void {
    this.ranges.clear();
    this.listen(false);
    this.layer.replaceChildren();
  }

  private listen(on: boolean): void {
    if (on === this.listening) return;
    this.listening = on;
    const { win } = this;
    if (on) {
      // Capture: scrolling boxes inside the page move their text too, and scroll does not bubble.
      win.addEventListener('scroll', this.redraw, { capture: true, passive: true });
      win.addEventListener('resize', this.redraw, { passive: true });
      this.observer = new win.ResizeObserver(this.redraw);
      const doc = win.document;
      this.observer.observe(doc.documentElement);
      if (doc.body) this.observer.observe(doc.body);
    } else {
      win.removeEventListener('scroll', this.redraw, { capture: true });
      win.removeEventListener('resize', this.redraw);
      this.observer?.disconnect();
      this.observer = null;
      if (this.frame) win.cancelAnimationFrame(this.frame);
      this.frame = 0;
    }
  }

  private schedule(): void {
    if (this.frame) return;
    this.frame = this.win.requestAnimationFrame(() => {
      this.frame = 0;
      this.draw();
    });
  }

  /** One box per line box of each range, in viewport coordinates (the host is fixed at 0,0); off-screen lines are skipped. */
  private draw(): void {
    const doc = this.layer.ownerDocument;
    const height = this.win.innerHeight;
    const width = this.win.innerWidth;
    const boxes: HTMLElement[] = [];
    for (const [kind, ranges] of this.ranges) {
      for (const range of ranges) {
        for (const rect of Array.from(range.getClientRects())) {
          if (rect.width === 0 || rect.bottom < 0 || rect.top > height || rect.right < 0 || rect.left > width) continue;
          const box = doc.createElement('div');
          box.className = kind;
          const style = box.style;
          style.setProperty('position', 'absolute');
          style.setProperty('left', `${rect.left}px`);
          style.setProperty('top', `${rect.top}px`);
          style.setProperty('width', `${rect.width}px`);
          style.setProperty('height', `${rect.height}px`);
          style.setProperty('pointer-events', 'none');
          style.setProperty('border-radius', '2px');
          for (const [prop, value] of MARK_STYLE[kind]) style.setProperty(prop, value);
          boxes.push(box);
        }
      }
    }
    this.layer.replaceChildren(...boxes);
  }
}
