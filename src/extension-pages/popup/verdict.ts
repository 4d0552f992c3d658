/**
 * What "This page" says, from the page's summary and the settings as they are now. Pure, so each
 * state's wording is tested on its own (tests/unit/extension-pages/popup/verdict.test.ts).
 */
import type { PageSummary } from '../../messages/protocol';
import type { Settings } from '../../settings/settings';

export type Verdict =
  | { kind: 'paused' }
  | { kind: 'site-off'; host: string }
  | { kind: 'covered'; score: number }
  | { kind: 'not-covered'; score: number };

export function verdictOf(summary: PageSummary, settings: Settings, host: string): Verdict {
  if (settings.paused) return { kind: 'paused' };
  if (settings.disabledSites.includes(host.toLowerCase())) return { kind: 'site-off', host };
  // The page's own answer for anything else the settings don't explain (it reads them too).
  if (summary.paused) return { kind: 'site-off', host };
  return summary.covered ? { kind: 'covered', score: summary.score } : { kind: 'not-covered', score: summary.score };
}

export interface Reasons {
  /** Phrases of the topic found, most weight first, as “phrase ×count”. */
  toward: string[];
  /** Phrases found that point away from the topic. */
  away: string[];
  names: number;
  score: string;
  threshold: string | null;
}

/** The "Why?" disclosure: the evidence the coverage score was made of. */
export function reasonsOf(summary: PageSummary): Reasons {
  const signals = [...(summary.signals ?? [])].sort((a, b) => Math.abs(b.weight) - Math.abs(a.weight) || b.count - a.count);
  const label = (s: { text: string; count: number }) => (s.count > 1 ? `“${s.text}” ×${s.count}` : `“${s.text}”`);
  return {
    toward: signals.filter((s) => s.weight > 0).map(label),
    away: signals.filter((s) => s.weight < 0).map(label),
    names: summary.namesFound ?? summary.entities.length,
    score: summary.score.toFixed(2),
    threshold: summary.threshold === undefined ? null : summary.threshold.toFixed(2),
  };
}
