import { describe, expect, it, vi, beforeEach, afterEach } from 'vitest';
import { HoverIntent, type HoverIntentOptions } from '../../../../src/content/session/hover-intent';

function setup(options: Partial<HoverIntentOptions<string>> = {}) {
  const shown: string[] = [];
  const waiting: Array<string | null> = [];
  let hides = 0;
  const intent = new HoverIntent<string>({
    showDelay: 250,
    hideGrace: 300,
    same: (a, b) => a === b,
    show: (t) => shown.push(t),
    hide: () => hides++,
    waiting: (t) => waiting.push(t),
    ...options,
  });
  return { intent, shown, waiting, hides: () => hides };
}

describe('HoverIntent', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('opens only after the pointer rests for the show delay', () => {
    const { intent, shown } = setup();
    intent.pointerOver('a');
    vi.advanceTimersByTime(200);
    expect(shown).toEqual([]);
    intent.pointerOver('a');
    vi.advanceTimersByTime(60);
    expect(shown).toEqual(['a']);
  });

  it('does not flicker while the pointer sweeps across several highlights', () => {
    const { intent, shown } = setup();
    for (const t of ['a', 'b', 'c', 'd']) {
      intent.pointerOver(t);
      vi.advanceTimersByTime(100);
    }
    expect(shown).toEqual([]);
    vi.advanceTimersByTime(200);
    expect(shown).toEqual(['d']);
  });

  it('keeps the card while the pointer travels into it, and hides after leaving both', () => {
    const { intent, hides } = setup();
    intent.pointerOver('a');
    vi.advanceTimersByTime(260);
    intent.pointerOver(null);
    vi.advanceTimersByTime(150);
    intent.floatingHover(true);
    vi.advanceTimersByTime(1000);
    expect(hides()).toBe(0);
    intent.floatingHover(false);
    vi.advanceTimersByTime(310);
    expect(hides()).toBe(1);
    expect(intent.current).toBeNull();
  });

  it('returning to the same highlight cancels the pending hide', () => {
    const { intent, hides } = setup();
    intent.pointerOver('a');
    vi.advanceTimersByTime(260);
    intent.pointerOver(null);
    vi.advanceTimersByTime(200);
    intent.pointerOver('a');
    vi.advanceTimersByTime(500);
    expect(hides()).toBe(0);
  });
});

describe('HoverIntent across a paragraph and after Esc', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  function tracked() {
    const events: string[] = [];
    const intent = new HoverIntent<string>({
      showDelay: 250,
      hideGrace: 300,
      same: (a, b) => a === b,
      show: (t) => events.push(`show ${t}`),
      hide: () => events.push('hide'),
    });
    return { intent, events };
  }

  it('keeps the open card while the pointer crosses gaps and other highlights, then swaps without a blank', () => {
    const { intent, events } = tracked();
    intent.pointerOver('a');
    vi.advanceTimersByTime(260);
    // Sweep: gap, b, gap, c, each briefer than the show delay but longer than the hide grace in total.
    for (const t of [null, 'b', null, 'c']) {
      intent.pointerOver(t);
      vi.advanceTimersByTime(120);
    }
    expect(events).toEqual(['show a']);
    // Resting on c replaces a directly: no hide in between.
    vi.advanceTimersByTime(200);
    expect(events).toEqual(['show a', 'show c']);
    expect(intent.current).toBe('c');
  });

  it('hides once the pointer rests on plain text', () => {
    const { intent, events } = tracked();
    intent.pointerOver('a');
    vi.advanceTimersByTime(260);
    intent.pointerOver('b');
    vi.advanceTimersByTime(100);
    intent.pointerOver(null);
    vi.advanceTimersByTime(310);
    expect(events).toEqual(['show a', 'hide']);
  });

  it('does not reopen a dismissed card under a pointer that has not left its highlight', () => {
    const { intent, events } = tracked();
    intent.pointerOver('a');
    vi.advanceTimersByTime(260);
    intent.dismiss();
    // The pointer twitches within the same highlight.
    intent.pointerOver('a');
    vi.advanceTimersByTime(1000);
    intent.pointerOver('a');
    vi.advanceTimersByTime(1000);
    expect(events).toEqual(['show a']);
    // Off and back on: hover works again.
    intent.pointerOver(null);
    intent.pointerOver('a');
    vi.advanceTimersByTime(260);
    expect(events).toEqual(['show a', 'show a']);
  });

  it('after a dismissal another highlight still opens', () => {
    const { intent, events } = tracked();
    intent.pointerOver('a');
    vi.advanceTimersByTime(260);
    intent.dismiss();
    intent.pointerOver('b');
    vi.advanceTimersByTime(260);
    expect(events).toEqual(['show a', 'show b']);
  });

  it('a pending card is cancelled by Esc too', () => {
    const { intent, events } = tracked();
    intent.pointerOver('a');
    vi.advanceTimersByTime(100);
    intent.dismiss();
    vi.advanceTimersByTime(500);
    intent.pointerOver('a');
    vi.advanceTimersByTime(500);
    expect(events).toEqual([]);
  });
});

describe('HoverIntent closing its own card', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('a close caused by its own hide (which reports back as a dismissal) keeps the card the pointer has reached', () => {
    const events: string[] = [];
    // The page closes the card on hide, and every close reports back as a dismissal, as the session wires it.
    const intent: HoverIntent<string> = new HoverIntent<string>({
      showDelay: 250,
      hideGrace: 300,
      same: (a, b) => a === b,
      show: (t) => events.push(`show ${t}`),
      hide: () => {
        events.push('hide');
        intent.dismiss();
      },
    });
    intent.pointerOver('a');
    vi.advanceTimersByTime(260);
    intent.pointerOver(null);
    vi.advanceTimersByTime(310);
    expect(events).toEqual(['show a', 'hide']);
    // The pointer was last over nothing: a's highlight is not suppressed.
    intent.pointerOver('a');
    vi.advanceTimersByTime(260);
    expect(events).toEqual(['show a', 'hide', 'show a']);
  });

  it('reports the highlight it is waiting on', () => {
    const { intent } = setup();
    intent.pointerOver('a');
    expect(intent.waiting).toBe('a');
    vi.advanceTimersByTime(260);
    expect(intent.waiting).toBeNull();
    expect(intent.current).toBe('a');
  });
});

describe('HoverIntent with pointer moves not yet reported', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  function lagging() {
    const events: string[] = [];
    let unreported: string | null | undefined;
    const intent: HoverIntent<string> = new HoverIntent<string>({
      showDelay: 250,
      hideGrace: 300,
      same: (a, b) => a === b,
      show: (t) => events.push(`show ${t}`),
      hide: () => events.push('hide'),
      flush: () => {
        if (unreported === undefined) return;
        const next = unreported;
        unreported = undefined;
        intent.pointerOver(next);
      },
    });
    return { intent, events, moveUnreported: (t: string | null) => (unreported = t) };
  }

  it('keeps the card when the pointer has already reached another highlight', () => {
    const { intent, events, moveUnreported } = lagging();
    intent.pointerOver('a');
    vi.advanceTimersByTime(260);
    intent.pointerOver(null);
    moveUnreported('b');
    vi.advanceTimersByTime(310);
    expect(events).toEqual(['show a']);
    vi.advanceTimersByTime(250);
    expect(events).toEqual(['show a', 'show b']);
  });

  it('keeps the card when the pointer is back on its own highlight', () => {
    const { intent, events, moveUnreported } = lagging();
    intent.pointerOver('a');
    vi.advanceTimersByTime(260);
    intent.pointerOver(null);
    moveUnreported('a');
    vi.advanceTimersByTime(1000);
    expect(events).toEqual(['show a']);
    expect(intent.current).toBe('a');
  });

  it('hides once when the unreported move is onto plain text', () => {
    const { intent, events, moveUnreported } = lagging();
    intent.pointerOver('a');
    vi.advanceTimersByTime(260);
    intent.pointerOver(null);
    moveUnreported(null);
    vi.advanceTimersByTime(2000);
    expect(events).toEqual(['show a', 'hide']);
  });
});

describe('HoverIntent: waiting', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('says which highlight is being rested on, once, and not again when its card opens', () => {
    const { intent, waiting, shown } = setup();
    intent.pointerOver('a');
    intent.pointerOver('a');
    vi.advanceTimersByTime(260);
    expect(shown).toEqual(['a']);
    expect(waiting).toEqual(['a']);
  });

  it('says when the pointer leaves a highlight before its card opens, and moves on to the next', () => {
    const { intent, waiting, shown } = setup();
    intent.pointerOver('a');
    vi.advanceTimersByTime(100);
    intent.pointerOver('b');
    vi.advanceTimersByTime(100);
    intent.pointerOver(null);
    vi.advanceTimersByTime(1000);
    expect(shown).toEqual([]);
    expect(waiting).toEqual(['a', null, 'b', null]);
  });

  it('says nothing is waiting when Esc dismisses a card about to open', () => {
    const { intent, waiting, shown } = setup();
    intent.pointerOver('a');
    intent.dismiss();
    vi.advanceTimersByTime(1000);
    expect(shown).toEqual([]);
    expect(waiting).toEqual(['a', null]);
  });
});

describe('HoverIntent: the delay counts from the pointer event', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('opens the show delay after the pointer arrived, however late the move was hit-tested', () => {
    let clock = 1000;
    const { intent, shown } = setup({ now: () => clock });
    // The move happened 12 ms before the frame that hit-tested it.
    intent.pointerOver('a', clock - 12);
    vi.advanceTimersByTime(237);
    expect(shown).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(shown).toEqual(['a']);
    // A move already the delay old (a busy page) opens at once, never with a negative delay.
    intent.pointerOver(null);
    clock += 5000;
    intent.pointerOver('b', clock - 400);
    vi.advanceTimersByTime(0);
    expect(shown).toEqual(['a', 'b']);
    // A time that cannot be right on this clock gets the whole delay.
    intent.pointerOver('c', clock + 50);
    vi.advanceTimersByTime(249);
    expect(shown).toEqual(['a', 'b']);
    vi.advanceTimersByTime(1);
    expect(shown).toEqual(['a', 'b', 'c']);
    intent.pointerOver('d', clock - 60_000);
    vi.advanceTimersByTime(249);
    expect(shown).toEqual(['a', 'b', 'c']);
    vi.advanceTimersByTime(1);
    expect(shown).toEqual(['a', 'b', 'c', 'd']);
  });
});

describe('HoverIntent timed to frames', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  /** Animation frames every 16 ms on the fake clock, starting at `phase`. */
  function frames(phase: number) {
    const queue = new Map<number, (t: number) => void>();
    let next = 1;
    const request = (fn: (t: number) => void) => (queue.set(next, fn), next++);
    const cancel = (h: unknown) => void queue.delete(h as number);
    const tick = () => {
      const due = [...queue.values()];
      queue.clear();
      for (const fn of due) fn(Date.now());
    };
    const timer = setTimeout(function run() {
      tick();
      setTimeout(run, 16);
    }, phase);
    return { request, cancel, pending: () => queue.size, stop: () => clearTimeout(timer) };
  }

  it('shows the card in the first frame that starts no earlier than the render lead before the delay is up', () => {
    vi.setSystemTime(0);
    const clock = frames(3); // frames at 3, 19, 35, … 243, 259
    const { intent, shown } = setup({ now: () => Date.now(), frame: { ...clock, renderLead: 5 } });
    intent.pointerOver('a', 0);
    expect(intent.lastDue).toBe(250);
    vi.advanceTimersByTime(244);
    expect(clock.pending()).toBe(0);
    // The timer fires at 245 (250 − 5); the frame at 259 is the first after it.
    vi.advanceTimersByTime(1);
    expect(clock.pending()).toBe(1);
    vi.advanceTimersByTime(13);
    expect(shown).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(shown).toEqual(['a']);
    expect(Date.now()).toBe(259);
    clock.stop();
  });

  it('a frame that starts within the lead before the end of the delay shows it (painted at about the end)', () => {
    vi.setSystemTime(0);
    const clock = frames(6); // frames at …, 246, 262
    const { intent, shown } = setup({ now: () => Date.now(), frame: { ...clock, renderLead: 5 } });
    intent.pointerOver('a', 0);
    vi.advanceTimersByTime(246);
    expect(shown).toEqual(['a']);
    clock.stop();
  });

  it('leaving during the wait for the frame cancels the show', () => {
    vi.setSystemTime(0);
    const clock = frames(3);
    const { intent, shown } = setup({ now: () => Date.now(), frame: { ...clock, renderLead: 5 } });
    intent.pointerOver('a', 0);
    vi.advanceTimersByTime(250);
    expect(clock.pending()).toBe(1);
    intent.pointerOver(null);
    expect(clock.pending()).toBe(0);
    vi.advanceTimersByTime(100);
    expect(shown).toEqual([]);
    clock.stop();
  });
});
