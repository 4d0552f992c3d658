import { describe, expect, it } from 'vitest';
import {
  NOTE_SCHEMA_VERSION,
  createNote,
  noteQuote,
  normalizeTags,
  sameNote,
  validateNote,
  validateNoteText,
  validateTags,
  type Note,
  type NoteDraft,
} from '../../../src/notes/model';
import { describeInSentence, describeQuote, type NoteSelectors } from '../../../src/notes/selectors';
import { ARTICLE } from './article';
import { anchorNote } from '../../../src/notes/anchor';

const NOW = new Date('2018-06-20T14:00:00.000Z');

const draft = (overrides: Partial<NoteDraft> = {}): NoteDraft => ({
  pageUrl: 'https://News.example.com/2018/06/separations?utm_source=newsletter#top',
  pageTitle: '  What the zero-tolerance policy was  ',
  text: '  Compare with the June 26 injunction.  ',
  ...overrides,
});

function created(overrides: Partial<NoteDraft> = {}): Note {
  const result = createNote(draft(overrides), NOW);
  if (!result.ok) throw new Error(result.error);
  return result.note;
}

describe('createNote', () => {
  it('makes a complete W3C-shaped record from a draft', () => {
    const selector = describeQuote(ARTICLE, 10, 40);
    const note = created({ selector, tags: [' court ', 'ICE'], entityId: 'dana-sabraw', entityName: 'Dana Sabraw' });
    expect(note).toEqual({
      id: expect.stringMatching(/^urn:uuid:[0-9a-f-]{36}$/),
      schemaVersion: NOTE_SCHEMA_VERSION,
      motivation: 'commenting',
      target: {
        source: 'https://news.example.com/2018/06/separations',
        originalUrl: 'https://News.example.com/2018/06/separations?utm_source=newsletter#top',
        pageTitle: 'What the zero-tolerance policy was',
        selector,
      },
      body: { text: 'Compare with the June 26 injunction.', tags: ['court', 'ICE'] },
      entityId: 'dana-sabraw',
      entityName: 'Dana Sabraw',
      created: '2018-06-20T14:00:00.000Z',
      modified: '2018-06-20T14:00:00.000Z',
    });
  });

  it('gives every note its own id', () => {
    expect(created().id).not.toBe(created().id);
  });

  it('leaves out entity fields for a note made from a selection', () => {
    const note = created();
    expect('entityId' in note).toBe(false);
    expect('entityName' in note).toBe(false);
  });

  it('refuses an empty comment but accepts a highlight without text', () => {
    expect(createNote(draft({ text: '   ' }), NOW)).toEqual({ ok: false, error: 'Write something first.' });
    const highlight = createNote(draft({ text: '', motivation: 'highlighting', selector: describeQuote(ARTICLE, 0, 10) }), NOW);
    expect(highlight.ok).toBe(true);
  });

  it('refuses a highlight with neither text nor passage', () => {
    const result = createNote(draft({ text: '', motivation: 'highlighting' }), NOW);
    expect(result).toEqual({ ok: false, error: "This note can't be saved: a highlight needs a passage or some text." });
  });

  it('refuses pages that are not web pages', () => {
    for (const pageUrl of ['javascript:alert(1)', 'data:text/html,<b>x</b>', 'file:///tmp/a.html']) {
      const result = createNote(draft({ pageUrl }), NOW);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error).toMatch(/target\.source: must be an http\(s\) web address/);
    }
  });

  it('cuts a very long page title instead of refusing the note', () => {
    expect(created({ pageTitle: 'T'.repeat(5000) }).target.pageTitle).toHaveLength(1000);
  });

  it('refuses too many or too long tags', () => {
    const many = Array.from({ length: 21 }, (_, i) => `tag${i}`);
    expect(createNote(draft({ tags: many }), NOW)).toEqual({ ok: false, error: 'A note can have at most 20 tags (this one has 21).' });
    const long = createNote(draft({ tags: ['x'.repeat(51)] }), NOW);
    expect(long.ok ? '' : long.error).toMatch(/^Tags can be at most 50 characters \("x{20}…" has 51\)\.$/);
  });
});

describe('validateNoteText', () => {
  it('asks for text when the note is empty', () => {
    expect(validateNoteText('')).toBe('Write something first.');
    expect(validateNoteText(' \n\t ')).toBe('Write something first.');
  });

  it('accepts up to 10,000 characters and names the length beyond', () => {
    expect(validateNoteText('a'.repeat(10_000))).toBeNull();
    expect(validateNoteText('a'.repeat(12_345))).toBe('Notes can be at most 10,000 characters (this one has 12,345).');
  });

  it('counts an emoji as one character', () => {
    expect(validateNoteText('😀'.repeat(10_000))).toBeNull();
    expect(validateNoteText('😀'.repeat(10_001))).toBe('Notes can be at most 10,000 characters (this one has 10,001).');
  });

  it('lets a highlight have no text', () => {
    expect(validateNoteText('', 'highlighting')).toBeNull();
  });
});

describe('tags', () => {
  it('are trimmed, emptied ones dropped, repeats (in any case) removed, first spelling kept', () => {
    expect(normalizeTags([' ICE ', 'court', '', 'ice', '  ', 'Court', 'hhs'])).toEqual(['ICE', 'court', 'hhs']);
  });

  it('allow 20 tags of 50 characters', () => {
    expect(validateTags(Array.from({ length: 20 }, (_, i) => `${i}`.padEnd(50, 'x')))).toBeNull();
  });
});

describe('validateNote', () => {
  it('accepts a note made by createNote', () => {
    expect(validateNote(created())).toBeNull();
  });

  it('names the field that is wrong', () => {
    const note = created();
    expect(validateNote({ ...note, created: 'yesterday' })).toMatch(/^This note can't be saved: created: must be a time like/);
    expect(validateNote({ ...note, target: { ...note.target, selector: [{ type: 'TextQuoteSelector', exact: 'x' }] } })).toMatch(
      /target\.selector/,
    );
    const longQuote = { type: 'TextQuoteSelector', exact: 'q'.repeat(6000), prefix: '', suffix: '' };
    expect(validateNote({ ...note, target: { ...note.target, selector: [longQuote] } })).toBe(
      "This note can't be saved: target.selector[0].exact: quotes can be at most 5,000 characters (this one has 6,000).",
    );
    expect(validateNote({ ...note, modified: '2018-06-19T00:00:00.000Z' })).toBe("This note can't be saved: the note was modified before it was created.");
    expect(validateNote({ ...note, body: { text: 'x', tags: ['a', 'A'] } })).toBe("This note can't be saved: tags must be trimmed and not repeat.");
    expect(validateNote({ ...note, body: { text: 'x', tags: [' a'] } })).toBe("This note can't be saved: tags must be trimmed and not repeat.");
    expect(validateNote({ ...note, target: { ...note.target, source: 'https://example.com/a#frag' } })).toBe(
      "This note can't be saved: target.source is not a normalized page address.",
    );
  });
});

describe('sameNote', () => {
  it('is true for a structured copy and false when any field differs', () => {
    const note = created({ selector: describeQuote(ARTICLE, 5, 25), tags: ['a'] });
    expect(sameNote(note, structuredClone(note))).toBe(true);
    expect(sameNote(note, { ...note, body: { ...note.body, tags: ['b'] } })).toBe(false);
    expect(sameNote(note, { ...note, target: { ...note.target, selector: describeQuote(ARTICLE, 5, 26) } })).toBe(false);
    expect(sameNote(note, { ...note, entityId: 'x' })).toBe(false);
  });
});

describe('noteQuote of a note saved from a name', () => {
  const text = 'Officials met in April. Attorney General Jeff Sessions announced the policy on May 7. Critics objected.';
  const at = text.indexOf('Jeff Sessions');
  const made = (selector: NoteSelectors) => {
    const result = createNote({ pageUrl: 'https://news.example/a', pageTitle: 'A', text: 'n', entityId: 'jeff-sessions', entityName: 'Jeff Sessions', selector }, new Date());
    if (!result.ok) throw new Error(result.error);
    return result.note;
  };

  it('is the name’s sentence, for context in lists and exports', () => {
    const selector = describeInSentence(text, at, at + 'Jeff Sessions'.length);
    expect(selector[0]).toMatchObject({ exact: 'Jeff Sessions', prefix: 'Attorney General ', suffix: ' announced the policy on May 7. ' });
    expect(noteQuote(made(selector))).toBe('Attorney General Jeff Sessions announced the policy on May 7.');
    // And it still finds the name, and only that mention of it.
    expect(anchorNote(selector, `Jeff Sessions spoke. ${text}`)).toMatchObject({ start: at + 'Jeff Sessions spoke. '.length });
  });

  it('is the name alone for an older note whose context was cut anywhere', () => {
    expect(noteQuote(made(describeQuote(text, at, at + 'Jeff Sessions'.length)))).toBe('Jeff Sessions');
  });
});
