/** What the active pack covers: read from the pack, so no topic is written here. */
import type { PackAbout } from '../messages/protocol';
import type { Pack } from '../pack/schema';

export function packAbout(pack: Pack): PackAbout {
  return { title: pack.title, description: pack.description, entities: pack.entities.length, sources: pack.sources.length };
}
