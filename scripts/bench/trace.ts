/** Reading a renderer trace: the page's main thread, its tasks, Backstory's script evaluations, GC spans and user-timing marks, as µs spans. */
import type { TraceEvent } from './probe';

export type Span = [start: number, end: number];

/** Backstory's content script (the loader), its engine, and the bare baseline's content script. */
export const LOADER_SCRIPT = '/page-loader.js';
export const ENGINE_SCRIPT = '/page-engine.js';
export const UI_SCRIPT = '/page-ui.js';

export const scriptUrl = (e: TraceEvent): string => {
  const data = e.args?.data as { url?: unknown; fileName?: unknown } | undefined;
  const url = data?.url ?? data?.fileName;
  return typeof url === 'string' ? url.replace(/[?#].*$/, '') : '';
};

/** The page's renderer main thread: where its HTML was parsed (`pid:tid`). */
export function mainThreads(events: TraceEvent[], url: string): Set<string> {
  const threads = new Set<string>();
  for (const e of events) {
    if (e.name !== 'ParseHTML') continue;
    const begin = (e.args as { beginData?: { url?: string } } | undefined)?.beginData;
    if (begin?.url === url) threads.add(`${e.pid}:${e.tid}`);
  }
  return threads;
}

/**
 * Main-thread tasks (µs spans), sorted, as DevTools' RunTask events: a task with the microtask
 * checkpoint that follows it. (The scheduler's own task events end before that checkpoint, and
 * the Long Tasks API measures the same way, so neither sees work done in promise callbacks of
 * an IPC reply, which is where Backstory scans.)
 */
export function mainThreadTasks(events: TraceEvent[], threads: Set<string>): Span[] {
  return events
    .filter((e) => e.name === 'RunTask' && e.ph === 'X' && threads.has(`${e.pid}:${e.tid}`))
    .map((e): Span => [e.ts, e.ts + (e.dur ?? 0)])
    .sort((a, b) => a[0] - b[0]);
}

/** Evaluations of a classic script (EvaluateScript) whose URL ends with `path`, as µs spans. */
export function scriptEvaluations(events: TraceEvent[], path: string): Span[] {
  return events
    .filter((e) => e.name === 'EvaluateScript' && e.ph === 'X' && scriptUrl(e).endsWith(path))
    .map((e): Span => [e.ts, e.ts + (e.dur ?? 0)])
    .sort((a, b) => a[0] - b[0]);
}

/**
 * Evaluations of an imported module whose URL ends with `path`, as µs spans: V8's compile of the
 * module (which names it) joined with the module evaluation that follows it on the same thread
 * (whose trace event names no URL). The engine is a module imported with a per-session URL.
 */
export function moduleEvaluations(events: TraceEvent[], path: string): Span[] {
  const evaluations = events.filter((e) => e.name === 'v8.evaluateModule' && e.ph === 'X');
  return events
    .filter((e) => e.name === 'v8.compileModule' && e.ph === 'X' && scriptUrl(e).endsWith(path))
    .map((compile): Span => {
      const end = compile.ts + (compile.dur ?? 0);
      const next = evaluations.filter((e) => e.tid === compile.tid && e.pid === compile.pid && e.ts >= end).sort((a, b) => a.ts - b.ts)[0];
      return [compile.ts, next && next.ts - end < 5_000 ? next.ts + (next.dur ?? 0) : end];
    })
    .sort((a, b) => a[0] - b[0]);
}

/** Backstory's scripts: its content script, the engine and the card UI (per-session URLs included). */
export const OURS = /\/page-(loader|engine|ui)\.js$/;

/**
 * Spans of everything that ran Backstory's code on the page's threads: evaluating its scripts and
 * every call into them (timers, idle callbacks, event listeners, message replies).
 */
export function ourCode(events: TraceEvent[], threads: Set<string>): Span[] {
  return events
    .filter((e) => e.ph === 'X' && (e.name === 'FunctionCall' || e.name === 'EvaluateScript' || e.name === 'v8.compileModule') && threads.has(`${e.pid}:${e.tid}`) && OURS.test(scriptUrl(e)))
    .map((e): Span => [e.ts, e.ts + (e.dur ?? 0)]);
}

/** Garbage collections on the page's main thread, major (mark-compact) or minor (scavenge), as µs spans. */
export function gcSpans(events: TraceEvent[], threads: Set<string>, kind: 'MajorGC' | 'MinorGC'): Span[] {
  return events
    .filter((e) => e.name === kind && e.ph === 'X' && threads.has(`${e.pid}:${e.tid}`))
    .map((e): Span => [e.ts, e.ts + (e.dur ?? 0)])
    .sort((a, b) => a[0] - b[0]);
}

export const spanMs = (spans: Span[]) => spans.reduce((t, [s, e]) => t + (e - s), 0) / 1000;

/** performance.measure spans with this name (their trace events come in begin/end pairs). */
export function measures(events: TraceEvent[], name: string): Span[] {
  const begins = events.filter((e) => e.name === name && e.ph === 'b').map((e) => e.ts).sort((a, b) => a - b);
  const ends = events.filter((e) => e.name === name && e.ph === 'e').map((e) => e.ts).sort((a, b) => a - b);
  return begins.map((b, i): Span => [b, ends[i] ?? b]);
}

export function marks(events: TraceEvent[], name: string): number[] {
  return events.filter((e) => e.name === name).map((e) => e.ts).sort((a, b) => a - b);
}

/** Total length of the union of spans. */
export function unionLength(spans: Span[]): number {
  let total = 0;
  let end = Number.NEGATIVE_INFINITY;
  for (const [a, b] of [...spans].sort((x, y) => x[0] - y[0])) {
    if (b <= end) continue;
    total += b - Math.max(a, end);
    end = b;
  }
  return total;
}

/** Total length of the part of `spans` (a union) that lies inside `holes` (a union). */
export function overlapLength(spans: Span[], holes: Span[]): number {
  const pieces: Span[] = [];
  for (const [a, b] of spans) for (const [c, d] of holes) if (a < d && b > c) pieces.push([Math.max(a, c), Math.min(b, d)]);
  return unionLength(pieces);
}

export function overlaps(a: Span, b: Span): boolean {
  return a[0] < b[1] && a[1] > b[0];
}

/** Marks in the main world: the trace sees them, and they map trace time to performance.now(). */
