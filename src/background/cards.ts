/** Card content for one entity, resolved from the full pack on the background side. */
import type { EntityCard } from '../messages/protocol';
import type { Pack, Source } from '../pack/schema';

export function entityCard(pack: Pack, entityId: string): EntityCard {
  const entity = pack.entities.find((e) => e.id === entityId);
  if (!entity) throw new Error(`Backstory has no card for “${entityId}”.`);
  const byId = new Map(pack.sources.map((s) => [s.id, s]));
  const names = new Map(pack.entities.map((e) => [e.id, e.name]));
  const sourceIds = new Set<string>();
  for (const f of entity.facts) f.sources.forEach((id) => sourceIds.add(id));
  for (const q of entity.quotes ?? []) sourceIds.add(q.source);
  for (const f of entity.figures ?? []) f.sources.forEach((id) => sourceIds.add(id));
  const sources: Record<string, Source> = {};
  for (const id of sourceIds) {
    const s = byId.get(id);
    if (s) sources[id] = { ...s, excerpts: undefined };
  }
  const refIds = new Set([...(entity.related ?? []), ...(entity.quotes ?? []).map((q) => q.speaker)]);
  const cardNames: Record<string, string> = {};
  for (const id of refIds) {
    const name = names.get(id);
    if (name) cardNames[id] = name;
  }
  return {
    entity,
    sources,
    related: (entity.related ?? []).flatMap((id) => (names.has(id) ? [{ id, name: names.get(id)! }] : [])),
    names: cardNames,
    events: pack.timeline.filter((t) => t.entities.includes(entityId)).sort((a, b) => a.date.localeCompare(b.date)),
  };
}
