/**
 * Hover intent for cards (WCAG 2.2 SC 1.4.13: content on hover is hoverable, persistent
 * and dismissible). A card opens only after the pointer rests on a highlight for
 * `showDelay`; it stays while the pointer travels into it (`hideGrace`), and moving
 * across a paragraph of highlights never flickers: passing over a highlight without
 * resting does nothing, and a card only swaps once the pointer rests on another one. While
 * the pointer crosses the gaps between highlights the open card stays (no blank frame
 * between two cards), and a card dismissed with Esc does not reopen under a pointer that
 * has not moved off its highlight.
 */
export interface HoverIntentOptions<T> {
  showDelay: number;
  hideGrace: number;
  same(a: T, b: T): boolean;
  show(target: T): void;
  hide(): void;
  /**
   * Called just before the card would hide: report any pointer position not passed on yet
   * (moves are hit-tested once per frame, and frames lag on a busy page), so a pointer that
   * has already reached the next highlight keeps the card instead of blanking it.
   */
  flush?: () => void;
  /**
   * The highlight the pointer rests on, whose card will open when the show delay is up, or
   * null when the pointer left it first (not when its card opens). Lets the card get ready
   * during the delay.
   */
  waiting?: (target: T | null) => void;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
  /**
   * Shows the card inside an animation frame (requestAnimationFrame) rather than from the timer,
   * in the first frame that starts no earlier than `renderLead` ms before the delay is up: that
   * frame paints the card at about the end of the delay. Shown from the timer instead, the card
   * waits for the next frame, which may be a whole frame away. Absent: shown from the timer.
   */
  frame?: { request(fn: (frameStart: number) => void): unknown; cancel(handle: unknown): void; renderLead: number };
  /** The clock `pointerOver`'s `at` is read against (default: performance.now). */
  now?: () => number;
}

/** A pointer event older than this is not trusted to date the pointer's arrival. */
const STALE_POINTER_MS = 1000;

export class HoverIntent<T> {
  private shown: T | null = null;
  private pending: T | null = null;
  private showTimer: unknown = null;
  private showFrame: unknown = null;
  /** When the pending card's delay is up (the `now` clock), for figures. */
  private due = 0;
  private hideTimer: unknown = null;
  private overFloating = false;
  /** The last thing the pointer was over (a highlight, or null for anything else). */
  private lastOver: T | null = null;
  /** Dismissed while the pointer was on it: stays closed until the pointer leaves it. */
  private suppressed: T | null = null;
  /** Inside our own `hide` call: the close it causes is ours, not the reader's. */
  private hiding = false;
  private readonly setTimer: (fn: () => void, ms: number) => unknown;
  private readonly clearTimer: (handle: unknown) => void;
  private readonly now: () => number;

  constructor(private readonly options: HoverIntentOptions<T>) {
    this.setTimer = options.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
    this.clearTimer = options.clearTimer ?? ((h) => clearTimeout(h as ReturnType<typeof setTimeout>));
    this.now = options.now ?? (() => performance.now());
  }

  get current(): T | null {
    return this.shown;
  }

  /** When the last card's show delay was up (its pointer's arrival plus the delay), on the `now` clock. */
  get lastDue(): number {
    return this.due;
  }

  /** A highlight the pointer is resting on, whose card opens when the show delay is up. */
  get waiting(): T | null {
    return this.pending;
  }

  /**
   * The pointer is over `target` (a highlight) or over nothing of ours (null), since `at` (the
   * pointer event's time): the show delay counts from when the pointer arrived, not from when
   * the move was hit-tested, one frame or more later. (Timed from the hit test, a 250 ms delay
   * is a whole number of 60 Hz frames and would end just after a frame began, every time,
   * leaving the card a full frame to wait.)
   */
  pointerOver(target: T | null, at: number = this.now()): void {
    this.lastOver = target;
    if (this.suppressed) {
      if (target && this.options.same(target, this.suppressed)) return;
      this.suppressed = null;
    }
    if (target && this.shown && this.options.same(target, this.shown)) {
      this.cancelShow();
      this.cancelHide();
      return;
    }
    if (target) {
      // On another highlight the open card stays until this one has been rested on and
      // replaces it: sweeping across a paragraph never blanks the card in between.
      this.cancelHide();
      if (this.pending && this.options.same(target, this.pending)) return;
      this.cancelShow();
      this.pending = target;
      this.options.waiting?.(target);
      // A time that makes no sense on this clock (another time base, a stalled page) counts as now.
      const since = this.now() - at;
      const rested = since > 0 && since < STALE_POINTER_MS ? Math.min(since, this.options.showDelay) : 0;
      const wait = this.options.showDelay - rested;
      this.due = this.now() + wait;
      const frame = this.options.frame;
      this.showTimer = this.setTimer(
        () => {
          this.showTimer = null;
          if (!frame) return this.showPending();
          this.showFrame = frame.request(() => {
            this.showFrame = null;
            this.showPending();
          });
        },
        Math.max(0, wait - (frame?.renderLead ?? 0)),
      );
      return;
    }
    this.cancelShow();
    if (this.shown && !this.overFloating) this.scheduleHide();
  }

  private showPending(): void {
    const next = this.pending;
    this.pending = null;
    if (!next) return;
    this.cancelHide();
    this.shown = next;
    this.options.show(next);
  }

  /** The pointer entered or left the card itself. */
  floatingHover(inside: boolean): void {
    this.overFloating = inside;
    if (inside) {
      // Over the card, not over any highlight: closing the card from here suppresses nothing.
      this.lastOver = null;
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
    // The close our own hide caused: the state is already right, and a card the pointer has
    // meanwhile reached must still open.
    if (this.hiding) return;
    this.cancelShow();
    this.cancelHide();
    this.shown = null;
    this.overFloating = false;
    this.suppressed = null;
  }

  /**
   * The reader closed the card (Esc, close button). Like `reset`, and the highlight under
   * the pointer does not reopen until the pointer leaves it (SC 1.4.13: dismissible without
   * moving the pointer, and it stays dismissed).
   */
  dismiss(): void {
    if (this.hiding) return;
    this.reset();
    this.suppressed = this.lastOver;
  }

  private scheduleHide(): void {
    if (this.hideTimer !== null) return;
    this.hideTimer = this.setTimer(() => {
      this.hideTimer = null;
      this.options.flush?.();
      // Decided here and now: a flush onto plain text must not schedule a second hide.
      this.cancelHide();
      if (this.overFloating || this.pending !== null) return;
      if (this.lastOver !== null && this.shown !== null && this.options.same(this.lastOver, this.shown)) return;
      this.shown = null;
      this.hiding = true;
      try {
        this.options.hide();
      } finally {
        this.hiding = false;
      }
    }, this.options.hideGrace);
  }

  private cancelShow(): void {
    if (this.showTimer !== null) this.clearTimer(this.showTimer);
    this.showTimer = null;
    if (this.showFrame !== null) this.options.frame?.cancel(this.showFrame);
    this.showFrame = null;
    const was = this.pending;
    this.pending = null;
    if (was !== null) this.options.waiting?.(null);
  }

  private cancelHide(): void {
    if (this.hideTimer !== null) this.clearTimer(this.hideTimer);
    this.hideTimer = null;
  }
}
