/**
 * The full card ("More"): the file on one entity. Identity and role, every fact (what came after
 * the article set apart), figures, quotes, the timeline, the pack's date, the correction report,
 * related entities. It may scroll.
 */
import type { EntityCard } from '../../messages/protocol';
import type { Fact, Source, TimelineEvent } from '../../pack/schema';
import { confidenceNote, formatIsoDate } from '../format';
import { SourceLinks, type ViewSource } from './citations';
import { factsForCard, quotesForCard, splitAtDate } from './choose-content';
import { CorrectionPanel } from './CorrectionPanel';
import { QuoteFigure } from './QuoteFigure';

/** Quotes shown before "Show n more quotes". */
const MAX_QUOTES = 3;

export interface FullCardProps {
  card: EntityCard;
  identityId: string;
  articleDate: string | null | undefined;
  pageUrl: string | undefined;
  /** "Something wrong?" is open. */
  reporting: boolean;
  allQuotes: boolean;
  onToggleQuotes: () => void;
  onViewSource: ViewSource;
  onOpenEntity?: (entityId: string, name: string) => void;
  onOpenTimeline?: () => void;
}

export function FullCard(props: FullCardProps) {
  const { card, articleDate, onViewSource } = props;
  const { entity, sources } = card;
  const quotes = quotesForCard(entity);
  const shownQuotes = props.allQuotes ? quotes : quotes.slice(0, MAX_QUOTES);
  const { then: factsThen, later: factsLater } = splitAtDate(entity.facts, articleDate);
  // The full card is the file: every fact.
  const facts = factsForCard(factsThen, Infinity);
  const laterFacts = factsForCard(factsLater, Infinity);
  const { then: eventsThen, later: eventsLater } = splitAtDate(card.events, articleDate);
  return (
    <>
      <p class="identity" id={props.identityId}>
        {entity.identity}
        {entity.asOf ? <span class="as-of"> (as of {formatIsoDate(entity.asOf)})</span> : null}
      </p>
      <p class="role">{entity.role}</p>

      <FactList facts={facts} sources={sources} label="Dated facts" onViewSource={onViewSource} />
      {laterFacts.length > 0 ? (
        <div class="later">
          <p class="section-label">Later: after this article ({formatIsoDate(articleDate!)})</p>
          <FactList facts={laterFacts} sources={sources} label="Facts dated after this article" onViewSource={onViewSource} />
        </div>
      ) : null}

      {entity.figures && entity.figures.length > 0 ? (
        <div class="figures">
          <p class="section-label">Figures differ by source</p>
          <ul>
            {entity.figures.map((f, i) => (
              <li key={i}>
                <strong>{f.value}</strong> <span>{f.scope}</span>
                <SourceLinks ids={f.sources} sources={sources} onViewSource={onViewSource} />
              </li>
            ))}
          </ul>
        </div>
      ) : null}

      {shownQuotes.map((quote, i) => (
        <QuoteFigure key={i} quote={quote} speaker={card.names[quote.speaker] ?? entity.name} sources={sources} onViewSource={onViewSource} />
      ))}
      {quotes.length > MAX_QUOTES ? (
        <button type="button" class="more" aria-expanded={props.allQuotes} onClick={props.onToggleQuotes}>
          {props.allQuotes ? 'Show fewer quotes' : `Show ${quotes.length - MAX_QUOTES} more ${quotes.length - MAX_QUOTES === 1 ? 'quote' : 'quotes'}`}
        </button>
      ) : null}

      {card.events.length > 0 ? (
        <details class="timeline">
          <summary>Timeline ({card.events.length})</summary>
          <EventList events={eventsThen} sources={sources} onViewSource={onViewSource} />
          {eventsLater.length > 0 ? (
            <div class="later">
              <p class="section-label">Later: after this article</p>
              <EventList events={eventsLater} sources={sources} onViewSource={onViewSource} />
            </div>
          ) : null}
        </details>
      ) : null}

      <p class="data-as-of">
        Data as of {formatIsoDate(card.pack.dataAsOf)} · pack version {card.pack.version}
      </p>
      {props.reporting ? <CorrectionPanel card={card} pageUrl={props.pageUrl} /> : null}
      <RelatedList related={card.related} onOpenEntity={props.onOpenEntity} />
      {props.onOpenTimeline ? (
        <button type="button" class="more" onClick={props.onOpenTimeline}>
          Open the full timeline
        </button>
      ) : null}
    </>
  );
}

/** Related entities, each opening its own card in place. */
function RelatedList({ related, onOpenEntity }: { related: EntityCard['related']; onOpenEntity?: FullCardProps['onOpenEntity'] }) {
  if (related.length === 0 || !onOpenEntity) return null;
  return (
    <div class="related">
      <p class="section-label">Related</p>
      <ul>
        {related.map((r) => (
          <li key={r.id}>
            <button type="button" class="cite" onClick={() => onOpenEntity(r.id, r.name)}>
              {r.name}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}

function FactList({ facts, sources, label, onViewSource }: { facts: Fact[]; sources: Record<string, Source>; label: string; onViewSource: ViewSource }) {
  if (facts.length === 0) return null;
  return (
    <ul class="facts" aria-label={label}>
      {facts.map((fact, i) => {
        const note = confidenceNote(fact.confidence, fact.sources.map((id) => sources[id]).filter((s): s is Source => !!s));
        return (
          <li key={i}>
            {fact.date ? <span class="date">{formatIsoDate(fact.date)}</span> : null}
            <span class="fact-text">
              {fact.text}
              {fact.asOf ? <span class="as-of"> (as of {formatIsoDate(fact.asOf)})</span> : null}
            </span>
            {fact.unverified ? <span class="confidence">(unverified: no specific document found)</span> : null}
            {note ? <span class="confidence">({note})</span> : null}
            <SourceLinks ids={fact.sources} sources={sources} onViewSource={onViewSource} />
          </li>
        );
      })}
    </ul>
  );
}

function EventList({ events, sources, onViewSource }: { events: TimelineEvent[]; sources: Record<string, Source>; onViewSource: ViewSource }) {
  if (events.length === 0) return null;
  return (
    <ol>
      {events.map((event) => (
        <li key={event.id}>
          <span class="date">{formatIsoDate(event.date)}</span>
          <span class="fact-text">{event.description}</span>
          <SourceLinks ids={event.sources} sources={sources} onViewSource={onViewSource} />
        </li>
      ))}
    </ol>
  );
}
