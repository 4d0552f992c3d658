/**
 * The pack's timeline as a page of its own (timeline.html): every event in date order, the
 * article the reader came from pinned at its date, and the events involving names the article
 * mentions marked. An extension page: it reads the bundled pack directly, no messages, no network.
 *
 * `?date=YYYY-MM-DD&entities=a,b` (both optional) come from a card or the popup; they are only
 * compared with the pack's own dates and ids and shown as text.
 */
import type { Pack, TimelineEvent } from '../../pack/schema';
import { formatIsoDate } from '../../components/format';
import type { TimelineParams } from './query';
import './Timeline.css';

export { readTimelineParams, type TimelineParams } from './query';

type Row = { kind: 'event'; event: TimelineEvent; mentioned: boolean; later: boolean } | { kind: 'article'; date: string };

/** Events oldest first, with the article's date pinned in its place (after events of the same day). */
export function timelineRows(pack: Pack, { articleDate, mentioned }: TimelineParams): Row[] {
  const named = new Set(mentioned);
  const events = [...pack.timeline].sort((a, b) => a.date.localeCompare(b.date));
  const rows: Row[] = [];
  let pinned = false;
  for (const event of events) {
    if (articleDate && !pinned && event.date > articleDate) {
      rows.push({ kind: 'article', date: articleDate });
      pinned = true;
    }
    rows.push({ kind: 'event', event, mentioned: event.entities.some((id) => named.has(id)), later: !!articleDate && event.date > articleDate });
  }
  if (articleDate && !pinned) rows.push({ kind: 'article', date: articleDate });
  return rows;
}

export function Timeline({ pack, articleDate, mentioned }: TimelineParams & { pack: Pack }) {
  const names = new Map(pack.entities.map((e) => [e.id, e.name]));
  const sources = new Map(pack.sources.map((s) => [s.id, s]));
  const rows = timelineRows(pack, { articleDate, mentioned });
  const marked = rows.filter((r) => r.kind === 'event' && r.mentioned).length;
  return (
    <main class="timeline-page">
      <h1>Timeline: {pack.title}</h1>
      <p class="tl-intro">
        {pack.timeline.length} events from the topic pack, oldest first.
        {articleDate ? ` The article you came from is dated ${formatIsoDate(articleDate)}; it is pinned in its place.` : ''}
        {mentioned.length > 0 ? ` ${marked} ${marked === 1 ? 'event involves' : 'events involve'} names the article mentions (marked).` : ''} Data as of{' '}
        {formatIsoDate(pack.dataAsOf)}.
      </p>
      <ol class="tl-list">
        {rows.map((row) =>
          row.kind === 'article' ? (
            <li key="article" class="tl-article" id="article-date">
              <span class="tl-date">{formatIsoDate(row.date)}</span>
              <strong>This article</strong> — what follows came after it.
            </li>
          ) : (
            <li key={row.event.id} class={`tl-event${row.mentioned ? ' mentioned' : ''}${row.later ? ' later' : ''}`}>
              <span class="tl-date">
                {formatIsoDate(row.event.date)}
                {row.event.precision !== 'day' ? <span class="tl-precision"> (to the {row.event.precision})</span> : null}
              </span>
              {row.mentioned ? <span class="tl-tag">In the article</span> : null}
              <p class="tl-text">{row.event.description}</p>
              <p class="tl-meta">
                {row.event.entities.map((id) => names.get(id) ?? id).join(' · ')}
                {' — '}
                {row.event.sources.map((id, i) => {
                  const source = sources.get(id);
                  return (
                    <span key={id}>
                      {i > 0 ? '; ' : ''}
                      <a href={`/source.html?source=${encodeURIComponent(id)}`}>{source ? `${source.publisher}, ${formatIsoDate(source.date)}` : id}</a>
                    </span>
                  );
                })}
              </p>
            </li>
          ),
        )}
      </ol>
    </main>
  );
}
