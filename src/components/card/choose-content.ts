/**
 * Which facts and quotes a card shows, and in what order: pure functions of the pack's entity,
 * the article's date and the other names in the article.
 */
import type { Entity, Fact, Quote } from '../../pack/schema';

const MAX_FACTS = 5;

/**
 * Quotes in the order a fair card shows them: the entity's own recorded words first, then what
 * others said, then words known only from someone's notes; the pack's order otherwise.
 */
export function quotesForCard(entity: Pick<Entity, 'id' | 'quotes'>): Quote[] {
  const rank = (q: Quote) => (q.secondhand ? 2 : q.speaker === entity.id ? 0 : 1);
  return [...(entity.quotes ?? [])].sort((a, b) => rank(a) - rank(b));
}

/** Facts, dated ones first, in date order; up to five unless told otherwise. */
export function factsForCard(facts: Fact[], max = MAX_FACTS): Fact[] {
  const dated = facts.filter((f) => f.date).sort((a, b) => a.date!.localeCompare(b.date!));
  const undated = facts.filter((f) => !f.date);
  return [...dated, ...undated].slice(0, max);
}

/**
 * Facts and events split at the article's date: what was on record when it was written, and what
 * came later. Undated ones count as known then. With no article date, nothing is "later".
 */
export function splitAtDate<T extends { date?: string }>(items: readonly T[], articleDate: string | null | undefined): { then: T[]; later: T[] } {
  if (!articleDate) return { then: [...items], later: [] };
  const then: T[] = [];
  const later: T[] = [];
  for (const item of items) (item.date && item.date.slice(0, 10) > articleDate ? later : then).push(item);
  return { then, later };
}

const GLANCE_FACTS = 2;
/**
 * A quote longer than this is left to the full card when a shorter one of the same rank exists;
 * the glance shows this much of a longer one.
 */
export const GLANCE_QUOTE_CHARS = 220;
/** How much of its quote a glance short of room shows: about two lines. */
export const TIGHT_QUOTE_CHARS = 90;
/** A fact sharing more than this share of its words with the role says the role again. */
const REPEAT_SHARE = 0.5;

function contentWords(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\d]{4,}/gu) ?? [];
}

/** Whether a fact mostly says again what the role line says. */
export function repeatsRole(fact: Pick<Fact, 'text'>, role: string): boolean {
  const roleWords = new Set(contentWords(role));
  const words = contentWords(fact.text);
  if (words.length === 0) return false;
  return words.filter((w) => roleWords.has(w)).length / words.length > REPEAT_SHARE;
}

/** Facts in date order, undated ones last. */
export function inDateOrder(facts: readonly Fact[]): Fact[] {
  return [...facts].sort((a, b) => (a.date ?? '9999').localeCompare(b.date ?? '9999'));
}

/**
 * The two facts a glance shows, the most relevant to this article first: by how near their date
 * is to the article's (what was on record then before what came later) and by the other names of
 * the article they mention; never one that repeats the role. A glance short of room drops the
 * second.
 */
export function rankedGlanceFacts(
  entity: Pick<Entity, 'facts' | 'role'>,
  articleDate: string | null | undefined,
  mentionedNames: readonly string[] = [],
): Fact[] {
  const names = mentionedNames.flatMap((n) => [n, n.split(/\s+/).at(-1) ?? n]).filter((n) => n.length >= 4);
  const at = articleDate ? Date.parse(articleDate) : NaN;
  const scored = entity.facts
    .map((fact, order) => {
      let score = -order * 0.01;
      if (names.some((n) => fact.text.includes(n))) score += 1;
      if (fact.date && !Number.isNaN(at)) {
        const days = (Date.parse(fact.date.slice(0, 10)) - at) / 86_400_000;
        score += days > 0 ? -1 + 1 / (1 + days / 365) : 2 / (1 + -days / 180);
      } else if (fact.date) score += 0.5;
      return { fact, score };
    })
    .filter(({ fact }) => !repeatsRole(fact, entity.role));
  return scored.sort((a, b) => b.score - a.score).slice(0, GLANCE_FACTS).map((s) => s.fact);
}

/** The one quote a glance shows: the first in the card's order (own words first) that is short, else the first. */
export function glanceQuote(entity: Pick<Entity, 'id' | 'quotes'>): Quote | undefined {
  const quotes = quotesForCard(entity);
  return quotes.find((q) => q.text.length <= GLANCE_QUOTE_CHARS && !q.secondhand) ?? quotes[0];
}

/**
 * The start of a quote, up to `maxChars`, for a glance short of room: cut only between words
 * (a word cut short could read as another word), with an ellipsis saying words follow. The
 * whole quote when it is short enough.
 */
export function quoteExcerpt(text: string, maxChars: number): string {
  if (text.length <= maxChars) return text;
  const head = text.slice(0, maxChars + 1);
  const lastSpace = head.search(/\s\S*$/);
  // One word longer than the room: the whole word, rather than part of it.
  const words = lastSpace > 0 ? head.slice(0, lastSpace) : (text.match(/^\S+/)?.[0] ?? text);
  if (words.length >= text.length) return text;
  // A comma, dash or opening mark left hanging before the ellipsis belongs to the words cut away.
  return `${words.replace(/[\s,;:(\[\u2013\u2014\u2018\u201c-]+$/u, '')} …`;
}
