/**
 * Notes in and out of Backstory.
 *
 * Export: W3C Web Annotation JSON-LD (the format to keep and re-import; it
 * reproduces every note exactly), Markdown to read, CSV for spreadsheets.
 * Import: parseImport checks a whole file (size, encoding, JSON, every
 * annotation) before returning any note, so a file is imported entirely or
 * not at all (the store's importNotes then writes it in one transaction).
 */
import { BACKSTORY, notesFromAnnotationFile } from './annotation-import';
import { formatBytes, formatCount, IMPORT_MAX_BYTES } from './issues';
import { NOTE_SCHEMA_VERSION, noteQuote, type Note } from './model';
import { findJsonSyntaxError } from './json-syntax';
import { sortNotes } from './search';

// ---- JSON-LD ------------------------------------------------------------------------------------

export interface JsonLdExportOptions {
  /** The collection's IRI; a fresh urn:uuid by default. */
  id?: string;
  now?: Date;
}

/** An AnnotationCollection holding every note in one embedded AnnotationPage. */
export function exportJsonLd(notes: readonly Note[], options: JsonLdExportOptions = {}): string {
  const collection = {
    '@context': 'http://www.w3.org/ns/anno.jsonld',
    id: options.id ?? `urn:uuid:${crypto.randomUUID()}`,
    type: 'AnnotationCollection',
    label: 'Backstory notes',
    generated: (options.now ?? new Date()).toISOString(),
    [BACKSTORY.schemaVersion]: NOTE_SCHEMA_VERSION,
    total: notes.length,
    first: { type: 'AnnotationPage', startIndex: 0, items: notes.map(annotationOf) },
  };
  return JSON.stringify(collection, null, 2);
}

function annotationOf(note: Note): Record<string, unknown> {
  const body: Array<Record<string, string>> = [];
  if (note.body.text !== '') body.push({ type: 'TextualBody', value: note.body.text, format: 'text/plain', purpose: 'commenting' });
  for (const tag of note.body.tags) body.push({ type: 'TextualBody', purpose: 'tagging', value: tag });

  const target: Record<string, unknown> = {
    source: note.target.source,
    [BACKSTORY.originalUrl]: note.target.originalUrl,
    [BACKSTORY.pageTitle]: note.target.pageTitle,
  };
  if (note.target.selector.length > 0) target.selector = note.target.selector.map((selector) => ({ ...selector }));

  const annotation: Record<string, unknown> = {
    type: 'Annotation',
    id: note.id,
    motivation: note.motivation,
    created: note.created,
    modified: note.modified,
  };
  // A highlight without comment or tags has no body, as in the W3C model.
  if (body.length > 0) annotation.body = body;
  annotation.target = target;
  if (note.entityId !== undefined) annotation[BACKSTORY.entityId] = note.entityId;
  if (note.entityName !== undefined) annotation[BACKSTORY.entityName] = note.entityName;
  return annotation;
}

// ---- Markdown -----------------------------------------------------------------------------------

/**
 * Notes grouped by page (title and address as the heading), passages in reading order. Every
 * field comes from a web page or an imported file, so each is written as inert text (mdText) and
 * each address as a checked autolink (mdLink): a Markdown viewer shows them, never runs them.
 */
export function exportMarkdown(notes: readonly Note[], now: Date = new Date()): string {
  const sorted = sortNotes(notes, 'page');
  const pages = new Set(sorted.map((note) => note.target.source)).size;
  const lines = [
    '# Backstory notes',
    '',
    `Exported ${now.toISOString().slice(0, 10)} · ${plural(notes.length, 'note')} on ${plural(pages, 'page')}`,
  ];
  let currentPage: string | undefined;
  for (const note of sorted) {
    if (note.target.source !== currentPage) {
      currentPage = note.target.source;
      lines.push('', `## ${mdText(oneLine(note.target.pageTitle) || note.target.source)}`, '', mdLink(note.target.originalUrl));
    }
    lines.push('');
    const quote = noteQuote(note);
    if (quote) lines.push(...quote.split(/\r\n|\r|\n/).map((line) => (line ? `> ${mdText(line)}` : '>')), '');
    if (note.body.text) lines.push(...note.body.text.split(/\r\n|\r|\n/).map(mdText), '');
    const details = [
      note.entityName ? `About: ${mdText(oneLine(note.entityName))}` : '',
      note.body.tags.length > 0 ? `Tags: ${note.body.tags.map((tag) => mdText(oneLine(tag))).join(', ')}` : '',
      `Saved ${mdText(note.created.slice(0, 10))}`,
      note.modified.slice(0, 10) !== note.created.slice(0, 10) ? `edited ${mdText(note.modified.slice(0, 10))}` : '',
    ].filter(Boolean);
    lines.push(`*${details.join(' · ')}*`);
  }
  return `${lines.join('\n')}\n`;
}

/** Characters with a meaning anywhere in a Markdown line: emphasis, code, links, raw HTML, entities, tables. */
const MD_INLINE = /[\\`*_[\]<>&|~!]/g;
/** What starts a block at the beginning of a line: heading, quote, list, thematic break, setext underline. */
const MD_LINE_START = /^([#>+=-])/;
/** An ordered-list marker: digits, then "." or ")". */
const MD_ORDERED = /^(\d{1,9})([.)])/;

/**
 * One line of text, escaped so that CommonMark and GitHub's Markdown show it as written: every
 * character that could start a link, raw HTML, an entity or emphasis gets a backslash, and so does
 * a block marker at the start of the line. Leading spaces would make a code block: dropped.
 */
export function mdText(line: string): string {
  const escaped = line.replace(/^[ \t]+/, '').replace(MD_INLINE, (c) => `\\${c}`);
  return escaped.replace(MD_LINE_START, '\\$1').replace(MD_ORDERED, '$1\\$2');
}

/** An http(s) address as an autolink, exactly as the URL parser writes it; anything else as escaped text. */
export function mdLink(url: string): string {
  let parsed: URL | null = null;
  try {
    parsed = new URL(url);
  } catch {
    // Not an address: written as text below.
  }
  const web = parsed && (parsed.protocol === 'http:' || parsed.protocol === 'https:');
  // The parser percent-encodes spaces, quotes and angle brackets, which an autolink cannot hold.
  return web && !/[\s<>]/.test(parsed!.href) ? `<${parsed!.href}>` : mdText(oneLine(url));
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function plural(count: number, noun: string): string {
  return `${formatCount(count)} ${noun}${count === 1 ? '' : 's'}`;
}

// ---- CSV ----------------------------------------------------------------------------------------

const CSV_COLUMNS: Array<[string, (note: Note) => string]> = [
  ['created', (note) => note.created],
  ['modified', (note) => note.modified],
  ['page_title', (note) => note.target.pageTitle],
  ['url', (note) => note.target.originalUrl],
  ['quote', noteQuote],
  ['note', (note) => note.body.text],
  ['tags', (note) => note.body.tags.join('; ')],
  ['entity', (note) => note.entityName ?? ''],
  ['motivation', (note) => note.motivation],
  ['id', (note) => note.id],
];

/**
 * RFC 4180 CSV (CRLF rows, quoted fields where needed), starting with a
 * byte-order mark so spreadsheet programs read accented names as UTF-8.
 */
export function exportCsv(notes: readonly Note[]): string {
  const rows = [CSV_COLUMNS.map(([name]) => name), ...notes.map((note) => CSV_COLUMNS.map(([, value]) => value(note)))];
  return `\uFEFF${rows.map((row) => row.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

/**
 * A cell a spreadsheet shows as text. Cells starting with = + - @ (or their full-width forms
 * ＝ ＋ － ＠, which some spreadsheets read as the same signs), also after leading whitespace, or
 * starting with a tab or carriage return, could be run as formulas, so they get a leading
 * apostrophe (OWASP's advice for CSV injection).
 */
export function csvCell(value: string): string {
  const safe = /^(?:[\t\r]|\s*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20])/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

// ---- Import -------------------------------------------------------------------------------------

export interface ParseImportOptions {
  maxBytes?: number;
  /** Time given to annotations that carry no date. */
  now?: Date;
}

export type ParseImportResult = { ok: true; notes: Note[] } | { ok: false; errors: string[] };

/**
 * Every note in an import file, or the reasons it can't be imported (at most
 * five problems spelled out, then a count). Checks, in order: size (before
 * reading anything), encoding, JSON syntax, then every annotation.
 */
export function parseImport(file: string | ArrayBuffer, options: ParseImportOptions = {}): ParseImportResult {
  const maxBytes = options.maxBytes ?? IMPORT_MAX_BYTES;
  const size = typeof file === 'string' ? utf8LengthUpTo(file, maxBytes + 1) : file.byteLength;
  if (size > maxBytes) return failure(`This file is ${formatBytes(size)}; Backstory imports files up to ${formatBytes(maxBytes, true)}.`);

  const text = typeof file === 'string' ? file.replace(/^\uFEFF/, '') : decodeUtf8(file);
  if (typeof text !== 'string') return failure(text.error);
  if (text.trim() === '') return failure('This file is empty.');

  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    const syntax = findJsonSyntaxError(text);
    const where = syntax ? `${syntax.problem} at line ${syntax.line}, column ${syntax.column}` : String((error as Error).message);
    return failure(`This file isn't valid JSON: ${where}. Backstory imports the JSON files it exports and W3C Web Annotations.`);
  }

  const converted = notesFromAnnotationFile(data, options.now ?? new Date());
  return converted.ok ? { ok: true, notes: converted.notes } : { ok: false, errors: converted.problems };
}

function failure(error: string): ParseImportResult {
  return { ok: false, errors: [error] };
}

function decodeUtf8(buffer: ArrayBuffer): string | { error: string } {
  const bytes = new Uint8Array(buffer);
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return { error: 'This file is UTF-16 text; Backstory reads UTF-8. Save it again as UTF-8 and import that.' };
  }
  try {
    // fatal: refuse bytes that aren't UTF-8 instead of importing "�" in place of letters.
    // The decoder drops a UTF-8 byte-order mark by default.
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return {
      error: "This file isn't UTF-8 text, so it isn't a Backstory export or a W3C annotation file. If you edited it, save it again as UTF-8.",
    };
  }
}

/**
 * UTF-8 size of a string. A string already longer than `limit` is not walked
 * (a 1 GB string would take a while): UTF-8 is never shorter than UTF-16
 * length, so that length is a fair lower bound to report.
 */
function utf8LengthUpTo(text: string, limit: number): number {
  if (text.length > limit) return text.length;
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

