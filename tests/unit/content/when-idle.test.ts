import { describe, expect, it, vi } from 'vitest';
import { whenIdle } from '../../../src/content/when-idle';

describe('whenIdle', () => {
  it('waits for the window’s idle callback, asked on the window with the timeout given', async () => {
    let idle: (() => void) | undefined;
    const view = {
      requestIdleCallback: vi.fn(function (this: unknown, fn: () => void, options: { timeout: number }) {
        expect(this).toBe(view);
        expect(options.timeout).toBe(750);
        idle = fn;
        return 1;
      }),
    };
    let settled = false;
    const waiting = whenIdle(view as unknown as Window & typeof globalThis, 750).then(() => (settled = true));
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(settled).toBe(false);
    idle!();
    await waiting;
    expect(settled).toBe(true);
  });

  it('resolves after a task where the browser has no idle callbacks', async () => {
    vi.useFakeTimers();
    try {
      let settled = false;
      const waiting = whenIdle({} as Window & typeof globalThis, 2000).then(() => (settled = true));
      await Promise.resolve();
      expect(settled).toBe(false);
      await vi.advanceTimersByTimeAsync(0);
      await waiting;
      expect(settled).toBe(true);
    } finally {
      vi.useRealTimers();
    }
  });
});
