/** The summary, the budgets and the printed tables, from the per-page figures (figures.ts). */
import type { PageFigures } from './figures';
import type { PopupFloors, ScanFloors } from './floors';
import type { PopupResult } from './popup';
import type { BundleSizes } from './sizes';
import { median, round, sum } from './stats';

export interface Budget {
  name: string;
  value: number;
  limit: number;
  unit: string;
  /** PASS, OVER, or n/a when the figure was not measured (a filtered run, no corpus). */
  verdict: 'PASS' | 'OVER' | 'n/a';
  note?: string;
}

export interface Summary {
  idle_ratio: number;
  covered_ratio: number;
  /** The 100 KB page's scan (with highlights) ÷ its floor, every node read + highlights registered, same run. */
  covered_floor_ratio: number;
  long_tasks: number;
  hover_ms: number;
  content_gz_kb: number;
  /** The engine (page-engine.js), loaded on gated pages only; the pack index is inside it. */
  engine_gz_kb: number;
  index_gz_kb: number;
  popup_paint_ms: number;
  /** The popup's first paint minus its round-trip floor (floors.ts), same run. */
  popup_floor_ms: number;
  search_ms: number;
  /** "Save note" → the note editor ready in the note frame. */
  editor_ms: number;
  /** The JS heap Backstory adds on the 5 MB page, in MB (1024²). */
  heap_5mb_mb: number;
}

/** Budgets that are not a summary key's own. */
const HEAP_5MB_BUDGET_MB = 9.25;

const IDLE_CATEGORIES = new Set(['unrelated', 'nearmiss', 'corpus']);

export function summarize(
  pages: PageFigures[],
  sizes: BundleSizes,
  popup: PopupResult | null,
  floors: ScanFloors | null = null,
  noteEditor: { readyMs: number; runs: number[] } | null = null,
): { summary: Summary; budgets: Budget[] } {
  const idle = pages.filter((p) => IDLE_CATEGORIES.has(p.category));
  const covered = pages.filter((p) => p.category === 'covered');
  const hovered = pages.filter((p) => p.category === 'covered' && p.hoverMs !== undefined);
  const corpus = pages.filter((p) => p.category === 'corpus');
  const g100 = pages.find((p) => p.name === 'generated/covered-100kb');
  const g5m = pages.find((p) => p.name === 'generated/covered-5mb');
  const summary: Summary = {
    idle_ratio: median(idle.map((p) => p.ratio)),
    covered_ratio: median(covered.map((p) => p.ratio)),
    covered_floor_ratio: g100 && floors ? g100.scanMs / scanFloorMs(floors) : Number.NaN,
    long_tasks: sum(pages.map((p) => p.causedLongTasks)),
    hover_ms: median(hovered.map((p) => p.hoverMs!)),
    content_gz_kb: sizes.contentGzBytes / 1024,
    engine_gz_kb: sizes.engineGzBytes / 1024,
    index_gz_kb: sizes.indexGzBytes / 1024,
    popup_paint_ms: popup?.firstPaintMs ?? Number.NaN,
    // Each open's first paint minus the floor page opened in the same round: a slow minute moves both.
    popup_floor_ms: popup?.floors ? popup.roundTripMarginMs : Number.NaN,
    search_ms: popup?.searchMs ?? Number.NaN,
    editor_ms: noteEditor?.readyMs ?? Number.NaN,
    heap_5mb_mb: g5m ? g5m.heapGrowthKb / 1024 : Number.NaN,
  };
  const budget = (name: string, value: number, limit: number, unit: string, note?: string): Budget => ({
    name,
    value,
    limit,
    unit,
    verdict: !Number.isFinite(value) ? 'n/a' : value <= limit ? 'PASS' : 'OVER',
    ...(note ? { note } : {}),
  });
  const idleLongTasks = sum(idle.map((p) => p.causedLongTasks));
  const budgets: Budget[] = [
    budget('unrelated page cost ÷ bare text pass (median)', summary.idle_ratio, 1.5, '×', `${idle.length} pages; engine loaded on ${idle.filter((p) => p.engineShare > 0).length}`),
    budget('long tasks on corpus pages', corpus.length ? sum(corpus.map((p) => p.causedLongTasks)) : Number.NaN, 0, '', corpus.length ? `all unrelated pages: ${idleLongTasks}; long only through a major GC inside its code: ${sum(corpus.map((p) => p.gcLongTasks))}` : 'not measured in this run'),
    budget('long tasks, every page measured (long_tasks)', summary.long_tasks, 0, '', `the 5 MB page: ${g5m ? fmt(g5m.causedLongTasks, 0) : '–'}`),
    budget(
      'covered 100 KB page: scan + highlight ÷ its floor (every node read + highlights)',
      summary.covered_floor_ratio,
      2,
      '×',
      g100
        ? `scan ${fmt(g100.scanMs, 1)} ms, floor ${floors ? fmt(scanFloorMs(floors), 1) : '–'} ms; the least pipeline ${floors ? `${fmt(floors.pipelineMs, 1)} ms, ${fmt(floors.pipelineMs / scanFloorMs(floors), 2)}× the floor` : '–'}; scan ÷ bare pass: ${fmt(g100.scanRatio, 1)}×; whole cost ÷ bare script: ${fmt(g100.ratio, 1)}×`
        : undefined,
    ),
    budget('long tasks holding > 16 ms of Backstory, 5 MB page, worst load', g5m?.causedLongTasks ?? Number.NaN, 0, '', g5m ? `most own time in one task ${fmt(g5m.longestOwnMs, 0)} ms; ${g5m.sharedLongTasks} long tasks with ≤ 16 ms of it (the page's own rendering); ${g5m.gcLongTasks} over only with a major GC V8 finished inside Backstory's code (${fmt(g5m.gcInOursMs, 0)} ms)` : undefined),
    budget('hover → card painted, after the intent delay', summary.hover_ms, 16.7, 'ms', `with content: ${fmt(median(hovered.map((p) => p.hoverContentMs!)), 1)} ms`),
    budget('content script, gzipped (loader + host + engine − pack index)', (sizes.contentGzBytes + sizes.hostGzBytes + sizes.engineGzBytes - sizes.indexGzBytes) / 1024, 30, 'KB', `every page: ${fmt(summary.content_gz_kb, 1)} KB`),
    budget(
      'popup first paint − its round-trip floor, 10,000 notes',
      summary.popup_floor_ms,
      20,
      'ms',
      popup ? `first paint ${fmt(popup.firstPaintMs, 0)} ms; floor, one round trip and plain DOM rows: ${popup.floors ? fmt(popup.floors.roundTripMs, 0) : '–'} ms` : undefined,
    ),
    budget('search, per keystroke', summary.search_ms, 50, 'ms'),
    budget('"Save note" → note editor ready (note frame)', summary.editor_ms, 100, 'ms', noteEditor ? `${noteEditor.runs.length} runs` : undefined),
    budget('JS heap Backstory adds, 5 MB page', summary.heap_5mb_mb, HEAP_5MB_BUDGET_MB, 'MB', g100 ? `100 KB page: ${fmt(g100.heapGrowthKb / 1024, 2)} MB` : undefined),
  ];
  return { summary, budgets };
}

/** The covered page's floor: every node read plus the page's mentions registered as highlights (ms). */
function scanFloorMs(f: ScanFloors): number {
  return f.everyNodeMs + f.highlightsMs;
}

/**
 * The least a scan and highlight of the 100 KB page can cost, ÷ the bare pass, with no matching:
 * reading the text one of the two ways (floors.ts) plus registering the page's mentions. Reading
 * every node is what a model that sees block ends and hidden subtrees needs; reading blocks only is
 * cheaper and loses that.
 */
function scanFloorRatios(f: ScanFloors): { everyNode: number; blocks: number } {
  return { everyNode: (f.everyNodeMs + f.highlightsMs) / f.barePassMs, blocks: (f.blockTextMs + f.highlightsMs) / f.barePassMs };
}

export function floorTable(scan: ScanFloors | null, popup: PopupFloors | null): string {
  const rows: string[][] = [];
  if (scan) {
    const ratio = (ms: number) => `${fmt(ms / scan.barePassMs, 2)}×`;
    rows.push(
      ['covered 100 KB, cold, isolated world: bare pass (every text node’s data)', `${fmt(scan.barePassMs, 2)} ms`, '1.00×'],
      ['  every node read (nodeType, data or localName)', `${fmt(scan.everyNodeMs, 2)} ms`, ratio(scan.everyNodeMs)],
      ['  every block’s textContent (no inline markup seen)', `${fmt(scan.blockTextMs, 2)} ms`, ratio(scan.blockTextMs)],
      [`  ${scan.mentions} ranges in one Highlight, registered`, `${fmt(scan.highlightsMs, 2)} ms`, ratio(scan.highlightsMs)],
      ['  floor, no matching: every node read + highlights', `${fmt(scan.everyNodeMs + scan.highlightsMs, 2)} ms`, `${fmt(scanFloorRatios(scan).everyNode, 2)}×`],
      ['  floor, no matching: block text + highlights', `${fmt(scan.blockTextMs + scan.highlightsMs, 2)} ms`, `${fmt(scanFloorRatios(scan).blocks, 2)}×`],
      [
        `  least pipeline: every node read, text joined, the pack's two phrase patterns, ${scan.pipelineRanges} ranges; no region, rules, coverage or counts (${fmt(scan.pipelineMs / scanFloorMs(scan), 2)}× the floor)`,
        `${fmt(scan.pipelineMs, 2)} ms`,
        ratio(scan.pipelineMs),
      ],
      ['5 MB page, walk of every node: longest pause (median of loads), isolated world', `${fmt(scan.stallIsolatedMs, 1)} ms`, ''],
      ['  the same in the page’s own world', `${fmt(scan.stallMainMs, 1)} ms`, ''],
    );
  }
  if (popup) {
    rows.push(
      ['popup floor, first row painted: static HTML', `${fmt(popup.staticMs, 0)} ms`, ''],
      ['  a module script inserting the row', `${fmt(popup.moduleMs, 0)} ms`, ''],
      ['  a classic script, one round trip for the newest 50, plain DOM rows', `${fmt(popup.roundTripMs, 0)} ms`, ''],
    );
  }
  return table(['floor (medians)', 'time', '÷ bare pass'], rows, ['l']);
}

// ---- printing -----------------------------------------------------------------------------------

export function fmt(value: number | undefined, digits = 2): string {
  if (value === undefined || !Number.isFinite(value)) return '–';
  return value.toFixed(digits);
}

function kb(chars: number): string {
  return chars >= 1024 * 1024 ? `${(chars / 1024 / 1024).toFixed(1)}M` : `${(chars / 1024).toFixed(1)}K`;
}

/** A Markdown table (readable as plain text too). */
export function table(header: string[], rows: string[][], align: Array<'l' | 'r'> = []): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    `| ${cells.map((c, i) => ((align[i] ?? 'r') === 'l' ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(' | ')} |`;
  const rule = `|${widths.map((w, i) => ((align[i] ?? 'r') === 'l' ? `:${'-'.repeat(w + 1)}` : `${'-'.repeat(w + 1)}:`)).join('|')}|`;
  return [line(header), rule, ...rows.map(line)].join('\n');
}

export function pageTable(pages: PageFigures[]): string {
  const header = ['page', 'text', 'region', 'bare', 'pass', 'eval', 'engine', 'model', 'cover', 'mention', 'hilite', 'scan', 'total', '÷bare', 'scan÷pass', 'LT', 'LT shared', 'LT gc', 'GC ms', 'max task', 'max own', 'LT w/wo', 'heap Δ KB', 'hover'];
  const rows = pages.map((p) => [
    `${p.name}${p.detectedCovered !== p.labelCovered ? (p.detectedCovered ? ' (FP)' : ' (FN)') : ''}`,
    kb(p.textChars),
    kb(p.regionChars),
    fmt(p.bareScriptMs, 2),
    fmt(p.barePassMs, 2),
    fmt(p.evalMs, 2),
    fmt(p.engineEvalMs, 1),
    fmt(p.textModelMs, 1),
    fmt(p.coverageMs, 1),
    fmt(p.mentionsMs, 1),
    fmt(p.highlightMs, 1),
    fmt(p.scanMs, 1),
    fmt(p.totalMs, 2),
    fmt(p.ratio, 2),
    fmt(p.scanRatio, 1),
    String(p.causedLongTasks),
    String(p.sharedLongTasks),
    String(p.gcLongTasks),
    fmt(p.gcInOursMs, 0),
    fmt(p.longestTaskMs, 0),
    fmt(p.longestOwnMs, 0),
    `${p.longTasksWith}/${p.longTasksWithout}`,
    fmt(p.heapGrowthKb, 0),
    p.hoverMs !== undefined ? fmt(p.hoverMs, 1) : p.hoverErrors ? 'err' : '',
  ]);
  return table(header, rows, ['l']);
}

/** Medians per category: the table for the README. */
export function categoryTable(pages: PageFigures[]): string {
  const groups: Array<[string, PageFigures[]]> = [];
  const add = (label: string, list: PageFigures[]) => list.length && groups.push([label, list]);
  add('covered fixtures', pages.filter((p) => p.category === 'covered'));
  add('unrelated fixtures', pages.filter((p) => p.category === 'unrelated'));
  add('near-miss fixtures', pages.filter((p) => p.category === 'nearmiss'));
  add('shared corpus (real pages)', pages.filter((p) => p.category === 'corpus'));
  for (const p of pages.filter((x) => x.category === 'generated')) add(p.name, [p]);
  const header = ['pages (median)', 'n', 'text', 'bare script', 'bare pass', 'warm pass', 'loader eval', 'engine eval', 'model', 'coverage', 'mentions', 'highlights', 'scan ms', 'total ms', '÷ bare script', 'scan ÷ bare pass', 'long tasks', 'max own ms', 'heap Δ KB', 'hover ms'];
  const rows = groups.map(([label, list]) => {
    const m = (f: (p: PageFigures) => number) => median(list.map(f));
    const hovers = list.filter((p) => p.hoverMs !== undefined);
    return [
      label,
      String(list.length),
      kb(m((p) => p.textChars)),
      fmt(m((p) => p.bareScriptMs), 2),
      fmt(m((p) => p.barePassMs), 2),
      fmt(m((p) => p.baselineMs), 3),
      fmt(m((p) => p.evalMs), 2),
      fmt(m((p) => p.engineEvalMs), 1),
      fmt(m((p) => p.textModelMs), 1),
      fmt(m((p) => p.coverageMs), 1),
      fmt(m((p) => p.mentionsMs), 1),
      fmt(m((p) => p.highlightMs), 1),
      fmt(m((p) => p.scanMs), 1),
      fmt(m((p) => p.totalMs), 2),
      fmt(m((p) => p.ratio), 2),
      fmt(m((p) => p.scanRatio), 1),
      String(sum(list.map((p) => p.causedLongTasks))),
      fmt(Math.max(...list.map((p) => p.longestOwnMs)), 0),
      fmt(m((p) => p.heapGrowthKb), 0),
      hovers.length ? fmt(median(hovers.map((p) => p.hoverMs!)), 1) : '',
    ];
  });
  return table(header, rows, ['l']);
}

/**
 * What a covered page costs in all, and the memory Backstory keeps: the covered fixtures (short
 * articles, as most news pages are) and the generated pages.
 */
export function wholeCostTable(pages: PageFigures[]): string {
  const rows: string[][] = [];
  const covered = pages.filter((p) => p.category === 'covered');
  if (covered.length > 0) {
    const total = covered.map((p) => p.totalMs);
    const text = covered.map((p) => p.textChars);
    rows.push([
      `covered fixtures (${covered.length} pages, ${kb(Math.min(...text))}–${kb(Math.max(...text))} of text)`,
      `${fmt(median(total), 1)} ms (max ${fmt(Math.max(...total), 1)})`,
      `${fmt(median(covered.map((p) => p.heapGrowthKb)) / 1024, 2)} MB`,
    ]);
  }
  for (const p of pages.filter((x) => x.category === 'generated')) {
    rows.push([`${p.name} (${kb(p.textChars)} of text)`, `${fmt(p.totalMs, 1)} ms`, `${fmt(p.heapGrowthKb / 1024, 2)} MB`]);
  }
  return table(['covered pages (medians of loads)', 'whole cost (loader + engine + scan)', 'JS heap Backstory adds'], rows, ['l']);
}

export function budgetTable(budgets: Budget[]): string {
  return table(
    ['budget', 'measured', 'limit', 'verdict', 'note'],
    budgets.map((b) => [b.name, `${fmt(b.value, b.unit === '' ? 0 : b.unit === '×' ? 2 : 1)}${b.unit === '×' ? '×' : b.unit ? ` ${b.unit}` : ''}`, `${b.unit === '×' ? '≤ ' : '≤ '}${b.limit}${b.unit === '×' ? '×' : b.unit ? ` ${b.unit}` : ''}`, b.verdict, b.note ?? '']),
    ['l', 'r', 'r', 'l', 'l'],
  );
}

export function sizeTable(s: BundleSizes): string {
  const row = (name: string, raw: number, gz: number) => [name, `${(raw / 1024).toFixed(1)} KB`, `${(gz / 1024).toFixed(1)} KB`];
  return table(
    ['bundle', 'raw', 'gzipped'],
    [
      row('content script: the loader, page-loader.js (every page)', s.contentBytes, s.contentGzBytes),
      row('engine host, page-host.js (imported first where the engine is needed)', s.hostBytes, s.hostGzBytes),
      row('engine, page-engine.js (pages that pass the gate or have notes)', s.engineBytes, s.engineGzBytes),
      row('  of which the pack index (virtual module)', s.indexBytes, s.indexGzBytes),
      ...(s.pageUiBytes !== null && s.pageUiGzBytes !== null ? [row('card UI script (page-ui.js, loaded on first card)', s.pageUiBytes, s.pageUiGzBytes)] : []),
      row('card content (entities, sources, timeline; background)', s.cardContentBytes, s.cardContentGzBytes),
      row('background.js', s.backgroundBytes, s.backgroundGzBytes),
    ],
    ['l'],
  );
}

export function popupTable(p: PopupResult): string {
  const keystrokes = p.runs.flatMap((r) => r.keystrokes.map((k) => k.ms));
  return table(
    ['popup, 10,000 notes', 'median', 'runs'],
    [
      ['import 10,000 notes (notes:import, one-off)', `${fmt(p.importMs, 0)} ms`, '1'],
      ['notes:list-summaries, newest 50 (the popup’s first request)', `${fmt(median(p.firstPageMs), 1)} ms`, String(p.firstPageMs.length)],
      ['notes:list-all round trip (every full note; the popup no longer asks)', `${fmt(median(p.listAllMs), 1)} ms`, String(p.listAllMs.length)],
      ['first note row inserted (from navigation start)', `${fmt(median(p.runs.map((r) => r.firstRowInsertedMs)), 1)} ms`, String(p.runs.length)],
      ['first note row painted (from navigation start)', `${fmt(p.firstPaintMs, 1)} ms`, String(p.runs.length)],
      ['search keystroke → next paint', `${fmt(p.searchMs, 1)} ms`, `${keystrokes.length} keys`],
      ['  slowest keystroke', `${fmt(Math.max(...keystrokes), 1)} ms`, ''],
      ['popup long tasks (all runs)', String(sum(p.runs.map((r) => r.longTasks.length))), String(p.runs.length)],
    ],
    ['l'],
  );
}

export function summaryLine(s: Summary): string {
  return (
    `bench: idle_ratio=${fmt(s.idle_ratio, 2)} covered_ratio=${fmt(s.covered_ratio, 2)} covered_floor_ratio=${fmt(s.covered_floor_ratio, 2)} ` +
    `long_tasks=${fmt(s.long_tasks, 0)} hover_ms=${fmt(s.hover_ms, 1)} content_gz_kb=${fmt(s.content_gz_kb, 1)} index_gz_kb=${fmt(s.index_gz_kb, 1)} ` +
    `popup_paint_ms=${fmt(s.popup_paint_ms, 0)} popup_floor_ms=${fmt(s.popup_floor_ms, 0)} search_ms=${fmt(s.search_ms, 1)} ` +
    `editor_ms=${fmt(s.editor_ms, 1)} heap_5mb_mb=${fmt(s.heap_5mb_mb, 1)}`
  );
}

export function roundDeep<T>(value: T): T {
  if (typeof value === 'number') return round(value) as T;
  if (Array.isArray(value)) return value.map(roundDeep) as T;
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, roundDeep(v)])) as T;
  return value;
}
