import { describe, expect, it, vi, beforeEach, afterEach } from 'vitest';
import { HoverIntent } from '../../../src/page/hover-intent';

function setup() {
  const shown: string[] = [];
  let hides = 0;
  const intent = new HoverIntent<string>({
    showDelay: 250,
    hideGrace: 300,
    same: (a, b) => a === b,
    show: (t) => shown.push(t),
    hide: () => hides++,
  });
  return { intent, shown, hides: () => hides };
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
