/**
 * The glance: what a card shows first, made to fit without scrolling. Who, and their part in
 * this story; the two facts most relevant to this article, each with one source line; one quote.
 */

/**
 * What a glance short of room gives up, one step at a time, until it fits beside its name
 * (placement tries them in order, card-placement.ts; glance.css draws each): the role on one
 * line and each fact on two, its date run in; tighter type and a shorter start of the quote; the
 * quote's source line ("View source context" still opens it); the less relevant fact; the quote;
 * the role line, leaving who they are. "More" has all of it.
 */
export const GLANCE_FIT_STEPS = 'brief tight quote-unsourced one-fact no-quote no-role';
import type { EntityCard } from '../../messages/protocol';
import type { Fact, Quote, Source } from '../../pack/schema';
import { formatIsoDate } from '../format';
import { CompactSources, type ViewSource } from './citations';
import { inDateOrder, rankedGlanceFacts, splitAtDate } from './choose-content';
import { QuoteFigure } from './QuoteFigure';

export function Glance({
  card,
  quote,
  identityId,
  articleDate,
  mentionedNames,
  onViewSource,
}: {
  card: EntityCard;
  /** The glance's quote (glanceQuote), chosen by the card, whose "View source context" opens it. */
  quote: Quote | undefined;
  identityId: string;
  articleDate: string | null | undefined;
  mentionedNames: readonly string[] | undefined;
  onViewSource: ViewSource;
}) {
  const { entity, sources } = card;
  return (
    <>
      <p class="who" id={identityId}>
        <span class="who-identity">{entity.identity}</span> <span class="who-role">{entity.role}</span>
      </p>
      <GlanceFacts facts={rankedGlanceFacts(entity, articleDate, mentionedNames)} articleDate={articleDate} sources={sources} onViewSource={onViewSource} />
      {quote ? <QuoteFigure quote={quote} speaker={card.names[quote.speaker] ?? entity.name} sources={sources} onViewSource={onViewSource} compact /> : null}
    </>
  );
}

/** The glance's facts (`facts` most relevant first), in date order: each with its date and one source line. */
function GlanceFacts({
  facts,
  articleDate,
  sources,
  onViewSource,
}: {
  facts: Fact[];
  articleDate: string | null | undefined;
  sources: Record<string, Source>;
  onViewSource: ViewSource;
}) {
  if (facts.length === 0) return null;
  const later = new Set(splitAtDate(facts, articleDate).later);
  const spare = facts[1];
  return (
    <ul class="facts glance-facts" aria-label="Facts most relevant to this article">
      {inDateOrder(facts).map((fact, i) => (
        <li key={i} class={[later.has(fact) && 'later', fact === spare && 'spare'].filter(Boolean).join(' ') || undefined}>
          {/* The date inside the text, so a glance short of room can run them together on clamped lines. */}
          <span class="fact-text">
            {fact.date ? (
              <span class="date">
                {later.has(fact) ? 'Later: ' : ''}
                {formatIsoDate(fact.date)}
              </span>
            ) : null}{' '}
            {fact.text}
            {fact.unverified ? ' (unverified)' : ''}
          </span>
          <CompactSources ids={fact.sources} sources={sources} onViewSource={onViewSource} />
        </li>
      ))}
    </ul>
  );
}
