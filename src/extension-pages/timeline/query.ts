/**
 * The timeline page's query (timeline.html?date=…&entities=…), shared by the page that reads it
 * and the background that opens it. Pure: no DOM, no browser APIs.
 */
export interface TimelineParams {
  /** The article's publication date, when known. */
  articleDate: string | null;
  /** Entities the article mentions. */
  mentioned: string[];
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export function readTimelineParams(search: string): TimelineParams {
  const params = new URLSearchParams(search);
  const date = params.get('date');
  const entities = params.get('entities');
  return {
    articleDate: date && ISO_DATE.test(date) ? date : null,
    mentioned: entities ? entities.split(',').filter((id) => id.trim() !== '') : [],
  };
}

/** The query a card or the popup opens the timeline with. */
export function timelineQuery(articleDate: string | null, mentioned: readonly string[]): string {
  const params = new URLSearchParams();
  if (articleDate) params.set('date', articleDate);
  if (mentioned.length > 0) params.set('entities', [...new Set(mentioned)].join(','));
  const query = params.toString();
  return query ? `?${query}` : '';
}
