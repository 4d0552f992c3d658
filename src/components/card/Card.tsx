/**
 * The context card: who or what this is, their part in the policy, dated facts with their
 * sources, attributed quotes (own words first), the timeline, the pack's "data as of" line, and
 * the actions, including a correction report the reader copies and sends themselves.
 * Everything is rendered as text by Preact; nothing from the pack or the page is parsed as HTML.
 */
import type { ComponentChildren } from 'preact';
import { useId, useState } from 'preact/hooks';
import type { Entity, Fact, Quote, Source, TimelineEvent } from '../../pack/schema';
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
  /** The article's publication date (YYYY-MM-DD): what came after it is set apart under "Later:". */
  articleDate?: string | null;
  /** Names of the other entities the article mentions: the glance prefers facts about them. */
  mentionedNames?: readonly string[];
  /** Opens a related entity's card in place of this one. */
  onOpenEntity?: (entityId: string, name: string) => void;
  /** Opens the pack's whole timeline, with this article's date pinned. */
  onOpenTimeline?: () => void;
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
/** A quote longer than this is left to the full card when a shorter one of the same rank exists. */
const GLANCE_QUOTE_CHARS = 220;
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

/**
 * The two facts a glance shows: those most relevant to this article, by how near their date is
 * to the article's (what was on record then before what came later) and by the other names of
 * the article they mention; never one that repeats the role. In date order.
 */
export function glanceFacts(
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
  const chosen = scored.sort((a, b) => b.score - a.score).slice(0, GLANCE_FACTS).map((s) => s.fact);
  return chosen.sort((a, b) => (a.date ?? '9999').localeCompare(b.date ?? '9999'));
}

/** The one quote a glance shows: the first in the card's order (own words first) that is short, else the first. */
export function glanceQuote(entity: Pick<Entity, 'id' | 'quotes'>): Quote | undefined {
  const quotes = quotesForCard(entity);
  return quotes.find((q) => q.text.length <= GLANCE_QUOTE_CHARS && !q.secondhand) ?? quotes[0];
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

/** One source named, the rest behind "Sources (n)": a glance keeps each fact's source line short. */
function CompactSources({ ids, sources, onViewSource }: { ids: readonly string[]; sources: Record<string, Source>; onViewSource: CardProps['onViewSource'] }) {
  const [open, setOpen] = useState(false);
  const known = ids.filter((id) => sources[id]);
  const shown = open ? known : known.slice(0, 1);
  return (
    <span class={open ? 'compact-sources open' : 'compact-sources'}>
      <SourceLinks ids={shown} sources={sources} onViewSource={onViewSource} />
      {known.length > 1 ? (
        <button type="button" class="sources-toggle" aria-expanded={open} onClick={() => setOpen(!open)}>
          {open ? 'Fewer sources' : `Sources (${known.length})`}
        </button>
      ) : null}
    </span>
  );
}

export function Card(props: CardProps) {
  const { card } = props;
  // Unique per card: the card being made ready for the next name sits beside the open one.
  const id = useId();
  const [allQuotes, setAllQuotes] = useState(false);
  const [reporting, setReporting] = useState(false);
  const [full, setFull] = useState(false);
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
  const { then: factsThen, later: factsLater } = splitAtDate(entity.facts, props.articleDate);
  // The full card is the file: every fact.
  const facts = factsForCard(factsThen, Infinity);
  const laterFacts = factsForCard(factsLater, Infinity);
  const { then: eventsThen, later: eventsLater } = splitAtDate(card.events, props.articleDate);
  const quickQuote = glanceQuote(entity);
  const quickFacts = glanceFacts(entity, props.articleDate, props.mentionedNames);
  const mainQuote = full ? shownQuotes[0] : quickQuote;
  const mainSource = mainQuote?.source ?? facts[0]?.sources[0];

  return (
    <section class={full ? 'card' : 'card glance'} role="dialog" aria-labelledby={titleId} aria-describedby={identityId}>
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
      {full ? (
        <>
          <p class="identity" id={identityId}>
            {entity.identity}
            {entity.asOf ? <span class="as-of"> (as of {formatIsoDate(entity.asOf)})</span> : null}
          </p>
          <p class="role">{entity.role}</p>

          <FactList facts={facts} sources={sources} label="Dated facts" onViewSource={props.onViewSource} />
          {laterFacts.length > 0 ? (
            <div class="later">
              <p class="section-label">Later: after this article ({formatIsoDate(props.articleDate!)})</p>
              <FactList facts={laterFacts} sources={sources} label="Facts dated after this article" onViewSource={props.onViewSource} />
            </div>
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
            <QuoteFigure key={i} quote={quote} speaker={card.names[quote.speaker] ?? entity.name} sources={sources} onViewSource={props.onViewSource} />
          ))}
          {quotes.length > MAX_QUOTES ? (
            <button type="button" class="more" aria-expanded={allQuotes} onClick={() => setAllQuotes(!allQuotes)}>
              {allQuotes ? 'Show fewer quotes' : `Show ${quotes.length - MAX_QUOTES} more ${quotes.length - MAX_QUOTES === 1 ? 'quote' : 'quotes'}`}
            </button>
          ) : null}

          {card.events.length > 0 ? (
            <details class="timeline">
              <summary>Timeline ({card.events.length})</summary>
              <EventList events={eventsThen} sources={sources} onViewSource={props.onViewSource} />
              {eventsLater.length > 0 ? (
                <div class="later">
                  <p class="section-label">Later: after this article</p>
                  <EventList events={eventsLater} sources={sources} onViewSource={props.onViewSource} />
                </div>
              ) : null}
            </details>
          ) : null}

          <p class="data-as-of">
            Data as of {formatIsoDate(card.pack.dataAsOf)} · pack version {card.pack.version}
          </p>
          {reporting ? <CorrectionPanel card={card} pageUrl={props.pageUrl ?? globalThis.location?.href} /> : null}
          <RelatedList related={card.related} onOpenEntity={props.onOpenEntity} />
          {props.onOpenTimeline ? (
            <button type="button" class="more" onClick={props.onOpenTimeline}>
              Open the full timeline
            </button>
          ) : null}
        </>
      ) : (
        <>
          <p class="who" id={identityId}>
            <span class="who-identity">{entity.identity}</span> <span class="who-role">{entity.role}</span>
          </p>
          <GlanceFacts facts={quickFacts} articleDate={props.articleDate} sources={sources} onViewSource={props.onViewSource} />
          {quickQuote ? (
            <QuoteFigure quote={quickQuote} speaker={card.names[quickQuote.speaker] ?? entity.name} sources={sources} onViewSource={props.onViewSource} compact />
          ) : null}
        </>
      )}

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
          <button type="button" class="more-toggle" aria-expanded={full} onClick={() => setFull(!full)}>
            {full ? 'Less' : 'More'}
          </button>
          {mainSource ? (
            <button type="button" onClick={() => props.onViewSource(mainSource, mainQuote?.excerpt, mainQuote?.text)}>
              View source context
            </button>
          ) : null}
          {full ? (
            <button type="button" aria-expanded={reporting} onClick={() => setReporting(!reporting)}>
              Something wrong?
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

function QuoteFigure({ quote, speaker, sources, onViewSource, compact }: { quote: Quote; speaker: string; sources: Record<string, Source>; onViewSource: CardProps['onViewSource']; compact?: boolean }) {
  const ids = [quote.source, ...(quote.alsoIn ?? [])];
  return (
    <figure class={compact ? 'quote compact' : 'quote'}>
      <blockquote>“{quote.text}”</blockquote>
      <figcaption>
        — {speaker}
        {quote.date ? `, ${formatIsoDate(quote.date)}` : ''}
        {quote.where && !compact ? `, ${quote.where}` : ''}
        {quote.secondhand ? <span class="secondhand">{quote.secondhand}</span> : null}
        {quote.unverified ? <span class="secondhand">unverified: no specific document found</span> : null}
        {compact ? <CompactSources ids={ids} sources={sources} onViewSource={onViewSource} /> : <SourceLinks ids={ids} sources={sources} onViewSource={onViewSource} />}
      </figcaption>
    </figure>
  );
}

/** The glance's facts: each with its date and one source line. */
function GlanceFacts({
  facts,
  articleDate,
  sources,
  onViewSource,
}: {
  facts: Fact[];
  articleDate: string | null | undefined;
  sources: Record<string, Source>;
  onViewSource: CardProps['onViewSource'];
}) {
  if (facts.length === 0) return null;
  const later = new Set(splitAtDate(facts, articleDate).later);
  return (
    <ul class="facts glance-facts" aria-label="Facts most relevant to this article">
      {facts.map((fact, i) => (
        <li key={i} class={later.has(fact) ? 'later' : undefined}>
          {/* The date inside the text, so a short window can run them together on clamped lines. */}
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

/** Related entities, each opening its own card in place. */
function RelatedList({ related, onOpenEntity }: { related: EntityCard['related']; onOpenEntity?: CardProps['onOpenEntity'] }) {
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

function FactList({ facts, sources, label, onViewSource }: { facts: Fact[]; sources: Record<string, Source>; label: string; onViewSource: CardProps['onViewSource'] }) {
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

function EventList({ events, sources, onViewSource }: { events: TimelineEvent[]; sources: Record<string, Source>; onViewSource: CardProps['onViewSource'] }) {
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
