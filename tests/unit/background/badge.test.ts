import { describe, expect, it } from 'vitest';
import { badgeText } from '../../../src/background/badge';

describe('badgeText', () => {
  it('counts the names highlighted (a covered page, or one scanned on asking)', () => {
    expect(badgeText({ highlighting: true, names: 7 })).toBe('7');
    expect(badgeText({ highlighting: true, names: 1200 })).toBe('999+');
  });

  it('is empty on a page where nothing is highlighted, or where nothing is highlighted (paused, off, every kind switched off)', () => {
    expect(badgeText({ highlighting: false, names: 0 })).toBe('');
    expect(badgeText({ highlighting: false, names: 3 })).toBe('');
    expect(badgeText({ highlighting: true, names: 0 })).toBe('');
  });
});
