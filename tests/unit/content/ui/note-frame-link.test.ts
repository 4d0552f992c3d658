import { describe, expect, it } from 'vitest';
import { frameViewFor } from '../../../../src/content/ui/note-frame-link';
import type { CardView, EditorView, NoteView } from '../../../../src/content/ui/views';
import type { EntityCard } from '../../../../src/messages/protocol';
import type { Note } from '../../../../src/notes/model';

const anchor = { range: document.createRange() };
const draft = () => ({ url: 'https://example.org/a', title: 'A', selectors: null }) as never;

describe('frameViewFor', () => {
  it('shows nothing for no view, and nothing for a card not being noted', () => {
    expect(frameViewFor(null, 1, draft)).toBeNull();
    const card: CardView = { kind: 'card', anchor, entityId: 'e', mentionText: 'E', card: null, editing: false, saved: false };
    expect(frameViewFor(card, 1, draft)).toBeNull();
    // Editing a card still loading: nothing to head the editor with yet.
    expect(frameViewFor({ ...card, editing: true }, 1, draft)).toBeNull();
  });

  it('opens the editor, focused, for a card being noted, headed with the entity’s name', () => {
    const card: CardView = {
      kind: 'card',
      anchor,
      entityId: 'e',
      mentionText: 'the mention',
      card: { entity: { name: 'Entity Name' } } as EntityCard,
      editing: true,
      saved: false,
    };
    const wanted = frameViewFor(card, 7, draft)!;
    expect(wanted.key).toBe('card:7:e');
    expect(wanted.focus).toBe(true);
    expect(wanted.view).toMatchObject({ mode: 'editor', heading: 'Note about Entity Name', quote: 'the mention' });
  });

  it('heads a page note and a passage note differently, and shows a saved note unfocused', () => {
    const editor: EditorView = { kind: 'editor', anchor, quote: '', pageNote: true };
    expect(frameViewFor(editor, 2, draft)!.view).toMatchObject({ mode: 'editor', heading: 'Note about this page', quote: undefined });
    expect(frameViewFor({ ...editor, pageNote: false, quote: 'q' }, 2, draft)!.view).toMatchObject({ heading: 'Save note to Backstory', quote: 'q' });
    const note: NoteView = { kind: 'note', anchor, note: { id: 'n1' } as Note, about: { entityId: 'e', name: 'E', mentionText: 'e' } };
    const wanted = frameViewFor(note, 3, draft)!;
    expect(wanted).toMatchObject({ key: 'note:3:n1', focus: false, view: { mode: 'note', noteId: 'n1', about: { entityId: 'e', name: 'E' } } });
  });
});
