/**
 * The context card: who or what this is, their part in the policy, dated facts with their
 * sources, attributed quotes (own words first), the timeline, the pack's "data as of" line, and
 * the actions, including a correction report the reader copies and sends themselves. Everything is rendered as
 * text by Preact; nothing from the pack or the page is parsed as HTML.
 */
import type { ComponentChildren } from 'preact';
import { useId, useState } from 'preact/hooks';
import type { Entity, Fact, Quote, Source } from '../../pack/schema';
import type { EntityCard } from '../../messages/protocol';
import { confidenceNote, formatIsoDate } from '../format';
import { NoteEditor } from './NoteEditor';
import { correctionReport, correctionsAddress } from './correction-report';

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
  /** The page the card is on, offered to the correction report; defaults to the current location. */
  pageUrl?: string;
  /**
   * Where the note editor goes while `editing`: on a web page, a slot the note frame is laid
   * over, so note text stays out of the page (src/content/ui/note-frame-host.ts). Without it,
   * the editor is rendered here.
   */
  noteSlot?: () => ComponentChildren;
}

const MAX_FACTS = 5;
const MAX_QUOTES = 3;

/**
 * Quotes in the order a fair card shows them: the entity's own recorded words first, then what
 * others said, then words known only from someone's notes; the pack's order otherwise.
 */
export function quotesForCard(entity: Pick<Entity, 'id' | 'quotes'>): Quote[] {
  const rank = (q: Quote) => (q.secondhand ? 2 : q.speaker === entity.id ? 0 : 1);
  return [...(entity.quotes ?? [])].sort((a, b) => rank(a) - rank(b));
}

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

/** A source as the card cites it: publisher, its number or what kind of document it is, and its own date. */
export function citeLabel(source: Source): string {
  const parts = [source.publisher];
  const kind = KIND_WORDS[source.kind];
  if (source.number) parts.push(source.number);
  else if (kind) parts.push(kind);
  parts.push(formatIsoDate(source.date));
  return parts.join(', ');
}

/** Labels for a list of sources; two that would read the same get the start of their titles. */
export function citeLabels(list: Source[]): string[] {
  const labels = list.map((s) => citeLabel(s));
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
  onViewSource,
}: {
  ids: readonly string[];
  sources: Record<string, Source>;
  onViewSource: CardProps['onViewSource'];
}) {
  const known = ids.filter((id) => sources[id]);
  if (known.length === 0) return null;
  const labels = citeLabels(known.map((id) => sources[id]!));
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
  const [allQuotes, setAllQuotes] = useState(false);
  const [reporting, setReporting] = useState(false);
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
  const quotes = quotesForCard(entity);
  const shownQuotes = allQuotes ? quotes : quotes.slice(0, MAX_QUOTES);
  const facts = factsForCard(entity.facts);
  const mainQuote = shownQuotes[0];
  const mainSource = mainQuote?.source ?? facts[0]?.sources[0];

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
        {entity.asOf ? <span class="as-of"> (as of {formatIsoDate(entity.asOf)})</span> : null}
      </p>
      <p class="role">{entity.role}</p>

      {facts.length > 0 ? (
        <ul class="facts" aria-label="Dated facts">
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
                <SourceLinks ids={fact.sources} sources={sources} onViewSource={props.onViewSource} />
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

      {shownQuotes.map((quote, i) => (
        <figure class="quote" key={i}>
          <blockquote>“{quote.text}”</blockquote>
          <figcaption>
            — {card.names[quote.speaker] ?? entity.name}
            {quote.date ? `, ${formatIsoDate(quote.date)}` : ''}
            {quote.where ? `, ${quote.where}` : ''}
            {quote.secondhand ? <span class="secondhand">{quote.secondhand}</span> : null}
            {quote.unverified ? <span class="secondhand">unverified: no specific document found</span> : null}
            <SourceLinks ids={[quote.source, ...(quote.alsoIn ?? [])]} sources={sources} onViewSource={props.onViewSource} />
          </figcaption>
        </figure>
      ))}
      {quotes.length > MAX_QUOTES ? (
        <button type="button" class="more" aria-expanded={allQuotes} onClick={() => setAllQuotes(!allQuotes)}>
          {allQuotes ? 'Show fewer quotes' : `Show ${quotes.length - MAX_QUOTES} more ${quotes.length - MAX_QUOTES === 1 ? 'quote' : 'quotes'}`}
        </button>
      ) : null}

      {card.events.length > 0 ? (
        <details class="timeline">
          <summary>Timeline ({card.events.length})</summary>
          <ol>
            {card.events.map((event) => (
              <li key={event.id}>
                <span class="date">{formatIsoDate(event.date)}</span>
                <span class="fact-text">{event.description}</span>
                <SourceLinks ids={event.sources} sources={sources} onViewSource={props.onViewSource} />
              </li>
            ))}
          </ol>
        </details>
      ) : null}

      <p class="data-as-of">
        Data as of {formatIsoDate(card.pack.dataAsOf)} · pack version {card.pack.version}
      </p>
      {reporting ? <CorrectionPanel card={card} pageUrl={props.pageUrl ?? globalThis.location?.href} /> : null}

      {props.editing && props.noteSlot ? (
        props.noteSlot()
      ) : props.editing ? (
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
            <button type="button" onClick={() => props.onViewSource(mainSource, mainQuote?.excerpt, mainQuote?.text)}>
              View source context
            </button>
          ) : null}
          <button type="button" aria-expanded={reporting} onClick={() => setReporting(!reporting)}>
            Something wrong?
          </button>
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

type CopyState = 'idle' | 'copied' | 'failed';

/**
 * "Something wrong?": builds a correction report for the reader to copy and send. The page's
 * address goes in only when the reader ticks the box, since it says what they were reading.
 */
function CorrectionPanel({ card, pageUrl }: { card: EntityCard; pageUrl?: string }) {
  const id = useId();
  const [withPage, setWithPage] = useState(false);
  const [state, setState] = useState<CopyState>('idle');
  const text = correctionReport(card, { pageUrl: withPage ? pageUrl : undefined });
  const address = correctionsAddress(card);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setState('copied');
    } catch {
      // No clipboard (permission, older browser): the reader can still select the text below.
      setState('failed');
    }
  };
  return (
    <div class="report" role="group" aria-label="Report a correction">
      <p class="report-line">
        {address ? `Send corrections to ${address}.` : 'Send corrections to the maintainers of this topic pack.'} Backstory
        itself sends nothing: you copy the report and send it yourself.
      </p>
      <label class="report-check" for={`backstory-report-page-${id}`}>
        <input
          id={`backstory-report-page-${id}`}
          type="checkbox"
          checked={withPage}
          onChange={(e) => setWithPage((e.currentTarget as HTMLInputElement).checked)}
        />{' '}
        Include this page’s address
      </label>
      <div class="report-actions">
        <button type="button" onClick={copy}>
          Copy correction report
        </button>
        <span class="saved-status" role="status">
          {state === 'copied' ? 'Copied to the clipboard.' : state === 'failed' ? 'Could not copy; select the text below.' : ''}
        </span>
      </div>
      {state === 'failed' ? (
        <textarea class="report-text" readOnly rows={6} aria-label="Correction report" value={text} />
      ) : null}
    </div>
  );
}

function CloseButton({ onClose }: { onClose: () => void }) {
  return (
    <button type="button" class="close" aria-label="Close card" onClick={onClose}>
      <span aria-hidden="true">×</span>
    </button>
  );
}
