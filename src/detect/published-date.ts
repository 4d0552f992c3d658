/**
 * When the article was published, read from the page: what a reader of an old story needs to set
 * what was known then apart from what came later.
 *
 * Evidence, strongest first: publication metadata (`article:published_time` and its kin, schema.org
 * `datePublished` in JSON-LD or microdata), then a `<time datetime>` in the article, then a dated
 * byline in the article's first lines, then a date in the URL's path. Metadata a publisher writes
 * for machines is the most reliable, and a date in running text the least: a story quotes other
 * dates. Only the calendar date is kept, as the publisher wrote it (a timestamp's own day, not
 * converted to the reader's zone).
 */

export type DateConfidence = 'high' | 'medium' | 'low';
export type DateEvidence = 'meta' | 'json-ld' | 'microdata' | 'time' | 'byline' | 'url' | 'modified';

export interface PublishedDate {
  /** YYYY-MM-DD. */
  date: string;
  confidence: DateConfidence;
  from: DateEvidence;
  /** Another strong source gave a different day (the earlier one is kept: a page is modified after it is published). */
  conflicting?: string;
}

/** Meta names and properties that publishers use for the publication date (lowercase). */
const PUBLISHED_META = new Set([
  'article:published_time',
  'og:published_time',
  'og:article:published_time',
  'article.published',
  'published_time',
  'published-date',
  'publish-date',
  'publishdate',
  'pubdate',
  'date',
  'dc.date',
  'dc.date.issued',
  'dcterms.created',
  'dcterms.issued',
  'datepublished',
  'sailthru.date',
  'parsely-pub-date',
  'cxenseparse:recs:publishtime',
  'publication_date',
  'original-publish-date',
]);
const MODIFIED_META = new Set(['article:modified_time', 'og:updated_time', 'datemodified', 'last-modified', 'dcterms.modified']);

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const MONTH_WORD = '(Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\\.?';
/** "June 20, 2018" */
const MONTH_DAY_YEAR = new RegExp(`\\b${MONTH_WORD}\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})(?!\\d)`, 'i');
/** "20 June 2018" */
const DAY_MONTH_YEAR = new RegExp(`(?<!\\d)(\\d{1,2})(?:st|nd|rd|th)?\\s+${MONTH_WORD},?\\s+(\\d{4})(?!\\d)`, 'i');
const ISO_DAY = /(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)/;
/** A byline's date comes with one of these words or a "By Name", or stands on a line of its own. */
const BYLINE_WORDS = /\b(?:[Pp]ublished|[Pp]osted|[Uu]pdated)\b|\bBy\s+\p{Lu}/u;
/** What a line may hold besides its date and still be a date line ("Friday, 20 June 2018 | 09:15"). */
const DATE_LINE_EXTRA_CHARS = 30;
const URL_DATE = /\/((?:19|20)\d{2})[/-](0[1-9]|1[0-2])[/-](0[1-9]|[12]\d|3[01])(?:\/|[^\d]|$)/;
/** How much of the article's opening text a byline may sit in. */
const BYLINE_CHARS = 600;
/** A byline is a short line; a date in a longer one is in the story's sentences. */
const BYLINE_LINE_CHARS = 160;
/** About how long a written date is ("September 20, 2018"). */
const DATE_CHARS = 18;

/** `pageUrl` defaults to the document's own; a date in its path is the weakest evidence. */
export function publishedDate(doc: Document, region?: Element | null, pageUrl: string = doc.location?.href ?? ''): PublishedDate | null {
  const meta = fromMeta(doc);
  const jsonLd = fromJsonLd(doc);
  const structured = meta.published ?? jsonLd.published ?? fromMicrodata(doc);
  const visible = fromTimeElements(doc, region) ?? fromByline(region);
  if (structured) return withConflict(structured, visible);
  return visible ?? urlDate(pageUrl) ?? meta.modified ?? jsonLd.modified;
}

/**
 * Metadata and the visible byline rarely disagree; when they do by more than a day (time zones
 * move a date by one), the earlier date is the publication and the other is kept as a conflict.
 */
function withConflict(structured: Structured, visible: PublishedDate | null): PublishedDate {
  const { utc, ...found } = structured;
  if (!visible || visible.date === found.date) return found;
  const apart = Math.abs(dayNumber(visible.date) - dayNumber(found.date));
  // A UTC timestamp of a late-evening story falls on the next day; the page's own date is the one its readers saw.
  if (apart === 1) return utc ? { ...visible, confidence: 'high' } : found;
  const [first, second] = visible.date < found.date ? [visible, found] : [found, visible];
  return { date: first.date, from: first.from, confidence: 'medium', conflicting: second.date };
}

type Structured = PublishedDate & { utc?: boolean };

function fromMeta(doc: Document): { published: Structured | null; modified: PublishedDate | null } {
  let published: Structured | null = null;
  let modified: PublishedDate | null = null;
  for (const el of doc.querySelectorAll('meta[content]')) {
    const key = (el.getAttribute('property') ?? el.getAttribute('name') ?? el.getAttribute('itemprop') ?? '').toLowerCase();
    if (!key) continue;
    const day = isoDay(el.getAttribute('content') ?? '');
    if (!day) continue;
    if (!published && PUBLISHED_META.has(key)) published = { date: day, confidence: 'high', from: 'meta', utc: isUtc(el.getAttribute('content') ?? '') };
    else if (!modified && MODIFIED_META.has(key)) modified = { date: day, confidence: 'low', from: 'modified' };
  }
  return { published, modified };
}

function fromJsonLd(doc: Document): { published: Structured | null; modified: PublishedDate | null } {
  let modified: PublishedDate | null = null;
  for (const script of doc.querySelectorAll('script[type="application/ld+json"]')) {
    let data: unknown;
    try {
      data = JSON.parse(script.textContent ?? '');
    } catch {
      continue; // Publishers ship broken JSON-LD; the other evidence still counts.
    }
    for (const node of jsonLdNodes(data)) {
      const published = typeof node.datePublished === 'string' ? isoDay(node.datePublished) : null;
      if (published) return { published: { date: published, confidence: 'high', from: 'json-ld', utc: isUtc(node.datePublished as string) }, modified };
      const changed = typeof node.dateModified === 'string' ? isoDay(node.dateModified) : null;
      if (changed && !modified) modified = { date: changed, confidence: 'low', from: 'modified' };
    }
  }
  return { published: null, modified };
}

/** Every object in a JSON-LD document: top level, arrays and `@graph`. */
function* jsonLdNodes(data: unknown, depth = 0): Generator<Record<string, unknown>> {
  if (depth > 4 || data === null || typeof data !== 'object') return;
  if (Array.isArray(data)) {
    for (const item of data) yield* jsonLdNodes(item, depth + 1);
    return;
  }
  const node = data as Record<string, unknown>;
  yield node;
  if (node['@graph']) yield* jsonLdNodes(node['@graph'], depth + 1);
}

function fromMicrodata(doc: Document): PublishedDate | null {
  const el = doc.querySelector('[itemprop="datePublished"]');
  if (!el) return null;
  const day = isoDay(el.getAttribute('datetime') ?? el.getAttribute('content') ?? el.textContent ?? '') ?? textDay(el.textContent ?? '');
  return day ? { date: day, confidence: 'high', from: 'microdata' } : null;
}

/**
 * A `<time datetime>` in the article (or, with no article found, the first in the page). One that
 * says it is the publication (`pubdate`, a class or itemprop naming it) wins over the first.
 */
function fromTimeElements(doc: Document, region?: Element | null): PublishedDate | null {
  const scope: ParentNode = region ?? doc;
  const times = [...scope.querySelectorAll('time[datetime]')];
  if (times.length === 0) return null;
  const marked = times.find((t) => t.hasAttribute('pubdate') || /publish|posted|created/i.test(`${t.className} ${t.getAttribute('itemprop') ?? ''}`));
  for (const t of marked ? [marked] : times) {
    const day = isoDay(t.getAttribute('datetime') ?? '');
    if (day) return { date: day, confidence: marked ? 'high' : 'medium', from: 'time' };
  }
  return null;
}

/**
 * A dated byline: a short line near the article's top ("By Ana Ruiz. Published June 26, 2018",
 * "20 June 2018"). Dates inside the story's sentences are events it reports, not its own date.
 */
function fromByline(region?: Element | null): PublishedDate | null {
  if (!region) return null;
  let seen = 0;
  // Walked in document order and left early, not collected with querySelectorAll: the byline is
  // near the top, and a book-length region holds tens of thousands of blocks.
  for (let el = nextElement(region, region); el !== null; el = nextElement(el, region)) {
    if (!BYLINE_TAGS.has(el.localName)) continue;
    if (seen > BYLINE_CHARS) break;
    // A container is passed over before its text is read (the story's wrapper holds all of it).
    if (el.childElementCount > 3) continue;
    const text = el.textContent ?? '';
    seen += text.length;
    if (text.length > BYLINE_LINE_CHARS) continue;
    const day = textDay(text);
    if (!day) continue;
    const named = BYLINE_WORDS.test(text);
    if (named || text.trim().length <= DATE_CHARS + DATE_LINE_EXTRA_CHARS) return { date: day, confidence: named ? 'medium' : 'low', from: 'byline' };
  }
  return null;
}

const BYLINE_TAGS = new Set(['p', 'div', 'span', 'header', 'li', 'address', 'small']);

/** The element after `el` below `root` in document order (pre-order), or null. */
function nextElement(el: Element, root: Element): Element | null {
  if (el.firstElementChild) return el.firstElementChild;
  for (let at: Element | null = el; at !== null && at !== root; at = at.parentElement) {
    if (at.nextElementSibling) return at.nextElementSibling;
  }
  return null;
}

function urlDate(pageUrl: string): PublishedDate | null {
  let path = '';
  try {
    path = new URL(pageUrl).pathname;
  } catch {
    return null;
  }
  const m = URL_DATE.exec(path);
  if (!m) return null;
  const day = `${m[1]}-${m[2]}-${m[3]}`;
  return isRealDay(day) ? { date: day, confidence: 'low', from: 'url' } : null;
}

/** The calendar day at the start of an ISO date or timestamp ("2018-06-20T23:10:00-04:00" → 2018-06-20). */
export function isoDay(value: string): string | null {
  const compact = /^(\d{4})(\d{2})(\d{2})(?:\D|$)/.exec(value.trim());
  if (compact) {
    const day = `${compact[1]}-${compact[2]}-${compact[3]}`;
    return isRealDay(day) ? day : null;
  }
  const m = ISO_DAY.exec(value.trim());
  if (!m || m.index > 0) return textDay(value);
  const day = `${m[1]}-${m[2]}-${m[3]}`;
  return isRealDay(day) ? day : null;
}

/** The first written date in running text: "June 20, 2018", "20 June 2018", "2018-06-20". */
export function textDay(text: string): string | null {
  const candidates: Array<{ at: number; day: string | null }> = [];
  const mdy = MONTH_DAY_YEAR.exec(text);
  if (mdy) candidates.push({ at: mdy.index, day: dayOf(mdy[3]!, mdy[1]!, mdy[2]!) });
  const dmy = DAY_MONTH_YEAR.exec(text);
  if (dmy) candidates.push({ at: dmy.index, day: dayOf(dmy[3]!, dmy[2]!, dmy[1]!) });
  const iso = ISO_DAY.exec(text);
  if (iso) candidates.push({ at: iso.index, day: isRealDay(iso[0]) ? iso[0] : null });
  candidates.sort((a, b) => a.at - b.at);
  return candidates.find((c) => c.day)?.day ?? null;
}

function dayOf(year: string, month: string, day: string): string | null {
  const m = MONTHS.indexOf(month.slice(0, 3).toLowerCase()) + 1;
  if (m === 0) return null;
  const iso = `${year}-${String(m).padStart(2, '0')}-${day.padStart(2, '0')}`;
  return isRealDay(iso) ? iso : null;
}

function isRealDay(iso: string): boolean {
  const [y, m, d] = iso.split('-').map(Number);
  if (!y || !m || !d || y < 1990 || y > 2100) return false;
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

function isUtc(timestamp: string): boolean {
  return /T[\d:.]+(?:Z|[+-]00:?00)$/i.test(timestamp.trim());
}

function dayNumber(iso: string): number {
  return Date.parse(`${iso}T00:00:00Z`) / 86_400_000;
}
