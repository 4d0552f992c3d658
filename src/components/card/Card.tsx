/**
 * The context card: who or what this is, their part in the policy, dated facts with
 * their sources, an attributed quote, and the two actions. Everything is rendered as
 * text by Preact; nothing from the pack or the page is parsed as HTML.
 */
import { useId } from 'preact/hooks';
import type { Fact, Source } from '../../pack/schema';
import type { EntityCard } from '../../messages/protocol';
import { confidenceNote, formatIsoDate } from '../format';
import { NoteEditor } from './NoteEditor';

export const TYPE_LABELS: Record<string, string> = {
  person: 'Person',
  organization: 'Organization',
  document: 'Document',
  case: 'Court case',
  event: 'Event',
  term: 'Key term',
};

export interface CardProps {
  /** null while the card content is loading. */
  card: EntityCard | null;
  error?: string;
  /** The words on the page that opened the card. */
  mentionText: string;
  editing: boolean;
  saved?: boolean;
  onViewSource: (sourceId: string, excerptId?: string, quote?: string) => void;
  onStartNote: () => void;
  onCancelNote: () => void;
  onSaveNote: (text: string, tags: string[]) => Promise<string | null>;
  validateNote: (text: string) => string | null;
  onClose: () => void;
}

const MAX_FACTS = 5;

/** Up to five facts, dated ones first, in date order: the card is a glance, not the file. */
export function factsForCard(facts: Fact[]): Fact[] {
  const dated = facts.filter((f) => f.date).sort((a, b) => a.date!.localeCompare(b.date!));
  const undated = facts.filter((f) => !f.date);
  return [...dated, ...undated].slice(0, MAX_FACTS);
}

/** What a source is, said where its publisher alone would not: "memo" vs "press release" from the same office. */
const KIND_WORDS: Partial<Record<Source['kind'], string>> = {
  report: 'report',
  memo: 'memo',
  'court-order': 'court order',
  'court-filing': 'court filing',
  'executive-order': 'executive order',
  statement: 'statement',
  'press-release': 'press release',
  hearing: 'hearing',
  'social-post': 'post',
  interview: 'interview',
};

/**
 * A source as the card cites it: publisher, its number or what kind of document it is, and its
 * date, which is left out when it is the date printed just above (the fact's or the quote's).
 */
export function citeLabel(source: Source, besideDate?: string): string {
  const parts = [source.publisher];
  const kind = KIND_WORDS[source.kind];
  if (source.number) parts.push(source.number);
  else if (kind) parts.push(kind);
  if (source.date !== besideDate) parts.push(formatIsoDate(source.date));
  return parts.join(', ');
}

/** Labels for a list of sources; two that would read the same get the start of their titles. */
export function citeLabels(list: Source[], besideDate?: string): string[] {
  const labels = list.map((s) => citeLabel(s, besideDate));
  return labels.map((label, i) =>
    labels.indexOf(label) !== labels.lastIndexOf(label) ? `${label}: ${shortTitle(list[i]!.title)}` : label,
  );
}

function shortTitle(title: string): string {
  const words = title.split(/\s+/);
  return words.length > 6 ? `${words.slice(0, 6).join(' ')}…` : title;
}

function SourceLinks({
  ids,
  sources,
  besideDate,
  onViewSource,
}: {
  ids: string[];
  sources: Record<string, Source>;
  besideDate?: string;
  onViewSource: CardProps['onViewSource'];
}) {
  const known = ids.filter((id) => sources[id]);
  if (known.length === 0) return null;
  const labels = citeLabels(
    known.map((id) => sources[id]!),
    besideDate,
  );
  return (
    <span class="cites" role="group" aria-label={known.length === 1 ? 'Source' : 'Sources'}>
      {known.map((id, i) => (
        <button type="button" class="cite" key={id} title={`${sources[id]!.title} — view source context`} onClick={() => onViewSource(id)}>
          {labels[i]}
        </button>
      ))}
    </span>
  );
}

export function Card(props: CardProps) {
  const { card } = props;
  // Unique per card: the card being made ready for the next name sits beside the open one.
  const id = useId();
  const titleId = `backstory-card-title-${id}`;
  const identityId = `backstory-card-identity-${id}`;
  if (!card) {
    return (
      <section class="card" role="dialog" aria-label={`Backstory: ${props.mentionText}`} aria-busy={props.error ? 'false' : 'true'}>
        <div class="card-header">
          <h2 class="name">{props.mentionText}</h2>
          <CloseButton onClose={props.onClose} />
        </div>
        {props.error ? <p class="error" role="alert">{props.error}</p> : <p class="muted">Loading context…</p>}
      </section>
    );
  }
  const { entity, sources } = card;
  const quote = entity.quotes?.[0];
  const facts = factsForCard(entity.facts);
  const mainSource = quote?.source ?? facts[0]?.sources[0];

  return (
    <section class="card" role="dialog" aria-labelledby={titleId} aria-describedby={identityId}>
      {/* A div, not <header>: in the page's shadow root a header would count as a second banner landmark. */}
      <div class="card-header">
        <div>
          <p class="kind">{TYPE_LABELS[entity.type] ?? entity.type}</p>
          <h2 class="name" id={titleId}>
            {entity.name}
          </h2>
        </div>
        <CloseButton onClose={props.onClose} />
      </div>
      <p class="identity" id={identityId}>
        {entity.identity}
      </p>
      <p class="role">{entity.role}</p>

      {facts.length > 0 ? (
        <ul class="facts" aria-label="Dated facts">
          {facts.map((fact, i) => {
            const note = confidenceNote(fact.confidence, fact.sources.map((id) => sources[id]).filter((s): s is Source => !!s));
            return (
              <li key={i}>
                {fact.date ? <span class="date">{formatIsoDate(fact.date)}</span> : null}
                <span class="fact-text">{fact.text}</span>
                {note ? <span class="confidence">({note})</span> : null}
                <SourceLinks ids={fact.sources} sources={sources} besideDate={fact.date} onViewSource={props.onViewSource} />
              </li>
            );
          })}
        </ul>
      ) : null}

      {entity.figures && entity.figures.length > 0 ? (
        <div class="figures">
          <p class="section-label">Figures differ by source</p>
          <ul>
            {entity.figures.map((f, i) => (
              <li key={i}>
                <strong>{f.value}</strong> <span>{f.scope}</span>
                <SourceLinks ids={f.sources} sources={sources} onViewSource={props.onViewSource} />
              </li>
            ))}
          </ul>
        </div>
      ) : null}

      {quote ? (
        <figure class="quote">
          <blockquote>“{quote.text}”</blockquote>
          <figcaption>
            — {card.names[quote.speaker] ?? entity.name}
            {quote.date ? `, ${formatIsoDate(quote.date)}` : ''}
            {quote.where ? `, ${quote.where}` : ''}
            {sources[quote.source] ? ` (${citeLabel(sources[quote.source]!, quote.date)})` : ''}
          </figcaption>
        </figure>
      ) : null}

      {props.editing ? (
        <NoteEditor
          heading={`Note about ${entity.name}`}
          quote={props.mentionText}
          validate={props.validateNote}
          onSave={props.onSaveNote}
          onCancel={props.onCancelNote}
        />
      ) : (
        <div class="actions">
          {mainSource ? (
            <button
              type="button"
              onClick={() => props.onViewSource(mainSource, quote?.excerpt, quote?.text)}
            >
              View source context
            </button>
          ) : null}
          <button type="button" class="primary" onClick={props.onStartNote}>
            Save note
          </button>
          {props.saved ? (
            <span class="saved" role="status">
              Note saved
            </span>
          ) : null}
        </div>
      )}
    </section>
  );
}

function CloseButton({ onClose }: { onClose: () => void }) {
  return (
    <button type="button" class="close" aria-label="Close card" onClick={onClose}>
      <span aria-hidden="true">×</span>
    </button>
  );
}
