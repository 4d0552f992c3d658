import { describe, expect, it } from 'vitest';
import { shortcutSettingsHint, shortcutsOf } from '../../../../src/extension-pages/welcome/shortcuts';

describe('shortcutsOf', () => {
  it('lists Backstory’s commands with the keys the browser has now, and says when none are set', () => {
    const listed = shortcutsOf([
      { name: '_execute_action', description: '', shortcut: 'Ctrl+Shift+Y' },
      { name: 'save-note', description: 'Save a note on the selected text', shortcut: 'Ctrl+Shift+K' },
      { name: 'navigate-mentions', description: 'Move through the highlighted names on the page', shortcut: '' },
    ]);
    expect(listed).toEqual([
      { description: 'Save a note on the selected text', keys: 'Ctrl+Shift+K' },
      { description: 'Move through the highlighted names on the page', keys: null },
    ]);
  });

  it('points each browser to its own shortcut settings', () => {
    expect(shortcutSettingsHint('Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0')).toMatch(/about:addons/);
    expect(shortcutSettingsHint('Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/140.0 Safari/537.36')).toMatch(/chrome:\/\/extensions\/shortcuts/);
  });
});
