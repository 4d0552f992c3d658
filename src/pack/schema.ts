/**
 * The topic-pack schema. A pack is everything Backstory knows about one topic:
 * sources, entities with their name forms and card content, a timeline, and the
 * coverage signals the detector weighs. The engine reads packs only through
 * these types, so no topic knowledge lives in code.
 *
 * Validated with valibot (small, tree-shakeable, readable issue paths) in the
 * pack lint test and at build time (see build/pack-plugin.ts).
 */
import * as v from 'valibot';

const Id = v.pipe(v.string(), v.regex(/^[a-z0-9][a-z0-9-]*$/, 'ids are lowercase-kebab-case'));
/** ISO date with day, month or year precision: 2018-04-06, 2018-04, 2018. */
export const IsoDate = v.pipe(
  v.string(),
  v.regex(/^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$/, 'dates are ISO: YYYY, YYYY-MM or YYYY-MM-DD'),
  v.check(isRealDate, 'date does not exist on the calendar'),
);
const HttpsUrl = v.pipe(v.string(), v.url(), v.startsWith('https://', 'URLs must be https'));
const Text = v.pipe(v.string(), v.trim(), v.nonEmpty());

export const SourceKinds = [
  'report',
  'memo',
  'court-order',
  'court-filing',
  'executive-order',
  'news-article',
  'statement',
  'press-release',
  'hearing',
  'social-post',
  'interview',
  'reference',
  'aggregate',
] as const;

/**
 * Kinds that are not one findable document: `reference` (an encyclopedia, a case page, our own
 * research notes) and `aggregate` (an outlet's reporting on a subject as a whole). A pack may keep
 * them for its authors, but a claim cannot rest on them (see src/pack/provenance.ts).
 */
export const NON_DOCUMENT_KINDS: ReadonlySet<(typeof SourceKinds)[number]> = new Set(['reference', 'aggregate']);

export const ExcerptSchema = v.object({
  id: Id,
  /** An exact passage from the source. Quotes that cite this excerpt must appear in it verbatim. */
  text: Text,
  /** Where in the source: "p. 39", "section III.B", "para. 4". */
  locator: v.optional(v.string()),
});

export const SourceSchema = v.object({
  id: Id,
  kind: v.picklist(SourceKinds),
  title: Text,
  author: Text,
  publisher: Text,
  date: IsoDate,
  number: v.optional(v.string()),
  url: v.optional(HttpsUrl),
  /** Set when no URL for the original could be verified; shown to the reader. */
  urlNote: v.optional(v.string()),
  /** True when `title` is our description of the source, not its own headline (which was not recorded). */
  descriptiveTitle: v.optional(v.boolean()),
  /** What `date` stands for when it is not simply the publication date (approximate, or issued vs. released). */
  dateNote: v.optional(v.string()),
  /** Further copies of the original: a full-text copy, a docket page. */
  links: v.optional(v.array(v.object({ label: Text, url: HttpsUrl }))),
  excerpts: v.optional(v.array(ExcerptSchema)),
});

export const EntityTypes = ['person', 'organization', 'document', 'case', 'event', 'term'] as const;

/**
 * How a name form may match.
 * - `full`: a complete name ("Jeff Sessions", "Executive Order 13841"): matches anywhere.
 * - `title`: a title with a name ("Attorney General Jeff Sessions", "Mr. Sessions"): matches anywhere
 *   and, like `full`, licenses the entity's `short` forms later in the article.
 * - `short`: a surname or short form ("Sessions"): matches only after a `full` or `title` form of the
 *   same entity appeared earlier in the same article.
 */
export const NameRules = ['full', 'title', 'short'] as const;

export const NameFormSchema = v.object({
  text: Text,
  rule: v.picklist(NameRules),
  /** Name forms match case-sensitively unless this is set (used for lowercase terms). */
  caseInsensitive: v.optional(v.boolean()),
});

export const Confidences = ['multi', 'single', 'seed'] as const;

export const FactSchema = v.object({
  text: Text,
  date: v.optional(IsoDate),
  /** For a statement that can go stale (a current post, "presides"): the date it was last checked true. */
  asOf: v.optional(IsoDate),
  sources: v.pipe(v.array(Id), v.minLength(1, 'every fact needs at least one source')),
  /** multi: two or more independent sources; single: one; seed: only the seed article. */
  confidence: v.picklist(Confidences),
  /** Not tied to a specific document after looking; the card says so. */
  unverified: v.optional(v.boolean()),
});

export const QuoteSchema = v.object({
  /** The exact words, as printed by the source. */
  text: Text,
  /** Entity id of the speaker. */
  speaker: Id,
  date: v.optional(IsoDate),
  /** Where it was said: "call with border U.S. attorneys", "Fort Wayne, Ind.". */
  where: v.optional(v.string()),
  source: Id,
  /** Further documents that print the same words, for `multi` confidence. */
  alsoIn: v.optional(v.array(Id)),
  /** Excerpt (of `source`) that contains the quote, for "View source context". */
  excerpt: v.optional(Id),
  confidence: v.picklist(Confidences),
  /** Set when the words come from someone else's notes, not a recording or transcript: "according to a participant's notes". */
  secondhand: v.optional(Text),
  unverified: v.optional(v.boolean()),
});

/** Figures that sources give differently; the card lists each with its source, never picks one. */
export const FigureSchema = v.object({
  value: Text,
  scope: Text,
  sources: v.pipe(v.array(Id), v.minLength(1)),
  confidence: v.picklist(Confidences),
  /** The measure this figure is a count of (`measures.json`): figures of one measure are shown side by side. */
  measure: v.optional(Id),
  /** The count as a number (the low end of a range), for plotting and for recognising it in a text. */
  count: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0))),
  /** The high end, when the figure is a range ("4,500–5,000"). */
  countHigh: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0))),
  /** The date the count was true as of (not when it was reported). */
  asOf: v.optional(IsoDate),
});

/**
 * A quantity that sources count differently over time ("children separated"). A number in an
 * article followed by one of `nouns` ("2,300 children") is a mention of the measure, as is a
 * bare number the pack has as a figure of it ("1,556").
 */
export const MeasureSchema = v.object({
  id: Id,
  /** What is counted, for the figures card's heading. */
  label: Text,
  /** Lowercase nouns that name what is counted, right after a number (up to two words between). */
  nouns: v.pipe(v.array(Text), v.minLength(1)),
  /** Counts below this, followed by a noun, are left alone ("two children" in a family's story). */
  minCount: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0))),
});

export const EntitySchema = v.object({
  id: Id,
  type: v.picklist(EntityTypes),
  name: Text,
  names: v.pipe(v.array(NameFormSchema), v.minLength(1, 'an entity needs at least one name form')),
  /** One line: who or what this is. */
  identity: Text,
  /** Their part in the policy, in one or two sentences. */
  role: Text,
  /** When identity or role states a current post: the date it was last checked true. */
  asOf: v.optional(IsoDate),
  facts: v.array(FactSchema),
  quotes: v.optional(v.array(QuoteSchema)),
  figures: v.optional(v.array(FigureSchema)),
  related: v.optional(v.array(Id)),
});

export const TimelineEventSchema = v.object({
  id: Id,
  date: IsoDate,
  precision: v.picklist(['day', 'month', 'year']),
  description: Text,
  entities: v.array(Id),
  sources: v.pipe(v.array(Id), v.minLength(1)),
  confidence: v.picklist(Confidences),
});

export const SignalSchema = v.object({
  text: Text,
  weight: v.number(),
  caseInsensitive: v.optional(v.boolean()),
});

export const SignalsSchema = v.object({
  /** Phrases that point at the topic (positive weight) or away from it (negative weight). */
  phrases: v.array(SignalSchema),
  /** Weight added per distinct pack entity mentioned in the article. */
  entityWeight: v.number(),
  /** Entities whose joint mention is strong evidence (e.g. an official and the policy name). */
  cooccurrence: v.array(
    v.object({ entities: v.pipe(v.array(Id), v.minLength(2)), weight: v.number() }),
  ),
  /** A page is covered when its normalised score reaches this. */
  threshold: v.number(),
  /** ...and at least this many distinct positive signals or entities were seen. */
  minDistinct: v.number(),
  /** Article length in words up to which scores are not scaled down (longer: score / sqrt(words / this)). Default 800. */
  referenceWords: v.optional(v.number()),
  /**
   * Phrases or stems, one of which every covered article contains ("zero tolerance", "separated
   * famil"), matched case-insensitively anywhere, a space matching any gap. A page with none is ruled out by one fast native search before
   * any other matching: the idle path of every unrelated page. Omit to weigh every page.
   */
  gate: v.optional(v.array(Text)),
});

/** A name form shared by several entities, and how the engine tells them apart. */
export const CollisionSchema = v.object({
  form: Text,
  entities: v.array(Id),
  /** Human-readable rule; the mechanism is the name rules (full/title license short forms). */
  resolution: Text,
});

/** Phrases that contain a name form but never mean the entity ("White House", "training sessions"). */
export const BlockerSchema = v.object({
  text: Text,
  caseInsensitive: v.optional(v.boolean()),
});

export const PackSchema = v.object({
  id: Id,
  version: v.string(),
  /** The date the pack's content was last checked as a whole; cards show it with the version. */
  dataAsOf: IsoDate,
  /** Where readers send corrections; the card's "Something wrong?" report names it. Backstory sends nothing itself. */
  corrections: v.optional(
    v.object({
      email: v.optional(v.pipe(v.string(), v.email())),
      url: v.optional(HttpsUrl),
    }),
  ),
  title: Text,
  description: Text,
  sources: v.array(SourceSchema),
  entities: v.array(EntitySchema),
  timeline: v.array(TimelineEventSchema),
  signals: SignalsSchema,
  collisions: v.optional(v.array(CollisionSchema)),
  blockers: v.optional(v.array(BlockerSchema)),
  measures: v.optional(v.array(MeasureSchema)),
  /**
   * The article the pack was seeded from. Facts and quotes with confidence `seed` rest on it alone,
   * and validation checks that they cite it (and that facts citing only it say `seed`).
   */
  seedSource: v.optional(Id),
});

export type Source = v.InferOutput<typeof SourceSchema>;
export type SourceKind = (typeof SourceKinds)[number];
export type Excerpt = v.InferOutput<typeof ExcerptSchema>;
export type Entity = v.InferOutput<typeof EntitySchema>;
export type EntityType = (typeof EntityTypes)[number];
export type NameForm = v.InferOutput<typeof NameFormSchema>;
export type Fact = v.InferOutput<typeof FactSchema>;
export type Quote = v.InferOutput<typeof QuoteSchema>;
export type Figure = v.InferOutput<typeof FigureSchema>;
export type Measure = v.InferOutput<typeof MeasureSchema>;
export type TimelineEvent = v.InferOutput<typeof TimelineEventSchema>;
export type Signals = v.InferOutput<typeof SignalsSchema>;
export type Pack = v.InferOutput<typeof PackSchema>;
export type Confidence = (typeof Confidences)[number];

function isRealDate(value: string): boolean {
  const [y, m, d] = value.split('-').map(Number);
  if (m === undefined || d === undefined) return true;
  const date = new Date(Date.UTC(y!, m - 1, d));
  return date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}
