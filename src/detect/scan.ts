/**
 * One page visit: gate → article region → text model → mentions + coverage. An uncovered page
 * stops there (mentions = []); the content script highlights only when `covered`, or when the
 * reader asked for this page to be scanned anyway (`forced`).
 *
 * The idle path: when the pack has a gate (phrases one of which every covered article
 * contains), the first step reads the body's text natively and searches it for the gate. A page
 * where none occurs is done after that (the result's model is empty), at about the cost of a
 * bare TreeWalker pass that reads every text node. Only a page with a gate phrase somewhere
 * pays for the region, the text model and the phrase passes.
 */
import { findArticleSteps } from './article-region';
import { coverageSteps, notWeighed, type CoverageResult } from './coverage';
import { figureSteps, type FigureMention } from './figures';
import { indexGateTest } from './gate';
import { mentionSteps, type Mention } from './mentions';
import { inModelOffsets, matchTextOf } from './soft-hyphens';
import type { PackIndex } from './pack-index';
import { runInSlices, runToEnd, unslicedClock, type SliceClock, type Steps } from './slices';
import { textModelSteps, type TextModel } from './text-model';

export interface ScanResult {
  covered: boolean;
  score: number;
  coverage: CoverageResult;
  model: TextModel;
  /** The article region the model was read from; absent when the gate ruled the page out first. */
  region?: Element;
  mentions: Mention[];
  /** Milliseconds per stage (coverage includes a covered article's counts, see `figuresOfScan`). */
  timings: { textModel: number; coverage: number; mentions: number };
}

export interface ScanOptions {
  /** Elements to leave out (the extension's own UI host). */
  skip?: (el: Element) => boolean;
  /** Clock for timings; defaults to performance.now. */
  now?: () => number;
  /**
   * The body's text is already known to contain a gate phrase (the loader tested it): skip that
   * first read, which on a huge page is itself a long task. The article's own text is still tested.
   */
  gatePassed?: boolean;
  /**
   * The reader asked for this page anyway: names are found even where the gate or the coverage
   * test says no. The verdict (`covered`, `score`) stays what it would be without asking.
   */
  forced?: boolean;
}

export function scanDocument(doc: Document, index: PackIndex, options: ScanOptions = {}): ScanResult {
  return runToEnd(scanSteps(doc, index, options, unslicedClock(options.now)));
}

export interface SlicedScanOptions extends ScanOptions {
  /** Longest stretch of work before the page gets a turn (default `DEFAULT_SLICE_MS`). */
  sliceMs?: number;
  /** Checked at every pause: true abandons the scan (it then resolves to null). */
  cancelled?: () => boolean;
  /** How to give the page a turn (tests pass their own). */
  yieldToPage?: () => Promise<void>;
  /** Told the start and end of every slice (the bench attributes main-thread tasks with them). */
  onSlice?: (start: number, end: number) => void;
}

/**
 * `scanDocument` in slices: the same steps, pausing for the page whenever a slice has run
 * `sliceMs`, so a very long page never makes one long task. A page that fits in one slice is
 * scanned without a pause. Timings count only the scan's own time, not the pauses. Resolves to
 * null when cancelled.
 */
export function scanDocumentInSlices(doc: Document, index: PackIndex, options: SlicedScanOptions = {}): Promise<ScanResult | null> {
  return runInSlices((clock) => scanSteps(doc, index, options, clock), {
    sliceMs: options.sliceMs,
    now: options.now,
    cancelled: options.cancelled,
    yieldToPage: options.yieldToPage,
    onSlice: options.onSlice,
  });
}

function* scanSteps(doc: Document, index: PackIndex, options: ScanOptions, clock: SliceClock): Steps<ScanResult> {
  const t0 = clock.busy();
  const forced = options.forced ?? false;
  if (!forced && !options.gatePassed && !someTextPassesGate(doc.body ?? doc.documentElement, index)) {
    return { covered: false, score: 0, coverage: notWeighed(), model: EMPTY_MODEL(), mentions: [], timings: { textModel: 0, coverage: clock.busy() - t0, mentions: 0 } };
  }
  if (clock.due()) yield;
  const region = yield* findArticleSteps(doc, clock);
  const model = yield* textModelSteps([region.root], { skip: options.skip, skipBlock: region.skipBlock }, clock);
  const t1 = clock.busy();
  // The text phrases and the gate are matched in: the model's, without soft hyphens.
  const match = matchTextOf(model.text);
  const gatePassed = indexGateTest(index)(match.text);
  if (!gatePassed && !forced) {
    // The stem was outside the article (a rail, a comment): still idle.
    return { covered: false, score: 0, coverage: notWeighed(), model, region: region.root, mentions: [], timings: { textModel: t1 - t0, coverage: clock.busy() - t1, mentions: 0 } };
  }
  // Entities count towards coverage, so names are matched before scoring: one native regex pass.
  const found = yield* mentionSteps(match.text, index, {}, clock);
  const t2 = clock.busy();
  // Without a gate phrase nothing is weighed, asked or not: the verdict is the unasked one.
  const coverage = gatePassed ? yield* coverageSteps(match.text, index, found, clock) : notWeighed();
  const mentions = inModelOffsets(found, match);
  // A covered article's counts, found here in slices (a book-length page has tens of thousands of
  // numbers) for readArticleFacts to take up; offsets in the model's text, as it reads them.
  if (coverage.covered) scannedFigures.set(model, yield* figureSteps(model.text, index.measures, clock));
  const t3 = clock.busy();
  return {
    covered: coverage.covered,
    score: coverage.score,
    coverage,
    model,
    region: region.root,
    mentions: coverage.covered || forced ? mentions : [],
    timings: { textModel: t1 - t0, coverage: t3 - t2, mentions: t2 - t1 },
  };
}

const EMPTY_MODEL = (): TextModel => ({ text: '', nodes: [], starts: [] });

const scannedFigures = new WeakMap<TextModel, FigureMention[]>();

/** The counts a full scan found in its model's text (covered pages only); undefined for any other model. */
export function figuresOfScan(model: TextModel): FigureMention[] | undefined {
  return scannedFigures.get(model);
}

/**
 * Whether the text under `root` contains a gate phrase (true when the pack has no gate).
 *
 * One native textContent read and one native search of a few literal stems: no JavaScript runs
 * per node. That matters because a content script always starts cold: a per-node loop runs in
 * the interpreter on every page load, at many times its warm cost; native calls do not.
 * textContent joins inline elements, so "zero <em>tolerance</em>" is found; it also fuses words
 * of adjacent blocks, which can only hide phrases that were never one phrase. Script and style
 * text is included: at worst a page goes on to the full scan, which reads only visible text. The
 * test itself is gate.ts's, the one the loader runs.
 */
export function someTextPassesGate(root: Node, index: PackIndex): boolean {
  return indexGateTest(index)(root.textContent ?? '');
}
