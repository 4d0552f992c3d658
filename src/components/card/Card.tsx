/**
 * The context card: the glance first (Glance.tsx), "More" for the full card (FullCard.tsx), and
 * the actions, including the note editor and a correction report the reader copies and sends
 * themselves. Everything is rendered as text by Preact; nothing from the pack or the page is
 * parsed as HTML.
 */
import type { ComponentChildren } from 'preact';
import { useId, useState } from 'preact/hooks';
import type { EntityCard } from '../../messages/protocol';
import type { ViewSource } from './citations';
import { factsForCard, glanceQuote, quotesForCard, splitAtDate } from './choose-content';
import { FullCard } from './FullCard';
import { GLANCE_FIT_STEPS, Glance } from './Glance';

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
  onViewSource: ViewSource;
  /** Absent where no note can be kept (Backstory's own sample page): no "Save note". */
  onStartNote?: () => void;
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
   * Where the note editor goes while `editing`: a slot the note frame is laid over, so note text
   * stays out of the page (src/content/ui/note-frame-host.ts).
   */
  noteSlot: () => ComponentChildren;
}

/** One card: the glance, or the full card on "More"; the state both share (quotes shown, note slot) stays here. */
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
  const { entity } = card;
  const quickQuote = glanceQuote(entity);
  // "View source context" opens the quote shown first, else the first fact's first source.
  const mainQuote = full ? quotesForCard(entity)[0] : quickQuote;
  const mainSource = mainQuote?.source ?? factsForCard(splitAtDate(entity.facts, props.articleDate).then, Infinity)[0]?.sources[0];

  return (
    <section
      class={full ? 'card' : 'card glance'}
      role="dialog"
      aria-labelledby={titleId}
      aria-describedby={identityId}
      // While a note is written the card scrolls to its editor (note-frame-host.ts), as the full
      // card does: stepping down under the reader's typing would move what they are noting.
      data-fit-steps={full || props.editing ? undefined : GLANCE_FIT_STEPS}
    >
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
        <FullCard
          card={card}
          identityId={identityId}
          articleDate={props.articleDate}
          pageUrl={props.pageUrl ?? globalThis.location?.href}
          reporting={reporting}
          allQuotes={allQuotes}
          onToggleQuotes={() => setAllQuotes(!allQuotes)}
          onViewSource={props.onViewSource}
          onOpenEntity={props.onOpenEntity}
          onOpenTimeline={props.onOpenTimeline}
        />
      ) : (
        <Glance
          card={card}
          quote={quickQuote}
          identityId={identityId}
          articleDate={props.articleDate}
          mentionedNames={props.mentionedNames}
          onViewSource={props.onViewSource}
        />
      )}

      {props.editing ? (
        props.noteSlot()
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
          {props.onStartNote ? (
            <button type="button" class="primary" onClick={props.onStartNote}>
              Save note
            </button>
          ) : null}
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
