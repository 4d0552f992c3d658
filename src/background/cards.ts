/** Card content for one entity, resolved from the full pack on the background side. */
import type { CardPackInfo, EntityCard, MeasureCard } from '../messages/protocol';
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
  const sources = citedSources(byId, sourceIds);
  const nameOf = (id: string) => entities.get(id)?.name;
  const refIds = new Set([...(entity.related ?? []), ...(entity.quotes ?? []).map((q) => q.speaker)]);
  const cardNames: Record<string, string> = {};
  for (const id of refIds) {
    const name = nameOf(id);
    if (name) cardNames[id] = name;
  }
  return {
    entity,
    pack: packInfo(pack),
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

function packInfo(pack: Pack): CardPackInfo {
  return { title: pack.title, version: pack.version, dataAsOf: pack.dataAsOf, ...(pack.corrections ? { corrections: pack.corrections } : {}) };
}

/** Sources by id, without their excerpts (the card links them; the source viewer reads excerpts). */
function citedSources(byId: Map<string, Source>, ids: Iterable<string>): Record<string, Source> {
  const out: Record<string, Source> = {};
  for (const id of ids) {
    const s = byId.get(id);
    if (s) out[id] = { ...s, excerpts: undefined };
  }
  return out;
}

/** Every figure of one measure, wherever in the pack it is recorded, with what carries it. */
export function measureCard(pack: Pack, measureId: string): MeasureCard {
  const measure = pack.measures?.find((m) => m.id === measureId);
  if (!measure) throw new Error(`Backstory has no figures for “${measureId}”.`);
  const { sources: byId } = lookups(pack);
  const figures: MeasureCard['figures'] = [];
  for (const entity of pack.entities) {
    for (const figure of entity.figures ?? []) {
      if (figure.measure === measureId) figures.push({ figure, entityId: entity.id, entityName: entity.name });
    }
  }
  return { measure, figures, pack: packInfo(pack), sources: citedSources(byId, figures.flatMap((f) => f.figure.sources)) };
}
