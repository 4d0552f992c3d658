import { describe, expect, it } from 'vitest';
import { commandMessage, menuClickMessage, SAVE_SELECTION_MENU } from '../../../src/background/menus';

describe('the context-menu item', () => {
  it('asks the clicked tab to open the note editor on the selection', () => {
    expect(menuClickMessage({ menuItemId: SAVE_SELECTION_MENU }, { id: 7 })).toEqual({
      tabId: 7,
      message: { type: 'backstory:note-selection' },
    });
  });

  it('ignores other menu items and clicks without a tab', () => {
    expect(menuClickMessage({ menuItemId: 'something-else' }, { id: 7 })).toBeNull();
    expect(menuClickMessage({ menuItemId: SAVE_SELECTION_MENU }, undefined)).toBeNull();
  });
});

describe('keyboard commands', () => {
  it('map to the tab requests the manifest promises', () => {
    expect(commandMessage('save-note')).toEqual({ type: 'backstory:note-selection' });
    expect(commandMessage('navigate-mentions')).toEqual({ type: 'backstory:navigate-mentions' });
    expect(commandMessage('unknown')).toBeNull();
  });
});
