/**
 * Cooperative time slicing, so a scan of a very long page never holds the main thread for long.
 *
 * Each stage of a scan is written once, as a generator that calls `clock.due()` at safe points
 * and `yield`s when it returns true. Run to the end in one go (`runToEnd`, with `NEVER_DUE`) it is
 * the plain synchronous function; run by `runInSlices` it stops every `sliceMs`, gives the page a
 * turn (rendering, input, its own scripts) and carries on. The same code runs either way, so the
 * results are identical on a page that does not change in between.
 */

export interface SliceClock {
  /** True when the current slice has used its time (the caller should `yield`). Cheap: reads the clock every 32nd call. */
  due(): boolean;
  /** Milliseconds this work has run so far, leaving out the time given back to the page. */
  busy(): number;
}

export type Steps<T> = Generator<void, T, void>;

/** A clock for running without slices: never due; busy time is wall time since it was made. */
export function unslicedClock(now: () => number = () => performance.now()): SliceClock {
  const start = now();
  return { due: () => false, busy: () => now() - start };
}

/** Runs a stage to its end without yielding to the page. */
export function runToEnd<T>(steps: Steps<T>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

export interface SliceOptions {
  /** Longest stretch of work before giving the page a turn. */
  sliceMs?: number;
  now?: () => number;
  /** Checked between slices: true stops the work (the result is then null). */
  cancelled?: () => boolean;
  /** How to give the page a turn; defaults to `yieldToPage`. */
  yieldToPage?: () => Promise<void>;
  /** Told the start and end (`now()` time) of every slice: for tools that attribute main-thread time. */
  onSlice?: (start: number, end: number) => void;
}

/** About a frame's worth, leaving the page room to render and answer input within 50 ms. */
export const DEFAULT_SLICE_MS = 12;

/** A clock for `runInSlices`: due once the running slice has lasted `sliceMs`. */
export class SlicedClock implements SliceClock {
  private calls = 0;
  private sliceStart = 0;
  private deadline = Infinity;
  private spent = 0;
  /** Slices started so far (1 when the work never yielded). */
  slices = 0;

  constructor(
    private readonly sliceMs: number,
    private readonly now: () => number,
  ) {}

  startSlice(): void {
    this.slices++;
    this.sliceStart = this.now();
    this.deadline = this.sliceStart + this.sliceMs;
  }

  endSlice(): void {
    this.spent += this.now() - this.sliceStart;
    this.deadline = Infinity;
  }

  due(): boolean {
    if ((++this.calls & 31) !== 0) return false;
    return this.now() >= this.deadline;
  }

  busy(): number {
    return this.deadline === Infinity ? this.spent : this.spent + this.now() - this.sliceStart;
  }
}

/**
 * Runs `make(clock)` slice by slice, giving the page a turn between slices. Resolves to the
 * result, or to null when `cancelled()` turned true at a pause (the work is abandoned there).
 */
export async function runInSlices<T>(make: (clock: SliceClock) => Steps<T>, options: SliceOptions = {}): Promise<T | null> {
  const now = options.now ?? (() => performance.now());
  const clock = new SlicedClock(options.sliceMs ?? DEFAULT_SLICE_MS, now);
  const pause = options.yieldToPage ?? yieldToPage;
  const steps = make(clock);
  for (;;) {
    if (options.cancelled?.()) {
      steps.return(undefined as never);
      return null;
    }
    clock.startSlice();
    const sliceStart = options.onSlice ? now() : 0;
    let step: IteratorResult<void, T>;
    try {
      step = steps.next();
    } finally {
      clock.endSlice();
      options.onSlice?.(sliceStart, now());
    }
    if (step.done) return step.value;
    await pause();
  }
}

/**
 * Gives the page a turn: `scheduler.yield()` where there is one (it keeps our place ahead of
 * other queued tasks), else a MessageChannel task (no 4 ms clamping as nested setTimeout has).
 */
export function yieldToPage(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  if (typeof scheduler?.yield === 'function') return scheduler.yield();
  if (typeof MessageChannel === 'function') {
    return new Promise((resolve) => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => {
        channel.port1.close();
        resolve();
      };
      channel.port2.postMessage(null);
    });
  }
  return new Promise((resolve) => setTimeout(resolve, 0));
}
