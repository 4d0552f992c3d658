/** How the notes list names the search and filters in force, for its empty message. */

export interface ActiveFilters {
  query: string;
  site?: string;
  /** The name filtered on, as the reader sees it. */
  entityName?: string;
  tag?: string;
}

/** Each search or filter in force, as words: “memo”, site news.example, name Jeff Sessions, tag “todo”. */
export function describeFilters(f: ActiveFilters): string[] {
  const parts: string[] = [];
  const query = f.query.trim();
  if (query) parts.push(`the search “${query}”`);
  if (f.site) parts.push(`site ${f.site}`);
  if (f.entityName) parts.push(`name ${f.entityName}`);
  if (f.tag) parts.push(`tag “${f.tag}”`);
  return parts;
}

/** What an empty list says: what it was asked to match; and, while notes are still arriving, that too. */
export function noMatchMessage(f: ActiveFilters, loading: boolean): string {
  const parts = describeFilters(f);
  const asked = parts.length === 0 ? 'No notes to show' : `No notes match ${joinAnd(parts)}`;
  return loading ? `${asked} yet; still loading the rest…` : `${asked}.`;
}

function joinAnd(parts: string[]): string {
  if (parts.length <= 1) return parts.join('');
  return `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}
