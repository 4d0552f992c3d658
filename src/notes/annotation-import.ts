/**
 * Reading annotations from a parsed file into notes. Accepts Backstory's own
 * export and other tools' annotations where they fit the note model:
 *   - W3C Web Annotations: one Annotation, a list of them, an
 *     AnnotationPage or an AnnotationCollection with embedded pages; body as
 *     a string, a TextualBody or a list; target as a URL, a resource or a
 *     list of one, with TextQuoteSelector / TextPositionSelector (others, such
 *     as Hypothesis's RangeSelector, are ignored);
 *   - Hypothesis's own JSON (its API rows, or its export file's `annotations`).
 * Every annotation is checked and every problem reported with where it is;
 * nothing is converted partially. Text is kept exactly, markup and script
 * included: it is shown as text, never as HTML.
 */
import * as v from 'valibot';
import { characterCount, formatCount, issuePath } from './issues';
import {
  ENTITY_FIELD_MAX,
  NOTE_ID_MAX,
  NOTE_SCHEMA_VERSION,
  PAGE_TITLE_MAX,
  QUOTE_CONTEXT_MAX,
  QUOTE_MAX,
  URL_MAX,
  isWebUrl,
  normalizeTags,
  noteProblem,
  validateNoteText,
  validateTags,
  type Note,
  type NoteMotivation,
} from './model';
import type { NoteSelectors, TextPositionSelector, TextQuoteSelector } from './selectors';
import { normalizePageUrl } from './url';

/** Backstory's own fields in exported annotations (an absolute IRI scheme, so plain JSON-LD keeps them). */
export const BACKSTORY = {
  entityId: 'backstory:entityId',
  entityName: 'backstory:entityName',
  pageTitle: 'backstory:pageTitle',
  originalUrl: 'backstory:originalUrl',
  schemaVersion: 'backstory:schemaVersion',
} as const;

export type ConversionResult = { ok: true; notes: Note[] } | { ok: false; problems: string[]; total: number };

type Problems = string[];

/**
 * Notes from a parsed import file, or every problem found (the first
 * `maxListed` spelled out; `total` counts them all).
 */
export function notesFromAnnotationFile(data: unknown, now: Date, maxListed = 5): ConversionResult {
  const unwrapped = annotationItems(data);
  if (typeof unwrapped === 'string') return { ok: false, problems: [unwrapped], total: 1 };

  const problems: string[] = [];
  let total = 0;
  const notes: Note[] = [];
  const firstIndexById = new Map<string, number>();
  unwrapped.forEach((item, index) => {
    const itemProblems: Problems = [];
    const note = noteFromItem(item, now, itemProblems);
    if (note) {
      const earlier = firstIndexById.get(note.id);
      if (earlier !== undefined) itemProblems.push(`has the same id as annotation ${earlier + 1} (${truncate(note.id, 80)})`);
      else firstIndexById.set(note.id, index);
    }
    if (itemProblems.length > 0) {
      total += itemProblems.length;
      for (const problem of itemProblems) if (problems.length < maxListed) problems.push(`Annotation ${index + 1}: ${problem}.`);
    } else if (note) {
      notes.push(note);
    }
  });
  if (total > 0) {
    if (total > problems.length) problems.push(`…and ${formatCount(total - problems.length)} more ${total - problems.length === 1 ? 'problem' : 'problems'}.`);
    return { ok: false, problems, total };
  }
  return { ok: true, notes };
}

// ---- Containers ------------------------------------------------------------------------------

/** The annotations in a file, or why the file is not a set of annotations. */
function annotationItems(data: unknown): unknown[] | string {
  if (Array.isArray(data)) return data;
  if (!isRecord(data)) return notAnnotations;
  if (Array.isArray(data.annotations)) return data.annotations; // Hypothesis's export file
  const types = typesOf(data);
  if (types.includes('Annotation') || isHypothesisRow(data)) return [data];
  if (types.includes('AnnotationPage')) return pageItems(data);
  if (types.includes('AnnotationCollection')) {
    const first = data.first;
    if (first === undefined) return Array.isArray(data.items) ? data.items : data.total === 0 ? [] : 'This AnnotationCollection has no "first" page of annotations.';
    if (typeof first === 'string') {
      return 'This AnnotationCollection only links to its pages (first is a web address); export it with its annotations included.';
    }
    return pageItems(first);
  }
  return notAnnotations;
}

const notAnnotations =
  "This file doesn't look like annotations: expected a Backstory export, an AnnotationCollection, an AnnotationPage, an Annotation or a list of annotations.";

/** Items of an AnnotationPage and of any next pages embedded after it. */
function pageItems(page: unknown): unknown[] | string {
  const items: unknown[] = [];
  for (let current = page, count = 0; current !== undefined && count < 10_000; count++) {
    if (!isRecord(current) || !Array.isArray(current.items)) return 'An AnnotationPage in this file has no "items" list.';
    for (const item of current.items) items.push(item); // not push(...items): a huge page would overflow the argument limit
    current = isRecord(current.next) ? current.next : undefined;
  }
  return items;
}

// ---- One annotation ----------------------------------------------------------------------------

function noteFromItem(item: unknown, now: Date, problems: Problems): Note | undefined {
  if (!isRecord(item)) return void problems.push('is not an annotation object');
  if (typesOf(item).includes('Annotation')) return noteFromW3C(item, now, problems);
  if (isHypothesisRow(item)) return noteFromHypothesis(item, now, problems);
  return void problems.push('is not an annotation (it has no "type": "Annotation")');
}

const Timestamp = v.pipe(
  v.string('must be a date and time'),
  v.regex(/^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/i, 'must be an ISO date and time like 2018-06-20T14:00:00Z'),
  v.check((time) => !Number.isNaN(Date.parse(time)), 'is not a real date'),
);
const Id = v.pipe(v.string('must be text'), v.nonEmpty('is empty'), v.maxLength(NOTE_ID_MAX, `can be at most ${formatCount(NOTE_ID_MAX)} characters`));
const EntityField = v.pipe(
  v.string('must be text'),
  v.maxCodePoints(ENTITY_FIELD_MAX, (issue) => `can be at most ${ENTITY_FIELD_MAX} characters (this one has ${formatCount(characterCount(issue.input))})`),
);
const PageTitle = v.pipe(
  v.string('must be text'),
  v.maxCodePoints(PAGE_TITLE_MAX, (issue) => `page titles can be at most ${formatCount(PAGE_TITLE_MAX)} characters (this one has ${formatCount(characterCount(issue.input))})`),
);
const WebAddress = v.pipe(
  v.string('must be a web address'),
  v.maxLength(URL_MAX, (issue) => `web addresses can be at most ${formatCount(URL_MAX)} characters (this one has ${formatCount(issue.input.length)})`),
  v.check(isWebUrl, (issue) => `must be an http(s) web address, not ${JSON.stringify(truncate(String(issue.input), 60))}`),
);
const contextText = v.pipe(
  v.string('must be text'),
  v.maxCodePoints(QUOTE_CONTEXT_MAX, (issue) => `quote context can be at most ${formatCount(QUOTE_CONTEXT_MAX)} characters (this one has ${formatCount(characterCount(issue.input))})`),
);
const QuoteSelectorInput = v.looseObject({
  exact: v.pipe(
    v.string('must be text'),
    v.nonEmpty('the quote is empty'),
    v.maxCodePoints(QUOTE_MAX, (issue) => `quotes can be at most ${formatCount(QUOTE_MAX)} characters (this one has ${formatCount(characterCount(issue.input))})`),
  ),
  prefix: v.optional(contextText, ''),
  suffix: v.optional(contextText, ''),
});
const Offset = v.pipe(v.number('must be a number'), v.safeInteger('must be a whole number'), v.minValue(0, 'must not be negative'));
const PositionSelectorInput = v.pipe(
  v.looseObject({ start: Offset, end: Offset }),
  v.check((position) => position.end >= position.start, 'the position ends before it starts'),
);

/** Parses `value` with `schema`, reporting problems under `path`; undefined when invalid. */
function check<TSchema extends v.GenericSchema>(schema: TSchema, value: unknown, path: string, problems: Problems): v.InferOutput<TSchema> | undefined {
  // abortPipeEarly: one message per field ("not a date" needs no "and not ISO" too).
  const result = v.safeParse(schema, value, { abortPipeEarly: true });
  if (result.success) return result.output;
  for (const issue of result.issues) {
    const inner = issuePath(issue);
    const full = !inner ? path : !path ? inner : inner.startsWith('[') ? `${path}${inner}` : `${path}.${inner}`;
    problems.push(full ? `${full}: ${issue.message}` : issue.message);
  }
  return undefined;
}

interface NoteParts {
  id: string | undefined;
  motivation: string | undefined;
  created: string | undefined;
  modified: string | undefined;
  text: string;
  tags: string[];
  source: string | undefined;
  originalUrl: string | undefined;
  pageTitle: string;
  selector: NoteSelectors;
  entityId: string | undefined;
  entityName: string | undefined;
}

function noteFromW3C(item: Record<string, unknown>, now: Date, problems: Problems): Note | undefined {
  const id = optional(Id, item.id ?? item['@id'], 'id', problems);
  const motivations = stringList(item.motivation);
  const created = optional(Timestamp, item.created, 'created', problems);
  const modified = optional(Timestamp, item.modified, 'modified', problems);
  const entityId = optional(EntityField, item[BACKSTORY.entityId], BACKSTORY.entityId, problems);
  const entityName = optional(EntityField, item[BACKSTORY.entityName], BACKSTORY.entityName, problems);

  const body = bodyParts(item, motivations.includes('tagging'), problems);
  const target = targetParts(item.target, problems);
  if (!target) return undefined;
  return assemble(
    {
      id,
      motivation: motivations.find((m) => m === 'commenting' || m === 'highlighting'),
      created,
      modified,
      text: body.texts.join('\n\n'),
      tags: body.tags,
      ...target,
      entityId,
      entityName,
    },
    now,
    problems,
  );
}

/** Hypothesis API rows: {id, created, updated, uri, text, tags, target: [{source, selector}], document: {title}}. */
function noteFromHypothesis(item: Record<string, unknown>, now: Date, problems: Problems): Note | undefined {
  const rawId = optional(Id, item.id, 'id', problems);
  const links = isRecord(item.links) ? item.links : {};
  const id = typeof links.html === 'string' && links.html ? links.html : rawId === undefined ? undefined : `https://hypothes.is/a/${rawId}`;
  const created = optional(Timestamp, item.created, 'created', problems);
  const modified = optional(Timestamp, item.updated, 'updated', problems);
  const text = optional(v.string('must be text'), item.text, 'text', problems) ?? '';
  const tags = optional(v.array(v.string('must be text'), 'must be a list of tags'), item.tags, 'tags', problems) ?? [];
  const document = isRecord(item.document) ? item.document : {};
  const titles = stringList(document.title);

  const targetValue = Array.isArray(item.target) && item.target.length > 0 ? item.target : item.uri;
  const target = targetParts(targetValue, problems);
  if (!target) return undefined;
  if (target.pageTitle === '' && titles[0] !== undefined) {
    target.pageTitle = check(PageTitle, titles[0], 'document.title', problems) ?? '';
  }
  return assemble(
    { id, motivation: undefined, created, modified, text, tags, ...target, entityId: undefined, entityName: undefined },
    now,
    problems,
  );
}

function assemble(parts: NoteParts, now: Date, problems: Problems): Note | undefined {
  const textProblem = validateNoteText(parts.text, 'highlighting');
  if (textProblem) problems.push(textProblem.replace(/\.$/, ''));
  const tags = normalizeTags(parts.tags);
  const tagsProblem = validateTags(tags);
  if (tagsProblem) problems.push(tagsProblem.replace(/\.$/, ''));
  if (parts.source === undefined) return undefined;
  if (parts.text.trim() === '' && parts.selector.length === 0 && tags.length === 0) {
    problems.push('has no text, no quoted passage and no tags; there is nothing to import');
  }
  if (problems.length > 0) return undefined;

  // A comment needs text; an annotation without any is a highlight, whatever it was called.
  const motivation: NoteMotivation = parts.text.trim() === '' ? 'highlighting' : parts.motivation === 'highlighting' ? 'highlighting' : 'commenting';
  const created = toNoteTime(parts.created ?? parts.modified) ?? now.toISOString();
  const modifiedTime = toNoteTime(parts.modified) ?? created;
  const note: Note = {
    id: parts.id ?? contentId(parts),
    schemaVersion: NOTE_SCHEMA_VERSION,
    motivation,
    target: {
      source: normalizePageUrl(parts.source),
      originalUrl: parts.originalUrl ?? parts.source,
      pageTitle: parts.pageTitle,
      selector: parts.selector,
    },
    body: { text: parts.text, tags },
    created,
    modified: modifiedTime < created ? created : modifiedTime,
  };
  if (parts.entityId !== undefined) note.entityId = parts.entityId;
  if (parts.entityName !== undefined) note.entityName = parts.entityName;

  const problem = noteProblem(note);
  if (problem) return void problems.push(problem);
  return note;
}

// ---- Body ----------------------------------------------------------------------------------------

/** Text and tag bodies. A body's purpose defaults to the annotation's motivation (W3C §3.3.5), hence `taggingByDefault`. */
function bodyParts(item: Record<string, unknown>, taggingByDefault: boolean, problems: Problems): { texts: string[]; tags: string[] } {
  const texts: string[] = [];
  const tags: string[] = [];
  if (item.bodyValue !== undefined) {
    const value = check(v.string('must be text'), item.bodyValue, 'bodyValue', problems);
    if (value) texts.push(value);
  }
  const body = item.body;
  const bodies = body === undefined ? [] : Array.isArray(body) ? body : [body];
  bodies.forEach((entry, index) => {
    const path = Array.isArray(body) ? `body[${index}]` : 'body';
    if (typeof entry === 'string') return void (taggingByDefault ? tags : texts).push(entry);
    if (!isRecord(entry)) return void problems.push(`${path}: must be text or a TextualBody`);
    if (typeof entry.value !== 'string') {
      const kind = typesOf(entry)[0];
      return void problems.push(
        `${path}: is ${kind ? `${/^[aeiou]/i.test(kind) ? 'an' : 'a'} ${kind}` : 'not text'}; Backstory imports text bodies only (TextualBody with a "value")`,
      );
    }
    const purposes = stringList(entry.purpose);
    if (purposes.includes('tagging') || (purposes.length === 0 && taggingByDefault)) tags.push(entry.value);
    else texts.push(entry.value);
  });
  return { texts, tags };
}

// ---- Target -------------------------------------------------------------------------------------

type TargetParts = Pick<NoteParts, 'source' | 'originalUrl' | 'pageTitle' | 'selector'>;

function targetParts(target: unknown, problems: Problems): TargetParts | undefined {
  let path = 'target';
  if (target === undefined) return void problems.push('has no target (the page it is about)');
  if (Array.isArray(target)) {
    if (target.length !== 1) {
      return void problems.push(`target: has ${target.length} targets; a Backstory note is about one page`);
    }
    target = target[0];
    path = 'target[0]';
  }
  if (typeof target === 'string') {
    const source = check(WebAddress, target, path, problems);
    return source === undefined ? undefined : { source, originalUrl: undefined, pageTitle: '', selector: [] };
  }
  if (!isRecord(target)) return void problems.push(`${path}: must be a web address or an object with a "source"`);

  const sourceKey = target.source !== undefined ? 'source' : 'id';
  const source = check(WebAddress, target.source ?? target.id, `${path}.${sourceKey}`, problems);
  const originalUrl = optional(WebAddress, target[BACKSTORY.originalUrl], `${path}.${BACKSTORY.originalUrl}`, problems);
  const pageTitle = optional(PageTitle, target[BACKSTORY.pageTitle], `${path}.${BACKSTORY.pageTitle}`, problems) ?? '';
  const selector = selectorsOf(target.selector, `${path}.selector`, problems);
  if (source === undefined || selector === undefined) return undefined;
  return { source, originalUrl, pageTitle, selector };
}

function selectorsOf(value: unknown, path: string, problems: Problems): NoteSelectors | undefined {
  if (value === undefined) return [];
  const list = Array.isArray(value) ? value : [value];
  let quote: TextQuoteSelector | undefined;
  let position: TextPositionSelector | undefined;
  let ok = true;
  list.forEach((entry, index) => {
    const entryPath = Array.isArray(value) ? `${path}[${index}]` : path;
    if (!isRecord(entry)) {
      ok = false;
      return void problems.push(`${entryPath}: must be a selector object`);
    }
    const type = typesOf(entry)[0];
    if (type === 'TextQuoteSelector' && !quote) {
      const parsed = check(QuoteSelectorInput, entry, entryPath, problems);
      if (parsed) quote = { type: 'TextQuoteSelector', exact: parsed.exact, prefix: parsed.prefix, suffix: parsed.suffix };
      else ok = false;
    } else if (type === 'TextPositionSelector' && !position) {
      const parsed = check(PositionSelectorInput, entry, entryPath, problems);
      if (parsed) position = { type: 'TextPositionSelector', start: parsed.start, end: parsed.end };
      else ok = false;
    }
    // Other selectors (RangeSelector, CssSelector, FragmentSelector, ...) describe
    // the same passage in ways Backstory doesn't use; the quote is what matters.
  });
  if (!ok) return undefined;
  if (position && !quote) {
    problems.push(`${path}: has a TextPositionSelector but no TextQuoteSelector; Backstory needs the quoted text to place a note`);
    return undefined;
  }
  if (quote && position) return [quote, position];
  return quote ? [quote] : [];
}

// ---- Helpers -------------------------------------------------------------------------------------

function optional<TSchema extends v.GenericSchema>(schema: TSchema, value: unknown, path: string, problems: Problems): v.InferOutput<TSchema> | undefined {
  return value === undefined || value === null ? undefined : check(schema, value, path, problems);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function typesOf(value: Record<string, unknown>): string[] {
  return stringList(value.type ?? value['@type']);
}

function stringList(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  return Array.isArray(value) ? value.filter((entry): entry is string => typeof entry === 'string') : [];
}

function isHypothesisRow(value: Record<string, unknown>): boolean {
  return value.type === undefined && typeof value.uri === 'string' && ('text' in value || 'target' in value);
}

function toNoteTime(time: string | undefined): string | undefined {
  return time === undefined ? undefined : new Date(time).toISOString();
}

function truncate(text: string, length: number): string {
  return text.length > length ? `${text.slice(0, length - 1)}…` : text;
}

/**
 * An id for an annotation that came without one, derived from its content so
 * importing the same file twice recognises it. Formatted as a UUID of version
 * 8 (RFC 9562's "custom" version) so it is an honest urn:uuid.
 */
function contentId(parts: NoteParts): string {
  const key = JSON.stringify([parts.source, parts.selector, parts.text, parts.tags, parts.created ?? parts.modified ?? '']);
  const hex = (hash53(key, 1) + hash53(key, 2) + hash53(key, 3)).slice(0, 32);
  return `urn:uuid:${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${((parseInt(hex[16] ?? '0', 16) & 0x3) | 0x8).toString(16)}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** cyrb53: a fast, well-mixed 53-bit string hash, as 14 hex digits. */
function hash53(text: string, seed: number): string {
  let h1 = 0xdeadbeef ^ seed;
  let h2 = 0x41c6ce57 ^ seed;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ code, 2654435761);
    h2 = Math.imul(h2 ^ code, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(16).padStart(14, '0');
}
