/**
 * Hover intent for cards (WCAG 2.2 SC 1.4.13: content on hover is hoverable, persistent
 * and dismissible). A card opens only after the pointer rests on a highlight for
 * `showDelay`; it stays while the pointer travels into it (`hideGrace`), and moving
 * across a paragraph of highlights never flickers: passing over a highlight without
 * resting does nothing, and a card only swaps once the pointer rests on another one.
 */
export interface HoverIntentOptions<T> {
  showDelay: number;
  hideGrace: number;
  same(a: T, b: T): boolean;
  show(target: T): void;
  hide(): void;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
}

export class HoverIntent<T> {
  private shown: T | null = null;
  private pending: T | null = null;
  private showTimer: unknown = null;
  private hideTimer: unknown = null;
  private overFloating = false;
  private readonly setTimer: (fn: () => void, ms: number) => unknown;
  private readonly clearTimer: (handle: unknown) => void;

  constructor(private readonly options: HoverIntentOptions<T>) {
    this.setTimer = options.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
    this.clearTimer = options.clearTimer ?? ((h) => clearTimeout(h as ReturnType<typeof setTimeout>));
  }

  get current(): T | null {
    return this.shown;
  }

  /** The pointer is over `target` (a highlight) or over nothing of ours (null). */
  pointerOver(target: T | null): void {
    if (target && this.shown && this.options.same(target, this.shown)) {
      this.cancelShow();
      this.cancelHide();
      return;
    }
    if (target) {
      if (this.pending && this.options.same(target, this.pending)) return;
      this.cancelShow();
      this.pending = target;
      this.showTimer = this.setTimer(() => {
        this.showTimer = null;
        const next = this.pending;
        this.pending = null;
        if (next) {
          this.cancelHide();
          this.shown = next;
          this.options.show(next);
        }
      }, this.options.showDelay);
      return;
    }
    this.cancelShow();
    if (this.shown && !this.overFloating) this.scheduleHide();
  }

  /** The pointer entered or left the card itself. */
  floatingHover(inside: boolean): void {
    this.overFloating = inside;
    if (inside) {
      this.cancelHide();
      this.cancelShow();
    } else if (this.shown) this.scheduleHide();
  }

  /** Shown by other means (keyboard focus); hover rules apply from now on. */
  markShown(target: T): void {
    this.cancelShow();
    this.cancelHide();
    this.shown = target;
  }

  /** The card was closed (Esc, close button): forget it without calling hide again. */
  reset(): void {
    this.cancelShow();
    this.cancelHide();
    this.shown = null;
    this.overFloating = false;
  }

  private scheduleHide(): void {
    if (this.hideTimer !== null) return;
    this.hideTimer = this.setTimer(() => {
      this.hideTimer = null;
      if (this.overFloating) return;
      this.shown = null;
      this.options.hide();
    }, this.options.hideGrace);
  }

  private cancelShow(): void {
    if (this.showTimer !== null) this.clearTimer(this.showTimer);
    this.showTimer = null;
    this.pending = null;
  }

  private cancelHide(): void {
    if (this.hideTimer !== null) this.clearTimer(this.hideTimer);
    this.hideTimer = null;
  }
}
