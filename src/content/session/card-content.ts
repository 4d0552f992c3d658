/**
 * Card content, asked of the background once per entity per page: ahead of a hover for the first
 * names on the page, on demand for the others. An error is shown, not kept, so the next card
 * for that name asks again.
 */
import { askBackground } from '../../messages/client';
import type { EntityCard, MeasureCard } from '../../messages/protocol';

/** One entity's card content: asked for once per page; `card` is set once it has arrived. */
export interface CardEntry {
  pending: Promise<EntityCard | string>;
  card?: EntityCard;
}

/**
 * Cards fetched ahead of a hover, per page: the first names in reading order, where a reader is
 * likely to point first (the others are fetched as the pointer reaches them). Each is a few KB of
 * heap for as long as the page is open.
 */
const PREFETCH_CARDS = 12;

export class CardContent {
  private readonly cards = new Map<string, CardEntry>();
  private readonly measures = new Map<string, Promise<MeasureCard | string>>();

  /** A measure's figures card, asked of the background once per page (an error is asked again). */
  measure(measureId: string): Promise<MeasureCard | string> {
    let pending = this.measures.get(measureId);
    if (!pending) {
      pending = askBackground('card:get-measure', { measureId }).then((r) => (r.ok ? r.value : r.error));
      this.measures.set(measureId, pending);
      void pending.then((r) => {
        if (typeof r === 'string') this.measures.delete(measureId);
      });
    }
    return pending;
  }

  /** The entry for an entity, asking the background if nobody has yet. */
  for(entityId: string): CardEntry {
    return this.cards.get(entityId) ?? this.cache(entityId, askCard(entityId));
  }

  /** The content, if it has arrived. */
  arrived(entityId: string): EntityCard | undefined {
    return this.cards.get(entityId)?.card;
  }

  /** One `card:get-many` for the given names not fetched yet, up to PREFETCH_CARDS in all. */
  prefetch(entityIds: Iterable<string>): Promise<unknown> {
    const room = PREFETCH_CARDS - this.cards.size;
    const ids = [...new Set(entityIds)].filter((id) => !this.cards.has(id)).slice(0, Math.max(0, room));
    if (ids.length === 0) return Promise.resolve();
    const batch = askBackground('card:get-many', { entityIds: ids });
    // A name the batch left out asks on its own, for the error the reader can read.
    const entries = ids.map((id) => this.cache(id, batch.then((r) => (r.ok ? (r.value[id] ?? askCard(id)) : r.error))));
    return Promise.all(entries.map((e) => e.pending));
  }

  private cache(entityId: string, pending: Promise<EntityCard | string>): CardEntry {
    const entry: CardEntry = { pending };
    this.cards.set(entityId, entry);
    void pending.then((r) => {
      if (typeof r !== 'string') entry.card = r;
      else if (this.cards.get(entityId) === entry) this.cards.delete(entityId);
    });
    return entry;
  }
}

function askCard(entityId: string): Promise<EntityCard | string> {
  return askBackground('card:get', { entityId }).then((r) => (r.ok ? r.value : r.error));
}
