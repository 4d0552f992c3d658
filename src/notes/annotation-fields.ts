/**
 * The fields of one imported annotation, each checked with a reader-facing message under its
 * path (`target.selector[0].exact: …`): dates, ids, the body's texts and tags, the target's page
 * and selectors. annotation-import.ts puts them together into notes.
 */
import * as v from 'valibot';
import { characterCount, formatCount, issuePath } from './issues';
import { ENTITY_FIELD_MAX, NOTE_ID_MAX, PAGE_TITLE_MAX, QUOTE_CONTEXT_MAX, QUOTE_MAX, URL_MAX, isWebUrl } from './model';
import type { NoteSelectors, TextPositionSelector, TextQuoteSelector } from './selectors';

/** Backstory's own fields in exported annotations (an absolute IRI scheme, so plain JSON-LD keeps them). */
export const BACKSTORY = {
  entityId: 'backstory:entityId',
  entityName: 'backstory:entityName',
  pageTitle: 'backstory:pageTitle',
  originalUrl: 'backstory:originalUrl',
  schemaVersion: 'backstory:schemaVersion',
} as const;

export type Problems = string[];

export const Timestamp = v.pipe(
  v.string('must be a date and time'),
  v.regex(/^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/i, 'must be an ISO date and time like 2018-06-20T14:00:00Z'),
  v.check((time) => !Number.isNaN(Date.parse(time)), 'is not a real date'),
);
export const Id = v.pipe(v.string('must be text'), v.nonEmpty('is empty'), v.maxLength(NOTE_ID_MAX, `can be at most ${formatCount(NOTE_ID_MAX)} characters`));
export const EntityField = v.pipe(
  v.string('must be text'),
  v.maxCodePoints(ENTITY_FIELD_MAX, (issue) => `can be at most ${ENTITY_FIELD_MAX} characters (this one has ${formatCount(characterCount(issue.input))})`),
);
export const PageTitle = v.pipe(
  v.string('must be text'),
  v.maxCodePoints(PAGE_TITLE_MAX, (issue) => `page titles can be at most ${formatCount(PAGE_TITLE_MAX)} characters (this one has ${formatCount(characterCount(issue.input))})`),
);
export const WebAddress = v.pipe(
  v.string('must be a web address'),
  v.maxLength(URL_MAX, (issue) => `web addresses can be at most ${formatCount(URL_MAX)} characters (this one has ${formatCount(issue.input.length)})`),
  v.check(isWebUrl, (issue) => `must be an http(s) web address, not ${JSON.stringify(truncate(String(issue.input), 60))}`),
);
export const contextText = v.pipe(
  v.string('must be text'),
  v.maxCodePoints(QUOTE_CONTEXT_MAX, (issue) => `quote context can be at most ${formatCount(QUOTE_CONTEXT_MAX)} characters (this one has ${formatCount(characterCount(issue.input))})`),
);
export const QuoteSelectorInput = v.looseObject({
  exact: v.pipe(
    v.string('must be text'),
    v.nonEmpty('the quote is empty'),
    v.maxCodePoints(QUOTE_MAX, (issue) => `quotes can be at most ${formatCount(QUOTE_MAX)} characters (this one has ${formatCount(characterCount(issue.input))})`),
  ),
  prefix: v.optional(contextText, ''),
  suffix: v.optional(contextText, ''),
});
export const Offset = v.pipe(v.number('must be a number'), v.safeInteger('must be a whole number'), v.minValue(0, 'must not be negative'));
export const PositionSelectorInput = v.pipe(
  v.looseObject({ start: Offset, end: Offset }),
  v.check((position) => position.end >= position.start, 'the position ends before it starts'),
);

/** Parses `value` with `schema`, reporting problems under `path`; undefined when invalid. */
export function check<TSchema extends v.GenericSchema>(schema: TSchema, value: unknown, path: string, problems: Problems): v.InferOutput<TSchema> | undefined {
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

export interface NoteParts {
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

// ---- Body ----------------------------------------------------------------------------------------

/** Text and tag bodies. A body's purpose defaults to the annotation's motivation (W3C §3.3.5), hence `taggingByDefault`. */
export function bodyParts(item: Record<string, unknown>, taggingByDefault: boolean, problems: Problems): { texts: string[]; tags: string[] } {
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

export type TargetParts = Pick<NoteParts, 'source' | 'originalUrl' | 'pageTitle' | 'selector'>;

export function targetParts(target: unknown, problems: Problems): TargetParts | undefined {
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

export function selectorsOf(value: unknown, path: string, problems: Problems): NoteSelectors | undefined {
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

export function optional<TSchema extends v.GenericSchema>(schema: TSchema, value: unknown, path: string, problems: Problems): v.InferOutput<TSchema> | undefined {
  return value === undefined || value === null ? undefined : check(schema, value, path, problems);
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function typesOf(value: Record<string, unknown>): string[] {
  return stringList(value.type ?? value['@type']);
}

export function stringList(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  return Array.isArray(value) ? value.filter((entry): entry is string => typeof entry === 'string') : [];
}

export function truncate(text: string, length: number): string {
  return text.length > length ? `${text.slice(0, length - 1)}…` : text;
}
