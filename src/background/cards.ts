/** Card content for one entity, resolved from the full pack on the background side. */
import type { EntityCard } from '../messages/protocol';
import type { Entity, Pack, Source } from '../pack/schema';

/** At most this many cards per `card:get-many`: a page's names, not the whole pack. */
export const MAX_CARDS_PER_REQUEST = 64;

interface PackLookups {
  entities: Map<string, Entity>;
  sources: Map<string, Source>;
}

/** The pack never changes while the background runs: index it once, not per card. */
const lookupsByPack = new WeakMap<Pack, PackLookups>();

function lookups(pack: Pack): PackLookups {
  let found = lookupsByPack.get(pack);
  if (!found) {
    found = {
      entities: new Map(pack.entities.map((e) => [e.id, e])),
      sources: new Map(pack.sources.map((s) => [s.id, s])),
    };
    lookupsByPack.set(pack, found);
  }
  return found;
}

export function entityCard(pack: Pack, entityId: string): EntityCard {
  const { entities, sources: byId } = lookups(pack);
  const entity = entities.get(entityId);
  if (!entity) throw new Error(`Backstory has no card for “${entityId}”.`);
  const sourceIds = new Set<string>();
  for (const f of entity.facts) f.sources.forEach((id) => sourceIds.add(id));
  for (const q of entity.quotes ?? []) [q.source, ...(q.alsoIn ?? [])].forEach((id) => sourceIds.add(id));
  for (const f of entity.figures ?? []) f.sources.forEach((id) => sourceIds.add(id));
  const events = pack.timeline.filter((t) => t.entities.includes(entityId)).sort((a, b) => a.date.localeCompare(b.date));
  for (const t of events) t.sources.forEach((id) => sourceIds.add(id));
  const sources: Record<string, Source> = {};
  for (const id of sourceIds) {
    const s = byId.get(id);
    if (s) sources[id] = { ...s, excerpts: undefined };
  }
  const nameOf = (id: string) => entities.get(id)?.name;
  const refIds = new Set([...(entity.related ?? []), ...(entity.quotes ?? []).map((q) => q.speaker)]);
  const cardNames: Record<string, string> = {};
  for (const id of refIds) {
    const name = nameOf(id);
    if (name) cardNames[id] = name;
  }
  return {
    entity,
    pack: { title: pack.title, version: pack.version, dataAsOf: pack.dataAsOf, ...(pack.corrections ? { corrections: pack.corrections } : {}) },
    sources,
    related: (entity.related ?? []).flatMap((id) => {
      const name = nameOf(id);
      return name ? [{ id, name }] : [];
    }),
    names: cardNames,
    events,
  };
}

/**
 * Cards for several entities at once (the names on one page), by id. Ids the pack does not know
 * are left out rather than failing the batch: the card that needs one asks with `card:get`,
 * whose error the reader can read.
 */
export function entityCards(pack: Pack, entityIds: string[]): Record<string, EntityCard> {
  const { entities } = lookups(pack);
  const cards: Record<string, EntityCard> = {};
  for (const id of entityIds.slice(0, MAX_CARDS_PER_REQUEST)) {
    if (entities.has(id) && !Object.hasOwn(cards, id)) cards[id] = entityCard(pack, id);
  }
  return cards;
}
