/**
 * Loads of one page, measured. With the extension: Backstory's own timings (through
 * the debug handle's `perf()` in its isolated world, src/content/session/probe.ts), the content script's evaluation and every
 * main-thread task (from a renderer trace), long tasks as the page sees them (a
 * PerformanceObserver registered before the page's first script), a bare TreeWalker baseline
 * in the main world, the JS heap after GC, and on covered pages the hover-to-card time.
 * Without the extension: the same page's tasks, heap and baseline, for comparison.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { PageProbe, type TraceEvent } from './probe';
import { BARE_PASS_MEASURE, BARE_SCRIPT } from './bare-extension';
import { median, sum } from './stats';
import type { PagePerf } from '../../src/content/boot/contract';
import { ENGINE_SCRIPT, UI_SCRIPT, gcSpans, LOADER_SCRIPT, mainThreads, mainThreadTasks, marks, measures, moduleEvaluations, ourCode, overlapLength, overlaps, scriptEvaluations, type Span, spanMs, unionLength } from './trace';
import { measureHover } from './hover';

/** A task longer than this blocks input noticeably (the Long Tasks API's threshold). */
export const LONG_TASK_MS = 50;
/** Backstory's own time one long task may hold (issue 21): a frame's worth. */
const OWN_IN_LONG_TASK_MS = 16;

/**
 * Registered in every page before its own scripts: the long tasks the page itself can see.
 * Chromium does not report tasks that arrive through extension messaging there (Backstory's
 * scan runs in the reply to its boot message), so the trace is what counts; this is kept
 * for comparison.
 */
export const LONG_TASK_OBSERVER = `(() => {
  if (window.__bsLongTasks) return;
  const tasks = [];
  let observer = null;
  const keep = (list) => { for (const e of list) tasks.push([e.startTime, e.duration]); };
  try {
    observer = new PerformanceObserver((list) => keep(list.getEntries()));
    observer.observe({ type: 'longtask', buffered: true });
  } catch {}
  Object.defineProperty(window, '__bsLongTasks', {
    value: () => { if (observer) keep(observer.takeRecords()); return tasks.slice(); },
  });
})();`;

export interface Stages {
  textModel: number;
  coverage: number;
  mentions: number;
}

/**
 * What the debug handle's `perf()` returns: the engine's probe (src/content/session/probe.ts), or
 * the loader's figures on an idle page; declared in src/content/boot/contract.ts.
 */
type SessionPerf = PagePerf;

export interface BaselineResult {
  /** Characters in every text node under <body>. */
  chars: number;
  nodes: number;
  /** Each pass in ms; the first is the cold one. */
  passes: number[];
}

export interface HoverResult {
  /** From the end of the intent delay (the card's show) to the first paint of the card's frame. */
  shellPaintMs: number;
  /** From the show to the first paint with the entity's content (after the background replied). */
  contentPaintMs: number;
  /** From the show to the frame's animation callback (the render work plus waiting for vsync). */
  shellFrameMs: number;
  entity: string;
}

export interface ExtensionRun {
  scanMs: number;
  stages: Stages | null;
  highlightMs: number;
  /** Evaluating the content script, page-loader.js (compile + top level, gate included), from the trace. */
  evalMs: number;
  /** Evaluating the engine module, page-engine.js, when the loader imported it (trace); 0 on idle pages. */
  engineEvalMs: number;
  /** Whether the loader started the engine on this page. */
  engine: boolean;
  engineLoadMs: number;
  /**
   * Everything Backstory's content scripts do on the main thread for a page with no saved notes:
   * the loader's evaluation, plus, when it loads the engine, the engine's evaluation and its scan.
   */
  totalMs: number;
  covered: boolean;
  mentions: number;
  regionChars: number;
  baseline: BaselineResult;
  /** Main-thread tasks over 50 ms from navigation to the end of the scan (trace): [start, duration] ms. */
  longTasks: Array<[number, number]>;
  /**
   * Backstory's long tasks, to the end of the run: tasks over 50 ms that hold more than 16 ms of
   * its own time (its scripts' evaluation, the scan's slices, any call into its scripts). A major
   * garbage collection that V8 happens to finish inside that code is not counted as its time (see
   * `gcLongTasks`).
   */
  causedLongTasks: number;
  /**
   * Long tasks that ran 16 ms or less of Backstory's code: on a huge page, the browser's own
   * style, layout and paint of a frame in which one of its callbacks ran.
   */
  sharedLongTasks: number;
  /**
   * Long tasks over 16 ms of Backstory's time only with a major GC inside its code counted in.
   * V8 finishes an incremental collection at the next JavaScript it runs: after a reload that is
   * the previous document's heap, and on a page without scripts the next JavaScript is ours.
   */
  gcLongTasks: number;
  /** Major GC time (ms) inside Backstory's code during the run, left out of its own time. */
  gcInOursMs: number;
  /** Every long task that ran Backstory's code, for reading bench.json: what made it long. */
  ourLongTasks: OurLongTask[];
  /** The longest main-thread task overlapping Backstory's work, in ms. */
  longestCausedTaskMs: number;
  /** The most of Backstory's own time within one task, in ms. */
  longestOwnMs: number;
  /** Long tasks the page's own PerformanceObserver saw (misses extension-messaging tasks). */
  observedLongTasks: Array<[number, number]>;
  /** Backstory's work in performance.now() time: [start, end] of the evaluation and of the scan. */
  windows: { evaluation: [number, number]; scan: [number, number] };
  heapBytes: number;
  hover?: HoverResult | { error: string };
}

export interface OurLongTask {
  /** performance.now() time in the page. */
  startMs: number;
  ms: number;
  /** Backstory's own time in it (major GC left out). */
  ownMs: number;
  /** Major and minor GC inside Backstory's code. Minor GC (a scavenge of young objects) stays in `ownMs`. */
  majorGcMs: number;
  minorGcMs: number;
  /** Which of its work ran in the task. */
  ran: Array<'loader' | 'engine' | 'scan' | 'callback'>;
}

export interface PlainRun {
  /** Main-thread tasks over 50 ms from navigation to one frame after load (trace; start in trace ms). */
  longTasks: Array<[number, number]>;
  observedLongTasks: Array<[number, number]>;
  heapBytes: number;
  baseline: BaselineResult;
  /** The bare baseline content script's whole evaluation (injection, compile, the pass), from the trace. */
  bareScriptMs: number;
  /** The pass alone, inside that script: a TreeWalker over every text node, cold, in a fresh world. */
  barePassMs: number;
}

const BASELINE_PASSES = 7;

export function baselineMs(b: BaselineResult): number {
  return median(b.passes);
}

const MARK_SCANNED = 'bs-scanned';
const MARK_DONE = 'bs-run-done';

/** One round trip once the scan is done: the mark, the observer's long tasks, the baseline passes. */
function afterScan(args: { mark: string; passes: number }): { markAt: number; observed: Array<[number, number]>; baseline: BaselineResult } {
  const markAt = performance.mark(args.mark).startTime;
  const observed = (window as unknown as { __bsLongTasks?: () => Array<[number, number]> }).__bsLongTasks?.() ?? [];
  // The baseline: a bare pass, a TreeWalker reading every text node of document.body, in the
  // main world; each pass timed on its own, the first one cold.
  const times: number[] = [];
  let chars = 0;
  let nodes = 0;
  for (let r = 0; r < args.passes; r++) {
    const t0 = performance.now();
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    let c = 0;
    let n = 0;
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      c += (node as Text).data.length;
      n++;
    }
    times.push(performance.now() - t0);
    chars = c;
    nodes = n;
  }
  return { markAt, observed, baseline: { chars, nodes, passes: times } };
}

/** A tab kept for many pages (no back/forward cache effect on the heap: checked), with its probe. */
export interface Tab {
  page: Page;
  probe: PageProbe;
}

export async function openTab(context: BrowserContext): Promise<Tab> {
  const page = await context.newPage();
  return { page, probe: await PageProbe.attach(context, page) };
}

export async function closeTab(tab: Tab): Promise<void> {
  await tab.probe.detach();
  await tab.page.close();
}

interface PendingRun {
  perf: SessionPerf;
  scannedAt: number;
  observed: Array<[number, number]>;
  baseline: BaselineResult;
  heapBytes: number;
  hover?: HoverResult | { error: string };
}

/**
 * `runs` loads of one page (a navigation, then reloads), traced throughout. Run i spans from
 * the previous run's `bs-run-done` mark to its own `bs-scanned` mark (made once the scan has
 * finished), so the measuring that follows (baseline, GC, hover) is never counted. One function:
 * one trace spans every run, and reading it needs what each load recorded along the way.
 */
export async function measureWithExtension(tab: Tab, url: string, runs: number, options: { hover: boolean }): Promise<ExtensionRun[]> {
  const { page, probe } = tab;
  const pending: PendingRun[] = [];
  await probe.startTrace();
  let events: TraceEvent[] = [];
  try {
    for (let i = 0; i < runs; i++) {
      probe.forgetDocument();
      if (i === 0) await page.goto(url, { waitUntil: 'load', timeout: 120_000 });
      else await page.reload({ waitUntil: 'load', timeout: 120_000 });
      const perf = await probe.inBackstory<SessionPerf>('(b) => b.perf()', 120_000);
      const after = await page.evaluate(afterScan, { mark: MARK_SCANNED, passes: BASELINE_PASSES });
      const heapBytes = await probe.heapAfterGc();
      const run: PendingRun = { perf, scannedAt: after.markAt, observed: after.observed, baseline: after.baseline, heapBytes };
      if (options.hover && perf.mentions > 0) run.hover = await measureHover(page, probe).catch((e: Error) => ({ error: e.message }));
      // Slices recorded since the scan (its tail, readying the card UI in idle time) count too.
      const later = await probe.inBackstory<SessionPerf>('(b) => b.perf()', 20_000).catch(() => null);
      if (later?.slices) run.perf = { ...perf, slices: later.slices };
      await page.evaluate((n) => performance.mark(n), MARK_DONE);
      pending.push(run);
    }
  } finally {
    events = await probe.stopTrace();
  }

  const threads = mainThreads(events, url);
  const tasks = mainThreadTasks(events, threads);
  const evaluations = scriptEvaluations(events, LOADER_SCRIPT);
  const codeSpans = ourCode(events, threads);
  const engineEvaluations = moduleEvaluations(events, ENGINE_SCRIPT);
  // The card UI's module, imported in idle time after the scan: its evaluation is Backstory's too.
  const uiEvaluations = moduleEvaluations(events, UI_SCRIPT);
  const gcs = gcSpans(events, threads, 'MajorGC');
  const minorGcs = gcSpans(events, threads, 'MinorGC');
  const scanned = marks(events, MARK_SCANNED);
  const done = marks(events, MARK_DONE);
  return pending.map((run, i) => {
    const { perf } = run;
    const from = i === 0 ? 0 : (done[i - 1] ?? Number.POSITIVE_INFINITY);
    const to = scanned[i] ?? Number.NEGATIVE_INFINITY;
    // performance.now() (ms) → trace time (µs), from this run's own mark, and back.
    const toTrace = (ms: number) => (to / 1000 - run.scannedAt + ms) * 1000;
    const toPage = (us: number) => us / 1000 - to / 1000 + run.scannedAt;
    const evaluation = evaluations.filter(([start]) => start > from && start < to).pop();
    const scan: Span = [toTrace(perf.scanStartedAt), toTrace(perf.scanStartedAt + perf.scanMs)];
    const engineSpans = engineEvaluations.filter(([start]) => start > from && start < to);
    // Every task that ran Backstory's code, up to the end of this run's measuring (so the idle-time
    // work after the scan, such as preparing the card, and the hover itself are included).
    const until = done[i] ?? Number.POSITIVE_INFINITY;
    const code = [...codeSpans, ...uiEvaluations].filter(([start]) => start > from && start < until);
    const scanSpans: Span[] = perf.slices?.length ? perf.slices.map(([a, b]): Span => [toTrace(a), toTrace(b)]) : [scan];
    const ourSpans = [...scanSpans, ...(evaluation ? [evaluation] : []), ...engineSpans, ...code];
    const ours = (t: Span) => ourSpans.some((x) => overlaps(t, x));
    /** Backstory's spans clipped to a task, in µs. */
    const oursClipped = (t: Span) => ourSpans.filter((x) => overlaps(t, x)).map(([a, b]): Span => [Math.max(a, t[0]), Math.min(b, t[1])]);
    /** Major GC time inside Backstory's spans in a task, in µs. */
    const gcIn = (t: Span) => overlapLength(oursClipped(t), gcs);
    /** Backstory's own time in a task: the union of its spans clipped to the task, less major GC, in µs. */
    const oursIn = (t: Span) => unionLength(oursClipped(t)) - gcIn(t);
    // Backstory's: a long task holding more than OWN_IN_LONG_TASK_MS of its own time (a major GC
    // inside its code is not its own: it would have run at the next script).
    const madeLong = (t: Span) => oursIn(t) > OWN_IN_LONG_TASK_MS * 1000;
    // Over that only with such a GC counted in.
    const madeLongByGc = (t: Span) => !madeLong(t) && oursIn(t) + gcIn(t) > OWN_IN_LONG_TASK_MS * 1000;
    const inRun = tasks.filter(([start]) => start > from && start < until);
    const isLong = ([s, e]: Span) => e - s > LONG_TASK_MS * 1000;
    const ourLong = inRun.filter(isLong).filter(ours);
    // All long tasks up to the end of the scan, to compare with the same window without Backstory.
    const long = tasks.filter(([start]) => start > from && start < to).filter(isLong);
    const evalMs = evaluation ? (evaluation[1] - evaluation[0]) / 1000 : Number.NaN;
    const engine = perf.mode !== 'idle';
    const engineEvalMs = engine ? spanMs(engineEvaluations.filter(([start]) => start > from && start < to)) : 0;
    const result: ExtensionRun = {
      scanMs: perf.scanMs,
      stages: perf.stages,
      highlightMs: perf.highlightMs,
      evalMs,
      engineEvalMs,
      engine,
      engineLoadMs: perf.engineLoadMs ?? 0,
      // On an idle page the gate ran inside the loader's evaluation (its time is in evalMs), except
      // on a huge page, where it ran in slices afterwards.
      totalMs: engine ? evalMs + engineEvalMs + perf.scanMs : evalMs + (perf.gateInEvaluation === false ? perf.scanMs : 0),
      covered: perf.covered,
      mentions: perf.mentions,
      regionChars: perf.textLength,
      baseline: run.baseline,
      longTasks: long.map(([s, e]) => [toPage(s), (e - s) / 1000]),
      causedLongTasks: ourLong.filter(madeLong).length,
      sharedLongTasks: ourLong.filter((t) => !madeLong(t) && !madeLongByGc(t)).length,
      gcLongTasks: ourLong.filter(madeLongByGc).length,
      gcInOursMs: sum(inRun.filter(ours).map(gcIn)) / 1000,
      ourLongTasks: ourLong.map((t): OurLongTask => ({
        startMs: toPage(t[0]),
        ms: (t[1] - t[0]) / 1000,
        ownMs: oursIn(t) / 1000,
        majorGcMs: gcIn(t) / 1000,
        minorGcMs: overlapLength(oursClipped(t), minorGcs) / 1000,
        ran: [
          ...(evaluation && overlaps(t, evaluation) ? (['loader'] as const) : []),
          ...(engineSpans.some((x) => overlaps(t, x)) ? (['engine'] as const) : []),
          ...(scanSpans.some((x) => overlaps(t, x)) ? (['scan'] as const) : []),
          ...(code.some((x) => overlaps(t, x)) ? (['callback'] as const) : []),
        ],
      })),
      longestCausedTaskMs: Math.max(0, ...inRun.filter(ours).map(([s, e]) => (e - s) / 1000)),
      longestOwnMs: Math.max(0, ...inRun.filter(ours).map((t) => oursIn(t) / 1000)),
      observedLongTasks: run.observed,
      windows: {
        evaluation: evaluation ? [toPage(evaluation[0]), toPage(evaluation[1])] : [Number.NaN, Number.NaN],
        scan: [perf.scanStartedAt, perf.scanStartedAt + perf.scanMs],
      },
      heapBytes: run.heapBytes,
    };
    if (run.hover) result.hover = run.hover;
    return result;
  });
}

/**
 * The same page without Backstory, `runs` loads, traced the same way: heap after GC, the
 * baseline, and main-thread long tasks up to a mark made one frame after load (about when
 * Backstory's scan would have finished).
 */
export async function measureWithoutExtension(tab: Tab, url: string, runs: number): Promise<PlainRun[]> {
  const { page, probe } = tab;
  const pending: Array<Omit<PlainRun, 'longTasks' | 'bareScriptMs' | 'barePassMs'>> = [];
  let events: TraceEvent[] = [];
  await probe.startTrace();
  try {
    for (let i = 0; i < runs; i++) {
      if (i === 0) await page.goto(url, { waitUntil: 'load', timeout: 120_000 });
      else await page.reload({ waitUntil: 'load', timeout: 120_000 });
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0))));
      // The bare content script runs at document_idle, which may come a little after load.
      await page
        .waitForFunction((name) => performance.getEntriesByName(name).length > 0, BARE_PASS_MEASURE, { timeout: 10_000, polling: 20 })
        .catch(() => undefined);
      const after = await page.evaluate(afterScan, { mark: MARK_SCANNED, passes: BASELINE_PASSES });
      const heapBytes = await probe.heapAfterGc();
      await page.evaluate((n) => performance.mark(n), MARK_DONE);
      pending.push({ observedLongTasks: after.observed, heapBytes, baseline: after.baseline });
    }
  } finally {
    events = await probe.stopTrace();
  }
  const tasks = mainThreadTasks(events, mainThreads(events, url));
  const scanned = marks(events, MARK_SCANNED);
  const done = marks(events, MARK_DONE);
  const bareScripts = scriptEvaluations(events, `/${BARE_SCRIPT}`);
  const barePasses = measures(events, BARE_PASS_MEASURE);
  return pending.map((run, i) => {
    const from = i === 0 ? 0 : (done[i - 1] ?? Number.POSITIVE_INFINITY);
    const to = scanned[i] ?? Number.NEGATIVE_INFINITY;
    const long = tasks.filter(([s, e]) => s > from && s < to && e - s > LONG_TASK_MS * 1000);
    const inRun = ([start]: Span) => start > from && start < to;
    const script = bareScripts.filter(inRun).pop();
    const pass = barePasses.filter(inRun).pop();
    return {
      ...run,
      longTasks: long.map(([s, e]): [number, number] => [s / 1000, (e - s) / 1000]),
      bareScriptMs: script ? (script[1] - script[0]) / 1000 : Number.NaN,
      barePassMs: pass ? (pass[1] - pass[0]) / 1000 : Number.NaN,
    };
  });
}

