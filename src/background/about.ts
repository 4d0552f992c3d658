/** What the active pack covers, and its sample article: read from the pack, so no topic is written here. */
import type { PackAbout, SampleArticle } from '../messages/protocol';
import type { Pack, Source } from '../pack/schema';

export function packAbout(pack: Pack): PackAbout {
  return { title: pack.title, description: pack.description, entities: pack.entities.length, sources: pack.sources.length };
}

/**
 * The sample article: the passages the pack quotes from its seed source (the article it was built
 * on), in order, each exact as stored. A pack without a seed uses its source with most passages.
 */
export function sampleArticle(pack: Pack): SampleArticle {
  const source = pack.sources.find((s) => s.id === pack.seedSource && (s.excerpts?.length ?? 0) > 0) ?? mostQuoted(pack.sources);
  if (!source) throw new Error('This topic pack has no quoted passages to make a sample from.');
  return {
    title: pack.title,
    source: {
      id: source.id,
      title: source.title,
      author: source.author,
      publisher: source.publisher,
      date: source.date,
    },
    passages: (source.excerpts ?? []).map((e) => ({ text: e.text, ...(e.locator ? { locator: e.locator } : {}) })),
  };
}

function mostQuoted(sources: Source[]): Source | undefined {
  let best: Source | undefined;
  for (const s of sources) if ((s.excerpts?.length ?? 0) > (best?.excerpts?.length ?? 0)) best = s;
  return best;
}
