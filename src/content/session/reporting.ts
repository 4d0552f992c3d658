/**
 * What the session reports about its page to the popup: the published page state (its shape is
 * relied on outside) and the summary of names, counts and notes that could not be placed.
 */
import type { Mention } from '../../detect/mentions';
import type { PublishedDate } from '../../detect/published-date';
import { askBackground } from '../../messages/client';
import type { PageState, PageSummary } from '../../messages/protocol';
import type { EntityMeta } from './mentions';

/** The session's page as reported: the last scan's findings and the page's notes. */
export interface PageReport {
  url: string;
  title: string;
  covered: boolean;
  score: number;
  /** Main-thread time of the last full scan and its drawing. */
  scanMs: number;
  /** Every mention found, drawn or still pending. */
  mentions: Mention[];
  /** The covered article's publication date, when the page gives one. */
  published: PublishedDate | null;
  /** Counts of the pack's measures in the covered article, in reading order. */
  figures: PageState['figures'];
  orphanIds: string[];
  paused: boolean;
  /** The coverage signals found, for the popup's "Why?". */
  signals: NonNullable<PageSummary['signals']>;
  namesFound: number;
  threshold: number;
  /** The reader asked for this page to be scanned anyway. */
  forced: boolean;
}

export function pageStateOf(report: PageReport): PageState {
  return {
    covered: report.covered,
    score: round(report.score),
    mentions: report.mentions.map((m) => ({ entityId: m.entityId, text: m.text })),
    scanMs: round(report.scanMs),
    published: report.published?.date ?? null,
    publishedConfidence: report.published?.confidence ?? null,
    figures: report.figures,
    // Only a page shown because the reader asked says so: every other reply keeps the published shape.
    ...(report.forced && !report.covered ? { forced: true as const } : {}),
  };
}

/** The names on the page, most mentioned first. */
export function summaryOf(report: PageReport, entities: Record<string, EntityMeta>): PageSummary {
  const counts = new Map<string, number>();
  for (const m of report.mentions) counts.set(m.entityId, (counts.get(m.entityId) ?? 0) + 1);
  return {
    url: report.url,
    title: report.title,
    covered: report.covered,
    score: round(report.score),
    entities: [...counts]
      .map(([entityId, count]) => ({
        entityId,
        name: entities[entityId]?.name ?? entityId,
        type: entities[entityId]?.type ?? 'term',
        count,
      }))
      .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name)),
    orphanIds: report.orphanIds,
    paused: report.paused,
    signals: report.signals,
    namesFound: report.namesFound,
    threshold: report.threshold,
    forced: report.forced && !report.covered,
    published: report.published?.date ?? null,
    publishedConfidence: report.published?.confidence ?? null,
  };
}

/**
 * The toolbar badge: how many names are highlighted here, told to the background. A page that
 * never highlighted any says nothing; `ifChanged`: only a new count is worth a message.
 */
export class BadgeReport {
  private told = 0;

  report(highlighting: boolean, mentions: readonly Mention[], ifChanged = false): void {
    const names = highlighting ? distinctNames(mentions) : 0;
    if ((names === 0 && this.told === 0) || (ifChanged && names === this.told)) return;
    this.told = names;
    void askBackground('page:report', { highlighting, names });
  }
}

/** How many different names the page has: the toolbar badge's count. */
export function distinctNames(mentions: readonly Mention[]): number {
  return new Set(mentions.map((m) => m.entityId)).size;
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}
