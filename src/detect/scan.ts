/**
 * One page visit: article region → text model → mentions + coverage. An uncovered page stops
 * there (mentions = []); the content script highlights only when `covered`.
 */
import { articleRegion, BOILERPLATE_SELECTOR } from './article-region';
import { coverageFromMentions, type CoverageResult } from './coverage';
import { findMentions, type Mention } from './mentions';
import type { PackIndex } from './pack-index';
import { buildTextModel, type TextModel } from './text-model';

export interface ScanResult {
  covered: boolean;
  score: number;
  coverage: CoverageResult;
  model: TextModel;
  mentions: Mention[];
  /** Milliseconds per stage. */
  timings: { textModel: number; coverage: number; mentions: number };
}

export interface ScanOptions {
  /** Elements to leave out (the extension's own UI host). */
  skip?: (el: Element) => boolean;
  /** Clock for timings; defaults to performance.now. */
  now?: () => number;
}

export function scanDocument(doc: Document, index: PackIndex, options: ScanOptions = {}): ScanResult {
  const now = options.now ?? (() => performance.now());
  const t0 = now();
  const model = buildTextModel(articleRegion(doc), { skip: options.skip, excludeWithin: BOILERPLATE_SELECTOR });
  const t1 = now();
  // Entities count towards coverage, so names are matched on every page: one native regex pass.
  const mentions = findMentions(model.text, index);
  const t2 = now();
  const coverage = coverageFromMentions(model.text, index, mentions);
  const t3 = now();
  return {
    covered: coverage.covered,
    score: coverage.score,
    coverage,
    model,
    mentions: coverage.covered ? mentions : [],
    timings: { textModel: t1 - t0, coverage: t3 - t2, mentions: t2 - t1 },
  };
}
