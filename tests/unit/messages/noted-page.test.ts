import { describe, expect, it, vi } from 'vitest';
import { startIfNoted } from '../../../src/messages/noted-page';

function target(loaded: boolean) {
  const noted = vi.fn();
  const flag = vi.fn();
  return { noted, flag, target: { loader: () => (loaded ? { noted } : undefined), flag } };
}

describe('startIfNoted (the noted-page script on a site with notes)', () => {
  it('asks about its own page without naming it, and starts the engine only when that page has notes', async () => {
    const sendMessage = vi.fn(async () => ({ ok: true, value: true }));
    const t = target(true);
    expect(await startIfNoted({ sendMessage }, t.target)).toBe(true);
    expect(sendMessage).toHaveBeenCalledWith({ type: 'notes:page-has-notes' });
    expect(t.noted).toHaveBeenCalledTimes(1);

    const other = target(true);
    expect(await startIfNoted({ sendMessage: async () => ({ ok: true, value: false }) }, other.target)).toBe(false);
    expect(other.noted).not.toHaveBeenCalled();
    expect(other.flag).not.toHaveBeenCalled();
  });

  it('leaves the flag for a loader that starts later', async () => {
    const t = target(false);
    await startIfNoted({ sendMessage: async () => ({ ok: true, value: true }) }, t.target);
    expect(t.flag).toHaveBeenCalledTimes(1);
  });

  it('does nothing when the background refuses, fails or is gone', async () => {
    for (const runtime of [
      { sendMessage: async () => ({ ok: false, error: 'no' }) },
      { sendMessage: async () => undefined },
      { sendMessage: async () => Promise.reject(new Error('Extension context invalidated.')) },
      null,
    ]) {
      const t = target(true);
      expect(await startIfNoted(runtime, t.target)).toBe(false);
      expect(t.noted).not.toHaveBeenCalled();
    }
  });
});
