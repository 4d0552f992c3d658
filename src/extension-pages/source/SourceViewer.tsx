/**
 * The source-context viewer: one source of the pack, its metadata, and the bundled excerpt with
 * the quote the reader followed marked in it. An extension page (source.html), so it reads the
 * full pack directly and needs no messaging and no network.
 *
 * Everything from the URL (source id, excerpt id, quote) is rendered by Preact as text, never as
 * HTML: a quote parameter carrying markup shows up as the characters it contains.
 */
import type { ComponentChildren } from 'preact';
import type { Excerpt, Pack, Source } from '../../pack/schema';
import { formatIsoDate, displayHost } from '../../components/format';
import './SourceViewer.css';

export interface SourceViewerParams {
  sourceId: string | null;
  excerptId: string | null;
  quote: string | null;
}

export interface SourceViewerProps extends SourceViewerParams {
  pack: Pack;
}

/** `?source=<id>&excerpt=<id>&quote=<text>` → the viewer's parameters (empty values count as absent). */
export function readSourceParams(search: string): SourceViewerParams {
  const params = new URLSearchParams(search);
  const value = (name: string) => {
    const v = params.get(name);
    return v !== null && v.trim() !== '' ? v : null;
  };
  return { sourceId: value('source'), excerptId: value('excerpt'), quote: value('quote') };
}

/** The browser tab's title for a source. */
export function sourcePageTitle(pack: Pack, sourceId: string | null): string {
  const source = sourceId ? pack.sources.find((s) => s.id === sourceId) : undefined;
  return source ? `${source.title} — Backstory source` : 'Source — Backstory';
}

const KIND_LABELS: Record<Source['kind'], string> = {
  report: 'Report',
  memo: 'Memo',
  'court-order': 'Court order',
  'court-filing': 'Court filing',
  'executive-order': 'Executive order',
  'news-article': 'News article',
  statement: 'Statement',
  'press-release': 'Press release',
  hearing: 'Hearing',
  'social-post': 'Social media post',
  interview: 'Interview',
  reference: 'Reference',
  aggregate: 'Reporting on a subject',
};

export function SourceViewer({ pack, sourceId, excerptId, quote }: SourceViewerProps) {
  const source = sourceId ? pack.sources.find((s) => s.id === sourceId) : undefined;
  return (
    <div class="source-viewer">
      <header class="sv-banner">
        <p class="sv-brand">Backstory · source context</p>
      </header>
      <main class="sv-main">
        {source ? (
          <SourceDetails source={source} excerptId={excerptId} quote={quote} />
        ) : (
          <MissingSource sourceId={sourceId} />
        )}
      </main>
      <footer class="sv-footer">
        <p>
          From Backstory’s topic pack “{pack.title}”, version {pack.version}, data as of {formatIsoDate(pack.dataAsOf)}.
          This page works offline and loads nothing from the network.
        </p>
      </footer>
    </div>
  );
}

function MissingSource({ sourceId }: { sourceId: string | null }) {
  return (
    <section aria-labelledby="sv-title">
      <h1 id="sv-title">Source not found</h1>
      {sourceId ? (
        <p>
          Backstory has no source with the id “<code>{sourceId}</code>”. The link may come from a different version of
          the extension.
        </p>
      ) : (
        <p>This page’s address does not name a source. Open it from a card’s “View source context” button.</p>
      )}
    </section>
  );
}

function SourceDetails({ source, excerptId, quote }: { source: Source; excerptId: string | null; quote: string | null }) {
  const chosen = chooseExcerpts(source, excerptId, quote);
  const quoteFound = quote !== null && chosen.some((x) => findQuote(x.text, quote).length > 0);
  return (
    <article aria-labelledby="sv-title">
      <p class="sv-kind">{KIND_LABELS[source.kind]}</p>
      <h1 id="sv-title">{source.title}</h1>
      {source.descriptiveTitle ? (
        <p class="sv-note">This title is Backstory’s description of the source; its own headline was not recorded.</p>
      ) : null}

      <dl class="sv-meta">
        <Meta label="Author">{source.author}</Meta>
        <Meta label="Publisher">{source.publisher}</Meta>
        <Meta label="Date">
          <time dateTime={source.date}>{formatIsoDate(source.date)}</time>
          {source.dateNote ? <span class="sv-meta-note"> {source.dateNote}</span> : null}
        </Meta>
        {source.number ? <Meta label="Number">{source.number}</Meta> : null}
      </dl>

      <section class="sv-section" aria-labelledby="sv-excerpt-heading">
        <h2 id="sv-excerpt-heading">{chosen.length > 1 ? 'Excerpts' : 'Excerpt'}</h2>
        {!excerptId && !quote && chosen.length > 0 ? (
          <p class="sv-note">The passages of this source that Backstory carries:</p>
        ) : null}
        {chosen.length === 0 ? (
          <p class="sv-empty">No excerpt of this source is bundled with Backstory.</p>
        ) : (
          chosen.map((excerpt) => <ExcerptView key={excerpt.id} excerpt={excerpt} quote={quote} url={source.url} />)
        )}
        {quote && chosen.length > 0 && !quoteFound ? (
          <p class="sv-note" role="note">
            The quoted words “{quote}” were not found in {chosen.length > 1 ? 'these excerpts' : 'this excerpt'}.
          </p>
        ) : null}
      </section>

      <section class="sv-section" aria-labelledby="sv-original-heading">
        <h2 id="sv-original-heading">Original</h2>
        {source.url ? (
          <p>
            <a href={source.url} target="_blank" rel="noopener noreferrer">
              Open the original on {displayHost(source.url)}
            </a>
          </p>
        ) : null}
        {source.urlNote ? <p class="sv-note">{source.urlNote}</p> : null}
        {source.links && source.links.length > 0 ? (
          <ul class="sv-links">
            {source.links.map((link) => (
              <li key={link.url}>
                <a href={link.url} target="_blank" rel="noopener noreferrer">
                  {link.label}
                </a>
              </li>
            ))}
          </ul>
        ) : null}
      </section>
    </article>
  );
}

function Meta({ label, children }: { label: string; children: ComponentChildren }) {
  return (
    <div class="sv-meta-row">
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

function ExcerptView({ excerpt, quote, url }: { excerpt: Excerpt; quote: string | null; url: string | undefined }) {
  const ranges = quote ? findQuote(excerpt.text, quote) : [];
  const paragraphs = splitParagraphs(excerpt.text);
  return (
    <figure class="sv-excerpt">
      <blockquote cite={url}>
        {paragraphs.map((p) => (
          <p key={p.start}>{marked(p.text, p.start, ranges)}</p>
        ))}
      </blockquote>
      {excerpt.locator ? <figcaption>Location in the source: {excerpt.locator}</figcaption> : null}
    </figure>
  );
}

/**
 * Which excerpts to show: the one named in the URL; else the first containing the quote; else,
 * when neither was asked for, all of them. A named excerpt the source does not have shows none.
 */
function chooseExcerpts(source: Source, excerptId: string | null, quote: string | null): Excerpt[] {
  const all = source.excerpts ?? [];
  if (excerptId) return all.filter((x) => x.id === excerptId);
  if (quote) {
    const containing = all.find((x) => findQuote(x.text, quote).length > 0);
    if (containing) return [containing];
  }
  return all;
}

type Range = [start: number, end: number];

/**
 * Every place `quote` occurs in `text`: exactly, or else ignoring case and the difference between
 * curly and straight quotation marks (pages and cards may print either).
 */
export function findQuote(text: string, quote: string): Range[] {
  const needle = quote.trim();
  if (needle === '') return [];
  const exact = occurrences(text, needle);
  if (exact.length > 0) return exact;
  const loose = (s: string) => s.replace(/[\u2018\u2019]/g, "'").replace(/[\u201c\u201d]/g, '"').toLowerCase();
  const looseText = loose(text);
  // Lowercasing can change a string's length in rare scripts; positions are only valid when it does not.
  if (looseText.length !== text.length) return [];
  return occurrences(looseText, loose(needle));
}

function occurrences(haystack: string, needle: string): Range[] {
  const out: Range[] = [];
  for (let at = haystack.indexOf(needle); at !== -1; at = haystack.indexOf(needle, at + needle.length)) {
    out.push([at, at + needle.length]);
  }
  return out;
}

/** Paragraphs separated by blank lines, with their offsets in the excerpt. */
function splitParagraphs(text: string): Array<{ text: string; start: number }> {
  const out: Array<{ text: string; start: number }> = [];
  const pattern = /\n\s*\n/g;
  let start = 0;
  for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
    out.push({ text: text.slice(start, m.index), start });
    start = m.index + m[0].length;
  }
  out.push({ text: text.slice(start), start });
  return out;
}

/** One paragraph as text nodes and <mark>s for the parts of it inside the quote's ranges. */
function marked(text: string, offset: number, ranges: readonly Range[]): ComponentChildren[] {
  const out: ComponentChildren[] = [];
  let at = 0;
  for (const [rangeStart, rangeEnd] of ranges) {
    const start = Math.max(rangeStart - offset, 0);
    const end = Math.min(rangeEnd - offset, text.length);
    if (end <= at || start >= text.length) continue;
    if (start > at) out.push(text.slice(at, start));
    out.push(<mark key={`${offset + start}`}>{text.slice(Math.max(start, at), end)}</mark>);
    at = end;
  }
  if (at < text.length) out.push(text.slice(at));
  return out;
}
