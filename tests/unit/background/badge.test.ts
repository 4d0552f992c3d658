import { describe, expect, it } from 'vitest';
import { badgeText } from '../../../src/background/badge';

describe('badgeText', () => {
  it('counts the names on a covered page', () => {
    expect(badgeText({ covered: true, names: 7 })).toBe('7');
    expect(badgeText({ covered: true, names: 1200 })).toBe('999+');
  });

  it('is empty on a page that is not covered, or where nothing is highlighted (paused, off, every kind switched off)', () => {
    expect(badgeText({ covered: false, names: 0 })).toBe('');
    expect(badgeText({ covered: false, names: 3 })).toBe('');
    expect(badgeText({ covered: true, names: 0 })).toBe('');
  });
});
