/**
 * Pack validation: the valibot schema first, then the referential lint the schema cannot express
 * (ids that must resolve, quotes that must appear verbatim in their excerpt, name forms that must
 * not silently collide). Every message names the thing and the field, e.g.
 *
 *   entity "jeff-sessions" facts[2].sources[0]: unknown source "d99"
 *
 * so a broken pack fails the build (build/pack-plugin.ts) with a message a pack author can act on.
 */
import * as v from 'valibot';
import { PackSchema, type Entity, type NameForm, type Pack } from './schema';
import { auditProvenance, datedBefore, PROVENANCE_RULES_FAIL_BUILD } from './provenance';

export type PackValidation = { ok: true; pack: Pack } | { ok: false; errors: string[] };

export interface LintOptions {
  /** Whether the provenance rules (src/pack/provenance.ts) make the pack invalid; defaults to the build's switch. */
  provenance?: boolean;
}

export function validatePack(input: unknown, options: LintOptions = {}): PackValidation {
  const parsed = v.safeParse(PackSchema, input);
  if (!parsed.success) {
    return { ok: false, errors: parsed.issues.map((issue) => describeIssue(issue, input)) };
  }
  const errors = lintPack(parsed.output, options);
  return errors.length > 0 ? { ok: false, errors } : { ok: true, pack: parsed.output };
}

/** The errors as one readable block, for a build log or a thrown Error. */
export function formatPackErrors(errors: readonly string[]): string {
  const count = `${errors.length} problem${errors.length === 1 ? '' : 's'}`;
  return [`${count} in the topic pack:`, ...errors.map((e) => `  - ${e}`)].join('\n');
}

// ---------------------------------------------------------------------------------------------
// Schema issues → "entity "x" facts[0].sources: message"

type Issue = v.InferIssue<typeof PackSchema>;

/** Top-level arrays whose items carry an id (or, for collisions, a form) that names them. */
const SUBJECTS: Record<string, { noun: string; key: string }> = {
  entities: { noun: 'entity', key: 'id' },
  sources: { noun: 'source', key: 'id' },
  timeline: { noun: 'timeline', key: 'id' },
  collisions: { noun: 'collision', key: 'form' },
};

function describeIssue(issue: Issue, input: unknown): string {
  const keys = (issue.path ?? []).map((item) => item.key as string | number);
  let subject = 'pack';
  let rest = keys;
  const [top, index] = keys;
  const kind = typeof top === 'string' ? SUBJECTS[top] : undefined;
  if (kind && typeof index === 'number') {
    const item = (input as Record<string, unknown[] | undefined>)[top as string]?.[index];
    const name = item && typeof item === 'object' ? (item as Record<string, unknown>)[kind.key] : undefined;
    subject = typeof name === 'string' && name !== '' ? `${kind.noun} "${name}"` : `${top}[${index}]`;
    rest = keys.slice(2);
  } else if (typeof top === 'string') {
    subject = top;
    rest = keys.slice(1);
  }
  const field = fieldPath(rest);
  return `${subject}${field ? ` ${field}` : ''}: ${issue.message}`;
}

function fieldPath(keys: ReadonlyArray<string | number>): string {
  return keys.map((k, i) => (typeof k === 'number' ? `[${k}]` : i === 0 ? k : `.${k}`)).join('');
}

// ---------------------------------------------------------------------------------------------
// Referential lint

export function lintPack(pack: Pack, { provenance = PROVENANCE_RULES_FAIL_BUILD }: LintOptions = {}): string[] {
  const errors: string[] = [];
  const err = (subject: string, field: string, problem: string) => errors.push(`${subject} ${field}: ${problem}`);

  // Unique ids across sources, excerpts, entities and timeline events: one id, one thing.
  const owners = new Map<string, string>();
  const claim = (id: string, subject: string, field: string) => {
    const first = owners.get(id);
    if (first) err(subject, field, `duplicate id "${id}", already used by ${first}`);
    else owners.set(id, subject);
  };
  for (const [i, s] of pack.sources.entries()) {
    claim(s.id, `source "${s.id}"`, 'id');
    for (const [j, x] of (s.excerpts ?? []).entries()) claim(x.id, `source "${s.id}"`, `excerpts[${j}].id`);
    void i;
  }
  for (const e of pack.entities) claim(e.id, `entity "${e.id}"`, 'id');
  for (const t of pack.timeline) claim(t.id, `timeline "${t.id}"`, 'id');

  const sourceIds = new Set(pack.sources.map((s) => s.id));
  const entityIds = new Set(pack.entities.map((e) => e.id));
  const excerpts = new Map<string, { source: string; text: string }>();
  for (const s of pack.sources) for (const x of s.excerpts ?? []) excerpts.set(x.id, { source: s.id, text: x.text });

  const checkSources = (subject: string, field: string, ids: readonly string[]) => {
    ids.forEach((id, k) => {
      if (!sourceIds.has(id)) err(subject, `${field}[${k}]`, `unknown source "${id}"`);
    });
  };
  const checkEntity = (subject: string, field: string, id: string) => {
    if (!entityIds.has(id)) err(subject, field, `unknown entity "${id}"`);
  };

  const seed = pack.seedSource;
  if (seed !== undefined && !sourceIds.has(seed)) err('pack', 'seedSource', `unknown source "${seed}"`);
  const checkSeed = (subject: string, field: string, sources: readonly string[], confidence: string) => {
    if (seed === undefined) return;
    if (confidence === 'seed' && (sources.length !== 1 || sources[0] !== seed)) {
      err(subject, field, `confidence "seed" must cite the seed source "${seed}" alone`);
    } else if (confidence !== 'seed' && sources.length === 1 && sources[0] === seed) {
      err(subject, field, `cites only the seed source "${seed}", so its confidence must be "seed"`);
    }
  };
  const today = new Date().toISOString().slice(0, 10);
  const checkDate = (subject: string, field: string, date: string | undefined) => {
    if (date !== undefined && date.slice(0, today.length) > today) err(subject, field, `date ${date} is in the future`);
  };
  // An as-of date later than the pack's own would claim a check the pack never made.
  const checkAsOf = (subject: string, field: string, date: string | undefined) => {
    if (date !== undefined && datedBefore(pack.dataAsOf, date)) err(subject, field, `asOf ${date} is later than the pack's dataAsOf ${pack.dataAsOf}`);
  };
  checkDate('pack', 'dataAsOf', pack.dataAsOf);

  const measureIds = new Set((pack.measures ?? []).map((m) => m.id));
  for (const m of pack.measures ?? []) {
    if (m.nouns.some((n) => n !== n.toLowerCase())) err(`measure "${m.id}"`, 'nouns', 'nouns are matched case-insensitively: write them in lowercase');
  }

  // Sources: a reader needs a link, or to be told why there is none.
  for (const s of pack.sources) {
    const subject = `source "${s.id}"`;
    if (!s.url && !s.urlNote) err(subject, 'url', 'no url and no urlNote (say why there is no link)');
    checkDate(subject, 'date', s.date);
  }

  for (const e of pack.entities) {
    const subject = `entity "${e.id}"`;
    checkAsOf(subject, 'asOf', e.asOf);
    e.facts.forEach((f, i) => {
      checkSources(subject, `facts[${i}].sources`, f.sources);
      checkSeed(subject, `facts[${i}].confidence`, f.sources, f.confidence);
      checkDate(subject, `facts[${i}].date`, f.date);
      checkAsOf(subject, `facts[${i}].asOf`, f.asOf);
    });
    (e.figures ?? []).forEach((f, i) => {
      checkSources(subject, `figures[${i}].sources`, f.sources);
      checkSeed(subject, `figures[${i}].confidence`, f.sources, f.confidence);
      checkDate(subject, `figures[${i}].asOf`, f.asOf);
      if (f.measure !== undefined && !measureIds.has(f.measure)) err(subject, `figures[${i}].measure`, `unknown measure "${f.measure}"`);
      if (f.measure !== undefined && f.count === undefined) err(subject, `figures[${i}].count`, 'a figure of a measure needs its count as a number');
      if (f.countHigh !== undefined && (f.count === undefined || f.countHigh < f.count)) err(subject, `figures[${i}].countHigh`, 'countHigh must be at least count');
    });
    (e.quotes ?? []).forEach((q, i) => {
      const field = `quotes[${i}]`;
      if (!sourceIds.has(q.source)) err(subject, `${field}.source`, `unknown source "${q.source}"`);
      checkSources(subject, `${field}.alsoIn`, q.alsoIn ?? []);
      checkEntity(subject, `${field}.speaker`, q.speaker);
      checkDate(subject, `${field}.date`, q.date);
      if (seed !== undefined && q.confidence === 'seed' && q.source !== seed) {
        err(subject, `${field}.confidence`, `confidence "seed" must cite the seed source "${seed}"`);
      }
      if (q.excerpt === undefined) return;
      const excerpt = excerpts.get(q.excerpt);
      if (!excerpt) err(subject, `${field}.excerpt`, `unknown excerpt "${q.excerpt}"`);
      else if (excerpt.source !== q.source) {
        err(subject, `${field}.excerpt`, `excerpt "${q.excerpt}" belongs to source "${excerpt.source}", not to the quote's source "${q.source}"`);
      } else if (!excerpt.text.includes(q.text)) {
        err(subject, `${field}.excerpt`, `excerpt "${q.excerpt}" does not contain the quote verbatim`);
      }
    });
    (e.related ?? []).forEach((id, i) => checkEntity(subject, `related[${i}]`, id));
  }

  for (const t of pack.timeline) {
    const subject = `timeline "${t.id}"`;
    checkSources(subject, 'sources', t.sources);
    checkSeed(subject, 'confidence', t.sources, t.confidence);
    t.entities.forEach((id, i) => checkEntity(subject, `entities[${i}]`, id));
    const parts = t.date.split('-').length;
    const expected = parts === 3 ? 'day' : parts === 2 ? 'month' : 'year';
    if (t.precision !== expected) err(subject, 'precision', `"${t.precision}" does not match date ${t.date} (expected "${expected}")`);
    checkDate(subject, 'date', t.date);
  }

  (pack.collisions ?? []).forEach((c, i) => {
    c.entities.forEach((id, j) => checkEntity(`collision "${c.form}"`, `entities[${j}]`, id));
    void i;
  });
  pack.signals.cooccurrence.forEach((c, i) => {
    c.entities.forEach((id, j) => checkEntity('signals', `cooccurrence[${i}].entities[${j}]`, id));
  });

  lintNames(pack, err);
  if (provenance) errors.push(...auditProvenance(pack).problems.map((p) => p.message));
  return errors;
}

/**
 * Name forms: an entity may not list a form twice; two entities may share a form only when a
 * collision declares it (the engine then gives it to whichever was introduced most recently);
 * and every entity needs a full or title form that no blocker swallows, or it can never match.
 */
function lintNames(pack: Pack, err: (subject: string, field: string, problem: string) => void): void {
  const byKey = new Map<string, Array<{ entity: Entity; index: number; form: NameForm }>>();
  for (const entity of pack.entities) {
    const seen = new Set<string>();
    entity.names.forEach((form, index) => {
      const exact = typography(form.text);
      if (seen.has(exact)) err(`entity "${entity.id}"`, `names[${index}]`, `duplicate name form "${form.text}"`);
      seen.add(exact);
      const key = exact.toLowerCase();
      byKey.set(key, [...(byKey.get(key) ?? []), { entity, index, form }]);
    });
  }

  const declared = new Map<string, Set<string>>();
  for (const c of pack.collisions ?? []) {
    const key = typography(c.form).toLowerCase();
    declared.set(key, new Set([...(declared.get(key) ?? []), ...c.entities]));
  }

  for (const [key, uses] of byKey) {
    const reported = new Set<string>();
    for (const [i, a] of uses.entries()) {
      for (const b of uses.slice(i + 1)) {
        if (a.entity.id === b.entity.id || !sameForm(a.form, b.form)) continue;
        const ok = declared.get(key);
        if (ok?.has(a.entity.id) && ok.has(b.entity.id)) continue;
        const pair = `${b.entity.id}|${a.entity.id}`;
        if (reported.has(pair)) continue;
        reported.add(pair);
        err(
          `entity "${b.entity.id}"`,
          `names[${b.index}]`,
          `name form "${b.form.text}" is also a form of entity "${a.entity.id}"; declare it in collisions or drop one`,
        );
      }
    }
  }

  const blockers = pack.blockers ?? [];
  for (const entity of pack.entities) {
    const introducing = entity.names.filter((f) => f.rule !== 'short');
    if (introducing.length === 0) {
      err(`entity "${entity.id}"`, 'names', 'no full or title form, so the entity can never be matched (short forms need one first)');
      continue;
    }
    const reachable = introducing.some((f) => !blockers.some((b) => sameForm(f, { text: b.text, rule: 'full', caseInsensitive: b.caseInsensitive })));
    if (!reachable) err(`entity "${entity.id}"`, 'names', 'every full and title form is also a blocker, so the entity can never be matched');
  }
}

/** The engine treats curly and straight quotes, and runs of spaces or hyphens, alike. */
function typography(text: string): string {
  return text.trim().replace(/[\s\u2010\u2011-]+/g, ' ').replace(/[\u2018\u2019]/g, "'").replace(/[\u201c\u201d]/g, '"');
}

/** Whether the matcher could take one form's text for the other's. */
function sameForm(a: NameForm, b: NameForm): boolean {
  const x = typography(a.text);
  const y = typography(b.text);
  return x === y || ((a.caseInsensitive || b.caseInsensitive) === true && x.toLowerCase() === y.toLowerCase());
}
