/**
 * A hostile page's spy, run in the page's main world before its own scripts (Chromium and
 * Firefox tests share it): capture listeners on window and document for every keyboard, input,
 * composition, clipboard, selection and focus event, recording what each could read; plus probes
 * the test calls — the CSS.highlights registry with each range's text, window.find, the page's
 * selection, document.activeElement and elementFromPoint, and the resource timing entries.
 */
export const SPY_SCRIPT = `(() => {
  const log = [];
  const types = ['keydown', 'keyup', 'keypress', 'beforeinput', 'input', 'textInput', 'change',
    'compositionstart', 'compositionupdate', 'compositionend', 'copy', 'cut', 'paste',
    'selectionchange', 'selectstart', 'focusin', 'focusout', 'focus', 'blur'];
  const record = (e) => {
    const t = e.target;
    log.push({
      type: e.type,
      key: typeof e.key === 'string' ? e.key : '',
      data: typeof e.data === 'string' ? e.data : '',
      clip: e.clipboardData ? e.clipboardData.getData('text/plain') : '',
      selection: String(document.getSelection()),
      value: t && typeof t.value === 'string' ? t.value : '',
      target: t && t.localName ? t.localName : String(t),
      on: e.currentTarget === window ? 'window' : 'document',
    });
  };
  for (const type of types) {
    window.addEventListener(type, record, true);
    document.addEventListener(type, record, true);
  }
  window.__spy = {
    log,
    clear: () => { log.length = 0; },
    highlights: () => {
      const out = [];
      if (!window.CSS || !CSS.highlights) return out;
      for (const [name, h] of CSS.highlights) for (const r of h) out.push({ name, text: r.toString() });
      return out;
    },
    find: (words) => words.map((w) => { getSelection().removeAllRanges(); const found = window.find(w); getSelection().removeAllRanges(); return found; }),
    selection: () => String(document.getSelection()),
    probe: (x, y) => {
      const active = document.activeElement;
      const hit = document.elementFromPoint(x, y);
      const read = (el) => el ? { tag: el.localName, text: el.textContent || '', inner: el.innerText || '', shadow: el.shadowRoot ? 'open' : null, frames: el.querySelectorAll ? el.querySelectorAll('iframe').length : 0 } : null;
      return { active: read(active), hit: read(hit), frames: window.length };
    },
    resources: () => performance.getEntriesByType('resource').map((e) => e.name),
    bodyText: () => document.documentElement.textContent,
  };
})();`;

import { expect } from 'vitest';

/** A note of distinctive words (none is on the test pages or in the pack), and an edit to it. */
export const SPY_NOTE = 'Wombat saxophone quibble';
export const SPY_EDIT = ' zeppelin';
export const SPY_WORDS = ['Wombat', 'saxophone', 'quibble', 'zeppelin'];

/** No word of `words` in `text`, case aside. */
export function expectNoNoteIn(what: string, text: string, words: readonly string[] = SPY_WORDS): void {
  for (const word of words) expect(text.toLowerCase(), `${what} holds “${word}”`).not.toContain(word.toLowerCase());
}

export interface SpyEvent {
  type: string;
  key: string;
  data: string;
  clip: string;
  selection: string;
  value: string;
  target: string;
  on: 'window' | 'document';
}

/** Every string the spy saw, one per line, for "no word of the note" checks. */
export function spyText(log: SpyEvent[]): string {
  return log.map((e) => [e.key, e.data, e.clip, e.selection, e.value].join(' ')).join('\n');
}
