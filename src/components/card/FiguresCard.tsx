/**
 * The figures card of a count in an article: every figure the pack has for that measure, side by
 * side, each with what it counts, as of when, and its source. The figures are never reconciled
 * into one number: sources counted different things at different times. The one nearest the
 * article's date is marked, and a small chart puts each on a time axis with the article's date as
 * a line, so a reader sees what was known when the story was written.
 */
import { useId } from 'preact/hooks';
import type { MeasureCard } from '../../messages/protocol';
import type { Figure } from '../../pack/schema';
import { formatIsoDate } from '../format';
import { citeLabels } from './citations';

export interface FiguresCardProps {
  /** null while loading. */
  card: MeasureCard | null;
  error?: string;
  /** The words on the page that opened the card ("more than 2,300 children"). */
  mentionText: string;
  /** The article's publication date (YYYY-MM-DD), when known. */
  articleDate: string | null;
  onViewSource: (sourceId: string) => void;
  onClose: () => void;
}

/** Days since 1970 of an ISO date that may give only a year or a month (its middle then). */
export function dayNumber(iso: string): number {
  const [y, m, d] = iso.split('-').map(Number);
  const month = m ? m - 1 : 6;
  const day = d ?? (m ? 15 : 1);
  return Date.UTC(y!, month, day) / 86_400_000;
}

/** The index of the figure whose as-of date is nearest the article's date, or -1 (no date, or none dated). */
export function nearestFigure(figures: readonly Pick<Figure, 'asOf'>[], articleDate: string | null): number {
  if (!articleDate) return -1;
  const at = dayNumber(articleDate);
  let best = -1;
  let bestGap = Infinity;
  figures.forEach((f, i) => {
    if (!f.asOf) return;
    const gap = Math.abs(dayNumber(f.asOf) - at);
    if (gap < bestGap) {
      best = i;
      bestGap = gap;
    }
  });
  return best;
}

export function FiguresCard(props: FiguresCardProps) {
  const id = useId();
  const titleId = `backstory-figures-title-${id}`;
  const { card } = props;
  if (!card) {
    return (
      <section class="card figures-card" role="dialog" aria-label={`Backstory: ${props.mentionText}`} aria-busy={props.error ? 'false' : 'true'}>
        <div class="card-header">
          <h2 class="name">{props.mentionText}</h2>
          <Close onClose={props.onClose} />
        </div>
        {props.error ? <p class="error" role="alert">{props.error}</p> : <p class="muted">Loading figures…</p>}
      </section>
    );
  }
  // Oldest first, as the chart reads; undated ones last.
  const rows = [...card.figures].sort((a, b) => (a.figure.asOf ?? '9999').localeCompare(b.figure.asOf ?? '9999'));
  const figures = rows.map((f) => f.figure);
  const nearest = nearestFigure(figures, props.articleDate);
  return (
    <section class="card figures-card" role="dialog" aria-labelledby={titleId}>
      <div class="card-header">
        <div>
          <p class="kind">Figures · “{props.mentionText}”</p>
          <h2 class="name" id={titleId}>
            {card.measure.label}
          </h2>
        </div>
        <Close onClose={props.onClose} />
      </div>
      <p class="muted small">
        Sources counted different things at different times; each figure is shown as its source gives it, none is picked.
        {props.articleDate ? ` This article is dated ${formatIsoDate(props.articleDate)}.` : ''}
      </p>
      <FigureChart figures={figures} articleDate={props.articleDate} nearest={nearest} />
      <ul class="figure-list" aria-label="Figures by source">
        {rows.map(({ figure, entityName }, i) => {
          const cited = figure.sources.filter((s) => card.sources[s]);
          const labels = citeLabels(cited.map((s) => card.sources[s]!));
          return (
            <li key={i} class={i === nearest ? 'nearest' : undefined}>
              <strong class="figure-value">{figure.value}</strong>
              {i === nearest ? <span class="nearest-tag"> nearest the article’s date</span> : null}
              <span class="figure-scope">{figure.scope}</span>
              <span class="figure-meta">
                {figure.asOf ? `As of ${formatIsoDate(figure.asOf)} · ` : ''}in {entityName}
              </span>
              <span class="cites" role="group" aria-label={cited.length === 1 ? 'Source' : 'Sources'}>
                {cited.map((s, j) => (
                  <button type="button" class="cite" key={s} title={`${card.sources[s]!.title} — view source context`} onClick={() => props.onViewSource(s)}>
                    {labels[j]}
                  </button>
                ))}
              </span>
            </li>
          );
        })}
      </ul>
      <p class="data-as-of">
        Data as of {formatIsoDate(card.pack.dataAsOf)} · pack version {card.pack.version}
      </p>
    </section>
  );
}

const CHART = { width: 320, height: 120, left: 40, right: 10, top: 8, bottom: 22 };

/**
 * Each dated figure as a dot at (as-of, count), a range as a bar from its low to its high count,
 * and the article's date as a vertical line. Plain SVG: a charting library would weigh more than
 * the card.
 */
export function FigureChart({ figures, articleDate, nearest }: { figures: readonly Figure[]; articleDate: string | null; nearest: number }) {
  const dated = figures.map((f, i) => ({ f, i })).filter(({ f }) => f.asOf && f.count !== undefined);
  if (dated.length < 2) return null;
  const days = dated.map(({ f }) => dayNumber(f.asOf!));
  if (articleDate) days.push(dayNumber(articleDate));
  // From the first of January of the earliest year, so that year is labelled too.
  const minDay = Date.UTC(new Date(Math.min(...days) * 86_400_000).getUTCFullYear(), 0, 1) / 86_400_000;
  const maxDay = Math.max(...days) + 1;
  const maxCount = Math.max(...dated.map(({ f }) => f.countHigh ?? f.count!));
  const top = niceCeiling(maxCount);
  const plotW = CHART.width - CHART.left - CHART.right;
  const plotH = CHART.height - CHART.top - CHART.bottom;
  const x = (day: number) => CHART.left + ((day - minDay) / (maxDay - minDay)) * plotW;
  const y = (count: number) => CHART.top + plotH - (count / top) * plotH;
  const firstYear = new Date(minDay * 86_400_000).getUTCFullYear();
  const lastYear = new Date(maxDay * 86_400_000).getUTCFullYear();
  const years: number[] = [];
  const step = Math.max(1, Math.ceil((lastYear - firstYear + 1) / 6));
  for (let year = firstYear; year <= lastYear; year += step) years.push(year);
  const summary = `Chart of ${dated.length} figures by their as-of dates, from ${formatIsoDate(dated[0]!.f.asOf!)}${
    articleDate ? `; the article’s date, ${formatIsoDate(articleDate)}, is marked with a line` : ''
  }.`;
  return (
    <svg class="figure-chart" viewBox={`0 0 ${CHART.width} ${CHART.height}`} role="img" aria-label={summary}>
      <line class="axis" x1={CHART.left} y1={CHART.top + plotH} x2={CHART.width - CHART.right} y2={CHART.top + plotH} />
      <line class="axis" x1={CHART.left} y1={CHART.top} x2={CHART.left} y2={CHART.top + plotH} />
      <text class="tick" x={CHART.left - 4} y={CHART.top + 4} text-anchor="end">
        {top.toLocaleString('en-US')}
      </text>
      <text class="tick" x={CHART.left - 4} y={CHART.top + plotH} text-anchor="end">
        0
      </text>
      {years.map((year) => {
        const day = Date.UTC(year, 0, 1) / 86_400_000;
        return (
          <text key={year} class="tick" x={x(day)} y={CHART.height - 6} text-anchor="middle">
            {year}
          </text>
        );
      })}
      {articleDate ? <line class="article-date" x1={x(dayNumber(articleDate))} y1={CHART.top} x2={x(dayNumber(articleDate))} y2={CHART.top + plotH} /> : null}
      {dated.map(({ f, i }) => {
        const cx = x(dayNumber(f.asOf!));
        const cls = i === nearest ? 'point nearest' : 'point';
        return f.countHigh !== undefined ? (
          <rect key={i} class={cls} x={cx - 3} y={y(f.countHigh)} width={6} height={Math.max(2, y(f.count!) - y(f.countHigh))} />
        ) : (
          <circle key={i} class={cls} cx={cx} cy={y(f.count!)} r={i === nearest ? 4.5 : 3} />
        );
      })}
    </svg>
  );
}

/** A round number at or above `n` for the top of the axis: 2,814 → 3,000. */
function niceCeiling(n: number): number {
  if (n <= 0) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(n));
  return Math.ceil(n / magnitude) * magnitude;
}

function Close({ onClose }: { onClose: () => void }) {
  return (
    <button type="button" class="close" aria-label="Close figures" onClick={onClose}>
      <span aria-hidden="true">×</span>
    </button>
  );
}
