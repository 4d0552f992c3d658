import { describe, expect, it, vi } from 'vitest';

describe('formatTimestamp', () => {
  it('formats like toLocaleString, from one formatter made on first use', async () => {
    vi.resetModules();
    const Original = Intl.DateTimeFormat;
    let made = 0;
    Intl.DateTimeFormat = class extends Original {
      constructor(...args: ConstructorParameters<typeof Original>) {
        super(...args);
        made++;
      }
    } as typeof Original;
    const { formatTimestamp } = await import('../../../src/components/format');
    const times = ['2026-11-29T12:45:00.000Z', '2018-06-20T09:05:00.000Z', '2021-01-01T00:00:00.000Z'];
    for (const iso of times) {
      expect(formatTimestamp(iso)).toBe(new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' }));
    }
    Intl.DateTimeFormat = Original;
    expect(made).toBe(1);
  });

  it('gives back what is not a date as it is', async () => {
    const { formatTimestamp } = await import('../../../src/components/format');
    expect(formatTimestamp('not a date')).toBe('not a date');
  });
});
