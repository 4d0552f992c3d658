import { normalizePageUrl } from '../notes/url';
import type { TabMessage } from './protocol';

/**
 * Which pages a notes-changed message is about, as a test of a page's URL: the pages it names
 * (compared as note keys, see normalizePageUrl), or every page when it names none.
 */
export function notesChangedConcerns(message: TabMessage<'backstory:notes-changed'>): (pageUrl: string | undefined) => boolean {
  const named = message.urls ?? (message.url === undefined ? null : [message.url]);
  if (named === null) return () => true;
  const pages = new Set(named.map(normalizePageUrl));
  return (pageUrl) => pageUrl !== undefined && pages.has(normalizePageUrl(pageUrl));
}
