/**
 * Scores publication dates and figure mentions against tests/fixtures/dated-labels.json, for
 * scripts/eval-detect.ts. Figures are compared per page as multisets of (measure, count): the
 * words around a number vary with the page, what it counts and how many do not.
 */

export interface DatedLabel {
  file: string;
  /** YYYY-MM-DD, or null for a page that gives no date. */
  published: string | null;
  figures: Array<{ measureId: string; count: number; text: string }>;
}

export interface DatedOutcome {
  published: string | null;
  figures: Array<{ measureId: string; count: number; text: string }>;
}

export interface DatedMetrics {
  dateAccuracy: number;
  figurePrecision: number;
  figureRecall: number;
  /** One line per page that missed something, for the log. */
  misses: string[];
}

const figureKey = (f: { measureId: string; count: number }) => `${f.measureId}:${f.count}`;

export function scoreDated(labels: readonly DatedLabel[], outcomes: ReadonlyMap<string, DatedOutcome>): DatedMetrics {
  let datesRight = 0;
  let matched = 0;
  let found = 0;
  let expected = 0;
  const misses: string[] = [];
  for (const label of labels) {
    const outcome = outcomes.get(label.file) ?? { published: null, figures: [] };
    if (outcome.published === label.published) datesRight++;
    else misses.push(`date ${label.file}: expected ${label.published ?? 'none'}, got ${outcome.published ?? 'none'}`);
    const left = new Map<string, number>();
    for (const f of label.figures) left.set(figureKey(f), (left.get(figureKey(f)) ?? 0) + 1);
    for (const f of outcome.figures) {
      const n = left.get(figureKey(f)) ?? 0;
      if (n > 0) {
        left.set(figureKey(f), n - 1);
        matched++;
      } else misses.push(`figure ${label.file}: extra ${figureKey(f)} "${f.text}"`);
    }
    for (const [key, n] of left) if (n > 0) misses.push(`figure ${label.file}: missed ${key} ×${n}`);
    found += outcome.figures.length;
    expected += label.figures.length;
  }
  return {
    dateAccuracy: labels.length ? datesRight / labels.length : 1,
    figurePrecision: found ? matched / found : 1,
    figureRecall: expected ? matched / expected : 1,
    misses,
  };
}

export function datedLine(m: DatedMetrics): string {
  return `dates: accuracy=${m.dateAccuracy.toFixed(3)} figures: precision=${m.figurePrecision.toFixed(3)} recall=${m.figureRecall.toFixed(3)}`;
}
