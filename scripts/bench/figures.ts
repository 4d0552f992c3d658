/** Per-page figures from the raw runs: medians with and without Backstory, its share, heap and hover. */
import type { BenchPage } from './pages';
import type { ExtensionRun, PlainRun } from './page-run';
import { baselineMs } from './page-run';
import { median } from './stats';

export interface PageFigures {
  name: string;
  category: BenchPage['category'];
  labelCovered: boolean;
  detectedCovered: boolean;
  /** Characters in every text node of <body> (what the baseline reads). */
  textChars: number;
  /** Characters in Backstory's text model (the article region). */
  regionChars: number;
  mentions: number;
  /** The bare baseline content script's whole cost (scripts/bench/bare-extension.ts): the ratios' denominator. */
  bareScriptMs: number;
  /** The pass alone inside it: cold, in a fresh isolated world. The denominator for scan ÷ pass. */
  barePassMs: number;
  /** For reference: the same pass in the page's main world, warm (median of 7) and first (cold). */
  baselineMs: number;
  baselineColdMs: number;
  /** The loader's evaluation (gate included). */
  evalMs: number;
  /** The engine's evaluation (0 where it was not loaded) and the share of runs that loaded it. */
  engineEvalMs: number;
  engineShare: number;
  textModelMs: number;
  coverageMs: number;
  mentionsMs: number;
  highlightMs: number;
  scanMs: number;
  totalMs: number;
  /** totalMs ÷ bareScriptMs: Backstory's whole content-script cost ÷ a bare text-pass content script's. */
  ratio: number;
  /** scanMs (text model, coverage, mentions, highlights) ÷ barePassMs: the work ÷ the bare pass. */
  scanRatio: number;
  /** totalMs ÷ the warm main-world pass, for reference (no content script could reach it). */
  warmRatio: number;
  /** Backstory's long tasks in the worst load ("in every load"; see ExtensionRun.causedLongTasks). */
  causedLongTasks: number;
  /** Long tasks that ran some of its code but were long without it (the page's own rendering). */
  sharedLongTasks: number;
  /** Long tasks made long only by a major GC that V8 finished inside its code (median over runs). */
  gcLongTasks: number;
  /** Major GC time inside its code (median over runs), left out of its own time. */
  gcInOursMs: number;
  /** The longest main-thread task overlapping Backstory's work (median over runs). */
  longestTaskMs: number;
  /** The most of Backstory's own time in one task (median over runs). */
  longestOwnMs: number;
  /** All main-thread long tasks from navigation to the end of the scan, with and without Backstory. */
  longTasksWith: number;
  longTasksWithout: number;
  /** What the page's own longtask observer saw, with and without (it misses Backstory's scan task). */
  observedWith: number;
  observedWithout: number;
  heapWithKb: number;
  heapWithoutKb: number;
  heapGrowthKb: number;
  hoverMs?: number;
  hoverContentMs?: number;
  hoverFrameMs?: number;
  hoverErrors?: string[];
  runs: number;
}

export function pageFigures(page: BenchPage, runs: ExtensionRun[], plain: PlainRun[]): PageFigures {
  const m = (f: (r: ExtensionRun) => number) => median(runs.map(f));
  const bareScriptMs = median(plain.map((p) => p.bareScriptMs));
  const barePassMs = median(plain.map((p) => p.barePassMs));
  const hovers = runs.map((r) => r.hover).filter((h): h is NonNullable<ExtensionRun['hover']> => h !== undefined);
  const good = hovers.filter((h): h is Exclude<typeof h, { error: string }> => !('error' in h));
  const errors = hovers.filter((h): h is { error: string } => 'error' in h).map((h) => h.error);
  const heapWith = m((r) => r.heapBytes) / 1024;
  const heapWithout = median(plain.map((p) => p.heapBytes)) / 1024;
  const figures: PageFigures = {
    name: page.name,
    category: page.category,
    labelCovered: page.covered,
    detectedCovered: runs.some((r) => r.covered),
    textChars: median(runs.map((r) => r.baseline.chars)),
    regionChars: m((r) => r.regionChars),
    mentions: m((r) => r.mentions),
    bareScriptMs,
    barePassMs,
    baselineMs: m((r) => baselineMs(r.baseline)),
    baselineColdMs: m((r) => r.baseline.passes[0] ?? Number.NaN),
    evalMs: m((r) => r.evalMs),
    engineEvalMs: m((r) => r.engineEvalMs),
    engineShare: runs.filter((r) => r.engine).length / runs.length,
    textModelMs: m((r) => r.stages?.textModel ?? 0),
    coverageMs: m((r) => r.stages?.coverage ?? 0),
    mentionsMs: m((r) => r.stages?.mentions ?? 0),
    highlightMs: m((r) => r.highlightMs),
    scanMs: m((r) => r.scanMs),
    totalMs: m((r) => r.totalMs),
    // The runs with and without Backstory are separate loads: medians are divided, not paired.
    ratio: m((r) => r.totalMs) / bareScriptMs,
    scanRatio: m((r) => r.scanMs) / barePassMs,
    warmRatio: m((r) => r.totalMs / baselineMs(r.baseline)),
    causedLongTasks: Math.max(...runs.map((r) => r.causedLongTasks)),
    sharedLongTasks: m((r) => r.sharedLongTasks),
    gcLongTasks: m((r) => r.gcLongTasks),
    gcInOursMs: m((r) => r.gcInOursMs),
    longestTaskMs: m((r) => r.longestCausedTaskMs),
    longestOwnMs: m((r) => r.longestOwnMs),
    longTasksWith: m((r) => r.longTasks.length),
    longTasksWithout: median(plain.map((p) => p.longTasks.length)),
    observedWith: m((r) => r.observedLongTasks.length),
    observedWithout: median(plain.map((p) => p.observedLongTasks.length)),
    heapWithKb: heapWith,
    heapWithoutKb: heapWithout,
    heapGrowthKb: heapWith - heapWithout,
    runs: runs.length,
  };
  if (good.length > 0) {
    figures.hoverMs = median(good.map((h) => h.shellPaintMs));
    figures.hoverContentMs = median(good.map((h) => h.contentPaintMs));
    figures.hoverFrameMs = median(good.map((h) => h.shellFrameMs));
  }
  if (errors.length > 0) figures.hoverErrors = errors;
  return figures;
}
