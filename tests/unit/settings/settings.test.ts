import { describe, expect, it } from 'vitest';
import { coerceSettings, DEFAULT_SETTINGS, isActiveOn } from '../../../src/settings/settings';

describe('settings', () => {
  it('falls back to defaults for missing or malformed values', () => {
    expect(coerceSettings(undefined)).toEqual(DEFAULT_SETTINGS);
    const s = coerceSettings({ paused: 'yes', disabledSites: ['a.com', 3], entityTypes: { person: false, bogus: true }, highlightStyle: 'neon' });
    expect(s.paused).toBe(false);
    expect(s.disabledSites).toEqual(['a.com']);
    expect(s.entityTypes.person).toBe(false);
    expect(s.entityTypes.term).toBe(true);
    expect(s.highlightStyle).toBe('underline');
  });

  it('is off when paused or on a disabled site', () => {
    expect(isActiveOn(DEFAULT_SETTINGS, 'news.example')).toBe(true);
    expect(isActiveOn({ ...DEFAULT_SETTINGS, paused: true }, 'news.example')).toBe(false);
    expect(isActiveOn({ ...DEFAULT_SETTINGS, disabledSites: ['news.example'] }, 'News.Example')).toBe(false);
  });
});
