/**
 * What the floating box holds for each kind of view: a name's card, a count's figures card, or
 * a panel the note frame is laid over (the selection editor, a saved note). Note text never
 * enters the page: the frame's slot is all the page's document gets.
 */
import { Card } from '../../components/card/Card';
import { FiguresCard } from '../../components/card/FiguresCard';
import type { CardView, FloatingView, PageUiCallbacks } from './views';

/**
 * Notes are kept for web pages; Backstory's own pages that run the engine (the sample article) keep
 * none, and their note frame is not paired (src/background/frame-relay.ts).
 */
const NOTES_HERE = /^https?:$/.test(globalThis.location?.protocol ?? '');

export interface ViewActions {
  callbacks: PageUiCallbacks;
  /** "Save note" on a card: the note frame opens over the card's slot. */
  startNote(view: CardView): void;
  close(): void;
}

/** The content of the floating box (or of a card made ready) for `view`. */
export function viewContent(view: FloatingView, actions: ViewActions) {
  if (view.kind === 'card') return cardContent(view, actions);
  if (view.kind === 'figures') {
    return (
      <FiguresCard
        card={view.card}
        error={view.error}
        mentionText={view.mentionText}
        articleDate={view.articleDate}
        onViewSource={(sourceId) => actions.callbacks.onViewSource(sourceId)}
        onClose={() => actions.close()}
      />
    );
  }
  // The selection editor and a saved note (shown, edited and deleted there) are the note frame.
  const label = view.kind === 'note' ? 'Your note' : view.pageNote ? 'Note about this page' : 'Save note to Backstory';
  return (
    <section class="panel frame-panel" role="dialog" aria-label={label}>
      <div class="frame-slot" />
    </section>
  );
}

/** A name's card; its note editor is the note frame, laid over the slot it renders. */
export function cardContent(view: CardView, { callbacks, startNote, close }: ViewActions) {
  return (
    <Card
      card={view.card}
      error={view.error}
      mentionText={view.mentionText}
      articleDate={callbacks.articleDate()}
      mentionedNames={callbacks.mentionedNames().filter((n) => n !== view.card?.entity.name)}
      onOpenEntity={(entityId, name) => callbacks.onOpenEntity(entityId, name, view.anchor)}
      onOpenTimeline={() => callbacks.onOpenTimeline()}
      editing={view.editing}
      saved={view.saved}
      onViewSource={callbacks.onViewSource}
      onStartNote={NOTES_HERE ? () => startNote(view) : undefined}
      noteSlot={() => <div class="frame-slot" />}
      onClose={() => close()}
    />
  );
}
