/**
 * The note record: a W3C Web Annotation in Backstory's own compact shape, the
 * limits every note obeys, and how a new note is made from what the reader
 * typed. Every way a note enters the store (saving, editing, importing,
 * migrating) is checked against the same rules here.
 */
import * as v from 'valibot';
import { characterCount, issueAtPath, formatCount } from './issues';
import { normalizePageUrl } from './url';
import { sentenceOf, type NoteSelectors, type TextQuoteSelector, type TextPositionSelector } from './selectors';

export type { NoteSelectors, TextQuoteSelector, TextPositionSelector } from './selectors';

/** The version of the record shape below; the store's migrations bring older records up to it. */
export const NOTE_SCHEMA_VERSION = 2;

export const NOTE_TEXT_MAX = 10_000;
export const QUOTE_MAX = 5_000;
/** Stored context is 32 characters (selectors.ts); other tools' annotations may carry more. */
export const QUOTE_CONTEXT_MAX = 5_000;
export const URL_MAX = 2_048;
export const TAGS_MAX = 20;
export const TAG_LENGTH_MAX = 50;
export const PAGE_TITLE_MAX = 1_000;
export const ENTITY_FIELD_MAX = 200;
export const NOTE_ID_MAX = 2_048;

export type NoteMotivation = 'commenting' | 'highlighting';

export interface Note {
  /** "urn:uuid:…" for notes made here; imported annotations keep their own IRI so re-importing finds them. */
  id: string;
  schemaVersion: number;
  motivation: NoteMotivation;
  target: {
    /** normalizePageUrl(originalUrl): the key notes are looked up by. */
    source: string;
    originalUrl: string;
    pageTitle: string;
    selector: NoteSelectors;
  };
  body: { text: string; tags: string[] };
  /** Set when the note was made from an entity's card. */
  entityId?: string;
  entityName?: string;
  /** ISO 8601 UTC with milliseconds (Date#toISOString), so string order is time order. */
  created: string;
  modified: string;
}

/** What a caller supplies to make a note; createNote fills in the rest. */
export interface NoteDraft {
  /** Defaults to 'commenting'. A 'highlighting' note may have empty text but must have a passage. */
  motivation?: NoteMotivation;
  /** The page's URL as the tab shows it. */
  pageUrl: string;
  pageTitle: string;
  /** From describeQuote(); omit for a note about the page or an entity. */
  selector?: NoteSelectors;
  text: string;
  tags?: readonly string[];
  entityId?: string;
  entityName?: string;
}

export type CreateNoteResult = { ok: true; note: Note } | { ok: false; error: string };

/** Why this text can't be saved, or null when it can. */
export function validateNoteText(text: string, motivation: NoteMotivation = 'commenting'): string | null {
  if (motivation === 'commenting' && text.trim() === '') return 'Write something first.';
  if (text.length > NOTE_TEXT_MAX) {
    const count = characterCount(text);
    if (count > NOTE_TEXT_MAX) {
      return `Notes can be at most ${formatCount(NOTE_TEXT_MAX)} characters (this one has ${formatCount(count)}).`;
    }
  }
  return null;
}

/** Trims each tag, drops empty ones and repeats ("ICE" and "ice" are one tag; the first spelling wins). */
export function normalizeTags(tags: readonly string[]): string[] {
  const seen = new Set<string>();
  const result: string[] = [];
  for (const raw of tags) {
    const tag = raw.trim();
    const key = tag.toLowerCase();
    if (tag === '' || seen.has(key)) continue;
    seen.add(key);
    result.push(tag);
  }
  return result;
}

/** Why these (normalized) tags can't be saved, or null when they can. */
export function validateTags(tags: readonly string[]): string | null {
  if (tags.length > TAGS_MAX) return `A note can have at most ${TAGS_MAX} tags (this one has ${tags.length}).`;
  for (const tag of tags) {
    const count = characterCount(tag);
    if (count > TAG_LENGTH_MAX) {
      return `Tags can be at most ${TAG_LENGTH_MAX} characters ("${tag.slice(0, 20)}…" has ${count}).`;
    }
  }
  return null;
}

export function newNoteId(): string {
  return `urn:uuid:${crypto.randomUUID()}`;
}

/**
 * A complete note from a draft, or the first reason it can't be saved.
 * Text is trimmed; the page title is cut to PAGE_TITLE_MAX because it comes
 * from the page, not from the reader.
 */
export function createNote(draft: NoteDraft, now: Date = new Date(), makeId: () => string = newNoteId): CreateNoteResult {
  const motivation = draft.motivation ?? 'commenting';
  const text = draft.text.trim();
  const textError = validateNoteText(text, motivation);
  if (textError) return { ok: false, error: textError };
  const tags = normalizeTags(draft.tags ?? []);
  const tagsError = validateTags(tags);
  if (tagsError) return { ok: false, error: tagsError };

  const time = now.toISOString();
  const note: Note = {
    id: makeId(),
    schemaVersion: NOTE_SCHEMA_VERSION,
    motivation,
    target: {
      source: normalizePageUrl(draft.pageUrl),
      originalUrl: draft.pageUrl,
      pageTitle: draft.pageTitle.trim().slice(0, PAGE_TITLE_MAX),
      selector: draft.selector ?? [],
    },
    body: { text, tags },
    created: time,
    modified: time,
  };
  if (draft.entityId !== undefined) note.entityId = draft.entityId;
  if (draft.entityName !== undefined) note.entityName = draft.entityName;

  const error = validateNote(note);
  return error ? { ok: false, error } : { ok: true, note };
}

// ---- The record's shape, checked on every write -------------------------------------------

const NOTE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** Only web pages: a javascript: or data: "page" would become a live link in the notes list. */
export function isWebUrl(url: string): boolean {
  if (!/^https?:\/\/[^/?#]/i.test(url)) return false;
  try {
    new URL(url);
    return true;
  } catch {
    return false;
  }
}

const NoteTime = v.pipe(
  v.string(),
  v.check((time) => NOTE_TIME.test(time) && !Number.isNaN(Date.parse(time)), 'must be a time like 2018-06-20T14:00:00.000Z'),
);
const WebUrl = v.pipe(
  v.string(),
  v.maxLength(URL_MAX, (issue) => `web addresses can be at most ${formatCount(URL_MAX)} characters (this one has ${formatCount(issue.input.length)})`),
  v.check(isWebUrl, 'must be an http(s) web address'),
);
const boundedText = (max: number, what: string) =>
  v.pipe(
    v.string(),
    v.maxCodePoints(max, (issue) => `${what} can be at most ${formatCount(max)} characters (this one has ${formatCount(characterCount(issue.input))})`),
  );

export const TextQuoteSelectorSchema = v.object({
  type: v.literal('TextQuoteSelector'),
  exact: v.pipe(boundedText(QUOTE_MAX, 'quotes'), v.nonEmpty('the quote is empty')),
  prefix: boundedText(QUOTE_CONTEXT_MAX, 'quote context'),
  suffix: boundedText(QUOTE_CONTEXT_MAX, 'quote context'),
});

export const TextPositionSelectorSchema = v.pipe(
  v.object({
    type: v.literal('TextPositionSelector'),
    start: v.pipe(v.number(), v.safeInteger(), v.minValue(0)),
    end: v.pipe(v.number(), v.safeInteger(), v.minValue(0)),
  }),
  v.check((position) => position.end >= position.start, 'the position ends before it starts'),
);

const NoteSchema = v.object({
  id: v.pipe(v.string(), v.nonEmpty('the id is empty'), v.maxLength(NOTE_ID_MAX)),
  schemaVersion: v.literal(NOTE_SCHEMA_VERSION),
  motivation: v.picklist(['commenting', 'highlighting']),
  target: v.object({
    source: WebUrl,
    originalUrl: WebUrl,
    pageTitle: boundedText(PAGE_TITLE_MAX, 'page titles'),
    selector: v.union(
      [
        v.strictTuple([TextQuoteSelectorSchema, TextPositionSelectorSchema]),
        v.strictTuple([TextQuoteSelectorSchema]),
        v.strictTuple([]),
      ],
      'must be [], [TextQuoteSelector] or [TextQuoteSelector, TextPositionSelector]',
    ),
  }),
  body: v.object({ text: v.string(), tags: v.array(v.string()) }),
  entityId: v.optional(boundedText(ENTITY_FIELD_MAX, 'entity ids')),
  entityName: v.optional(boundedText(ENTITY_FIELD_MAX, 'entity names')),
  created: NoteTime,
  modified: NoteTime,
});

/** Why this value is not a storable note (the first problem found), or null when it is. */
export function validateNote(value: unknown): string | null {
  const problem = noteProblem(value);
  return problem === null ? null : `This note can't be saved: ${problem}.`;
}

/**
 * The first problem with this value as a stored note, as a phrase without a
 * final period ("target.source: must be an http(s) web address"), or null.
 * For callers that put the problem in their own sentence (importing).
 */
export function noteProblem(value: unknown): string | null {
  const parsed = v.safeParse(NoteSchema, value);
  if (!parsed.success) return issueAtPath(parsed.issues[0]);
  const note = parsed.output;
  const tags = note.body.tags;
  const normalizedTags = normalizeTags(tags);
  const problem =
    validateNoteText(note.body.text, note.motivation) ??
    validateTags(tags) ??
    (normalizedTags.length !== tags.length || normalizedTags.some((tag, i) => tag !== tags[i]) ? 'tags must be trimmed and not repeat' : null) ??
    (note.target.source !== normalizePageUrl(note.target.source) ? 'target.source is not a normalized page address' : null) ??
    (note.motivation === 'highlighting' && note.body.text === '' && note.target.selector.length === 0
      ? 'a highlight needs a passage or some text'
      : null) ??
    (note.modified < note.created ? 'the note was modified before it was created' : null);
  return problem === null ? null : problem.replace(/\.$/, '');
}

/**
 * The passage a note quotes, or '' for a note about the page or an entity. A note saved from a
 * name's card quotes the name with its sentence around it (describeInSentence): lists and exports
 * show the sentence, for context.
 */
export function noteQuote(note: Note): string {
  const quote = note.target.selector[0];
  if (!quote) return '';
  if (!note.entityId) return quote.exact;
  const sentence = sentenceOf(quote);
  // Older card notes keep only a few characters either side, cut anywhere.
  return LOOKS_LIKE_A_SENTENCE.test(sentence) ? sentence : quote.exact;
}

/** Starts as a sentence does and ends with its closing punctuation. */
const LOOKS_LIKE_A_SENTENCE = /^[\p{Lu}\p{N}“"‘'(\[].*[.!?…]["”’')\]]*$/su;

/** Newest `modified` first; ties by id, descending (the order of the store's by-modified index, reversed). */
export function newestFirst(a: Pick<Note, 'id' | 'modified'>, b: Pick<Note, 'id' | 'modified'>): number {
  if (a.modified !== b.modified) return a.modified < b.modified ? 1 : -1;
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}

/** Field-by-field equality of two notes (importing uses it to recognise notes it already has). */
export function sameNote(a: Note, b: Note): boolean {
  return (
    a.id === b.id &&
    a.schemaVersion === b.schemaVersion &&
    a.motivation === b.motivation &&
    a.target.source === b.target.source &&
    a.target.originalUrl === b.target.originalUrl &&
    a.target.pageTitle === b.target.pageTitle &&
    sameSelectors(a.target.selector, b.target.selector) &&
    a.body.text === b.body.text &&
    a.body.tags.length === b.body.tags.length &&
    a.body.tags.every((tag, i) => tag === b.body.tags[i]) &&
    a.entityId === b.entityId &&
    a.entityName === b.entityName &&
    a.created === b.created &&
    a.modified === b.modified
  );
}

function sameSelectors(a: NoteSelectors, b: NoteSelectors): boolean {
  if (a.length !== b.length) return false;
  const [quoteA, positionA] = a;
  const [quoteB, positionB] = b;
  if (quoteA && quoteB && (quoteA.exact !== quoteB.exact || quoteA.prefix !== quoteB.prefix || quoteA.suffix !== quoteB.suffix)) {
    return false;
  }
  if (positionA && positionB && (positionA.start !== positionB.start || positionA.end !== positionB.end)) return false;
  return true;
}
