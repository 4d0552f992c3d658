/** For the notes-list tests: summaries of made-up notes, and a root element removed after each test. */
import { afterEach } from 'vitest';
import { render } from 'preact';
import { createNote, type NoteDraft } from '../../../../src/notes/model';
import { summarizeNote, type NoteSummary } from '../../../../src/notes/search';

/** Note i's summary, made from `draft(i)`, each a minute after the one before. */
export function summariesOf(count: number, draft: (i: number) => NoteDraft): NoteSummary[] {
  return Array.from({ length: count }, (_, i) => {
    const made = createNote(draft(i), new Date(Date.UTC(2018, 5, 20, 12, i)));
    if (!made.ok) throw new Error(made.error);
    return summarizeNote(made.note);
  });
}

/** A fresh element in the document for each test, unmounted and removed after it. */
export function useRoot(): () => HTMLElement {
  let root: HTMLElement | null = null;
  afterEach(() => {
    if (root) render(null, root);
    root?.remove();
    root = null;
  });
  return () => {
    root ??= document.body.appendChild(document.createElement('div'));
    return root;
  };
}
