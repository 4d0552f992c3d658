/**
 * Provenance rules: can a reader find and check what each card says? One computation serves the
 * pack lint (src/pack/validate.ts, run by the build and the tests) and `npm run audit:pack`
 * (scripts/audit-pack.ts), so the figures the audit prints are the problems the lint reports.
 *
 * A claim is anything a card states on a pack's authority: a fact, a quote, a figure, a timeline event.
 */
import { NON_DOCUMENT_KINDS, type Entity, type Pack, type Source, type SourceKind } from './schema';

/**
 * The one switch: when false, provenance problems are printed by the build and the audit but do
 * not fail the build (for a pack being re-sourced). On, so no claim can slip back.
 */
export const PROVENANCE_RULES_FAIL_BUILD = true;

export type ProvenanceRule = 'unspecific' | 'multi-thin' | 'source-before-event' | 'quote-without-context' | 'as-of-missing' | 'few-links';

export interface ProvenanceProblem {
  rule: ProvenanceRule;
  /** "entity "x" facts[2].sources[0]: …", the same shape as every other lint message. */
  message: string;
}

export interface ProvenanceAudit {
  claims: { facts: number; quotes: number; figures: number; events: number; total: number };
  /** Claims that cite anything other than a specific, findable document. */
  unspecific: number;
  /** "multi" claims without two specific documents from different publishers. */
  multiThin: number;
  /** Citations of a news article, report or hearing dated before the event it is cited for. */
  sourceBeforeEvent: number;
  /** Share of the pack's sources that carry a URL or an official identifier. */
  urlShare: number;
  sources: number;
  /** Sources no claim cites. */
  uncited: number;
  quotesWithoutContext: number;
  /** Time-sensitive statements with no as-of date. */
  asOfMissing: number;
  unverified: number;
  problems: ProvenanceProblem[];
}

/** Kinds whose date is one day of publication: a reader finds them by outlet and day. */
const DAY_DATED_KINDS: ReadonlySet<SourceKind> = new Set(['news-article', 'press-release', 'statement', 'social-post', 'hearing', 'interview']);
/** Kinds that can only report what happened before them (an order or memo may precede what it orders). */
const AFTER_THE_FACT_KINDS: ReadonlySet<SourceKind> = new Set(['news-article', 'report', 'hearing', 'aggregate']);
/** At least this share of sources carry a URL or an official identifier. */
export const MIN_URL_SHARE = 0.9;
/** A quote's excerpt needs at least this many words of the document around the quote. */
export const MIN_CONTEXT_WORDS = 8;

/**
 * Why a source is not a specific document a reader could find, or null when it is: a kind that is
 * not one document, a news item dated less precisely than its day, or a title of our own with
 * neither a URL nor an identifier to find it by.
 */
export function whyNotADocument(source: Source): string | null {
  if (NON_DOCUMENT_KINDS.has(source.kind)) return `is a "${source.kind}" source, not one document`;
  if (DAY_DATED_KINDS.has(source.kind) && source.date.length < 10) return `is a ${source.kind} dated only ${source.date}, not its day of publication`;
  if (source.descriptiveTitle && !source.url && !source.number) return 'has neither its own title nor a URL or identifier';
  return null;
}

/** Whether `sourceDate` ends before `eventDate` begins, each at its own precision ("2018-05" is not before "2018-05-26"). */
export function datedBefore(sourceDate: string, eventDate: string): boolean {
  const n = Math.min(sourceDate.length, eventDate.length);
  return sourceDate.slice(0, n) < eventDate.slice(0, n);
}

const CURRENT_WORDS = /\b(presides|presiding|currently|remains|still|serves as|chairs|chairman|chairwoman|chair of)\b/i;
const MONTH = '(?:Jan|Feb|March|April|May|June|July|Aug|Sept|Oct|Nov|Dec)[a-z]*\\.?';
/** "from January 2017" or "since 2021" with no end after it: a post still held when written. */
const OPEN_RANGE = new RegExp(`\\b(?:from|since) (?:${MONTH} )?(?:\\d{1,2}, )?\\d{4}\\b(?!,? (?:to|until|through|and)\\b| ?[–-])`);
/** A post or office named in a person's identity line. */
const POST_WORDS =
  /\b(president|secretary|director|attorney|judge|senator|representative|chief|commissioner|counsel|counselor|adviser|inspector general|lawyer|journalist|chairman|whip|deputy|head|official|officer|governor|administrator|spokesman|spokeswoman)\b/i;
/** What bounds a post in time: "former", a range, "until", "in 2018". */
const BOUNDED = new RegExp(`\\b(former|formerly|earlier|until|through)\\b|–| to (?:${MONTH} )?(?:\\d{1,2}, )?\\d{4}|\\bin (?:${MONTH} )?\\d{4}\\b`, 'i');

/** Whether a statement can go stale: a present post, "presides", a span still open. */
export function isTimeSensitive(text: string): boolean {
  return CURRENT_WORDS.test(text) || OPEN_RANGE.test(text);
}

/** A person's identity line states a current post when one of its clauses names a post with no time bound. */
export function identityIsTimeSensitive(entity: Pick<Entity, 'type' | 'identity'>): boolean {
  if (isTimeSensitive(entity.identity)) return true;
  if (entity.type !== 'person') return false;
  return entity.identity.split(/;/).some((clause) => POST_WORDS.test(clause) && !BOUNDED.test(clause));
}

function contextWords(excerpt: string, quote: string): number {
  const rest = excerpt.split(quote).join(' ');
  return rest.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
}

interface Claim {
  subject: string;
  field: string;
  date?: string;
  sources: string[];
  confidence: string;
  unverified?: boolean;
}

function claimsOf(pack: Pack): { claims: Claim[]; counts: ProvenanceAudit['claims'] } {
  const claims: Claim[] = [];
  let facts = 0;
  let quotes = 0;
  let figures = 0;
  for (const e of pack.entities) {
    const subject = `entity "${e.id}"`;
    e.facts.forEach((f, i) => {
      facts++;
      claims.push({ subject, field: `facts[${i}]`, date: f.date, sources: f.sources, confidence: f.confidence, unverified: f.unverified });
    });
    (e.quotes ?? []).forEach((q, i) => {
      quotes++;
      claims.push({ subject, field: `quotes[${i}]`, date: q.date, sources: [q.source, ...(q.alsoIn ?? [])], confidence: q.confidence, unverified: q.unverified });
    });
    (e.figures ?? []).forEach((f, i) => {
      figures++;
      claims.push({ subject, field: `figures[${i}]`, sources: f.sources, confidence: f.confidence });
    });
  }
  for (const t of pack.timeline) {
    claims.push({ subject: `timeline "${t.id}"`, field: 'event', date: t.date, sources: t.sources, confidence: t.confidence });
  }
  const events = pack.timeline.length;
  return { claims, counts: { facts, quotes, figures, events, total: facts + quotes + figures + events } };
}

/** Every provenance rule over every claim in one pass, so the build's lint and `npm run audit:pack` count alike. */
export function auditProvenance(pack: Pack): ProvenanceAudit {
  const problems: ProvenanceProblem[] = [];
  const report = (rule: ProvenanceRule, subject: string, field: string, problem: string) =>
    problems.push({ rule, message: `${subject} ${field}: ${problem}` });
  const byId = new Map(pack.sources.map((s) => [s.id, s]));
  const { claims, counts } = claimsOf(pack);
  const cited = new Set<string>();
  let unspecific = 0;
  let multiThin = 0;
  let sourceBeforeEvent = 0;
  let unverified = 0;

  for (const c of claims) {
    c.sources.forEach((id) => cited.add(id));
    const sources = c.sources.map((id) => byId.get(id)).filter((s): s is Source => s !== undefined);
    if (c.unverified) unverified++;
    const notDocuments = sources.map((s) => [s, whyNotADocument(s)] as const).filter(([, why]) => why !== null);
    // An unverified claim says on the card that no specific document backs it.
    if (notDocuments.length > 0 && !c.unverified) {
      unspecific++;
      for (const [s, why] of notDocuments) report('unspecific', c.subject, `${c.field}.sources`, `cites "${s.id}", which ${why}`);
    }
    if (c.confidence === 'multi') {
      const publishers = new Set(sources.filter((s) => whyNotADocument(s) === null).map((s) => s.publisher));
      if (publishers.size < 2) {
        multiThin++;
        report('multi-thin', c.subject, `${c.field}.confidence`, `"multi" needs specific documents from two publishers; it has ${publishers.size}`);
      }
    }
    if (c.date !== undefined) {
      for (const s of sources) {
        if (AFTER_THE_FACT_KINDS.has(s.kind) && datedBefore(s.date, c.date)) {
          sourceBeforeEvent++;
          report('source-before-event', c.subject, `${c.field}.sources`, `"${s.id}" (${s.kind}, ${s.date}) is dated before the event it is cited for (${c.date})`);
        }
      }
    }
  }

  const excerpts = new Map(pack.sources.flatMap((s) => (s.excerpts ?? []).map((x) => [x.id, x.text] as const)));
  let quotesWithoutContext = 0;
  let asOfMissing = 0;
  for (const e of pack.entities) {
    const subject = `entity "${e.id}"`;
    (e.quotes ?? []).forEach((q, i) => {
      const excerpt = q.excerpt === undefined ? undefined : excerpts.get(q.excerpt);
      if (excerpt === undefined) {
        quotesWithoutContext++;
        report('quote-without-context', subject, `quotes[${i}].excerpt`, 'no excerpt, so the reader cannot see the quote in its document');
      } else if (excerpt.includes(q.text) && contextWords(excerpt, q.text) < MIN_CONTEXT_WORDS) {
        quotesWithoutContext++;
        report('quote-without-context', subject, `quotes[${i}].excerpt`, `excerpt "${q.excerpt}" is the quote alone; give at least ${MIN_CONTEXT_WORDS} words of the document around it`);
      }
    });
    if (e.asOf === undefined) {
      const stale = identityIsTimeSensitive(e) ? 'identity' : isTimeSensitive(e.role) ? 'role' : null;
      if (stale) {
        asOfMissing++;
        report('as-of-missing', subject, stale, `states something that can go stale ("${e[stale]}"); add asOf`);
      }
    }
    e.facts.forEach((f, i) => {
      if (f.asOf === undefined && isTimeSensitive(f.text)) {
        asOfMissing++;
        report('as-of-missing', subject, `facts[${i}]`, `states something that can go stale ("${f.text}"); add asOf`);
      }
    });
  }

  const withLocator = pack.sources.filter((s) => s.url !== undefined || (s.number !== undefined && s.number.trim() !== '')).length;
  const urlShare = pack.sources.length === 0 ? 1 : withLocator / pack.sources.length;
  if (urlShare < MIN_URL_SHARE) {
    report('few-links', 'pack', 'sources', `${withLocator} of ${pack.sources.length} sources have a URL or identifier; at least ${MIN_URL_SHARE * 100}% must`);
  }
  return {
    claims: counts,
    unspecific,
    multiThin,
    sourceBeforeEvent,
    urlShare,
    sources: pack.sources.length,
    uncited: pack.sources.filter((s) => !cited.has(s.id) && s.id !== pack.seedSource).length,
    quotesWithoutContext,
    asOfMissing,
    unverified,
    problems,
  };
}

/** The audit's last line, one fixed shape so scripts and people can compare runs. */
export function auditLine(a: ProvenanceAudit): string {
  return (
    `audit: claims=${a.claims.total} unspecific=${a.unspecific} multi_thin=${a.multiThin} ` +
    `source_before_event=${a.sourceBeforeEvent} url_share=${a.urlShare.toFixed(2)} as_of_missing=${a.asOfMissing}`
  );
}
