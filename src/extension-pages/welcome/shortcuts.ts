/** The keyboard shortcuts as the browser has them now (a reader may have changed them). */

export interface Shortcut {
  description: string;
  /** The keys, or null when the command has none (unset, or taken by another extension). */
  keys: string | null;
}

/** Backstory's own commands, in manifest order; the browser's reserved ones (`_execute_action`) left out. */
export function shortcutsOf(commands: ReadonlyArray<{ name?: string; description?: string; shortcut?: string }>): Shortcut[] {
  return commands
    .filter((c) => c.name && !c.name.startsWith('_') && c.description)
    .map((c) => ({ description: c.description!, keys: c.shortcut ? c.shortcut : null }));
}

/** Where the reader changes them: each browser has its own page. */
export function shortcutSettingsHint(userAgent: string): string {
  return /Firefox\//.test(userAgent)
    ? 'Change them in Firefox at about:addons → the gear menu → Manage Extension Shortcuts.'
    : 'Change them at chrome://extensions/shortcuts.';
}
