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
import { formatCount } from './issues';
import { NOTE_SCHEMA_VERSION, normalizeTags, noteProblem, validateNoteText, validateTags, type Note, type NoteMotivation } from './model';
import type { TextPositionSelector, TextQuoteSelector } from './selectors';
import { normalizePageUrl } from './url';
import { BACKSTORY, bodyParts, check, EntityField, Id, isRecord, type NoteParts, optional, PageTitle, type Problems, stringList, targetParts, Timestamp, truncate, typesOf } from './annotation-fields';

export { BACKSTORY } from './annotation-fields';

export type ConversionResult = { ok: true; notes: Note[] } | { ok: false; problems: string[]; total: number };

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

// ---- Helpers -------------------------------------------------------------------------------------

function isHypothesisRow(value: Record<string, unknown>): boolean {
  return value.type === undefined && typeof value.uri === 'string' && ('text' in value || 'target' in value);
}

function toNoteTime(time: string | undefined): string | undefined {
  return time === undefined ? undefined : new Date(time).toISOString();
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
