/**
 * Floors: what the browser itself costs on this machine for the work a budget covers, measured
 * without Backstory's code, so the budgets can be read against what is possible at all.
 *
 * Scan floors, on the generated covered pages, in a Chromium without any extension, each figure
 * cold in a fresh isolated world (the kind of world a content script runs in, made through DevTools):
 * - the bare pass (the budgets' denominator, measured again here in the same conditions);
 * - every node read (nodeType, then data or localName): the least a text model reads when it
 *   must see where blocks end and which subtrees are hidden, scripts or boilerplate;
 * - every block element's textContent: a cheaper reading that sees no inline markup;
 * - `mentions` ranges added to one Highlight, registered: what Backstory's highlight stage does
 *   (the paint that follows is the browser's, not timed here, as in the bench's own stage);
 * - the least matching pipeline: every node read with the text joined, the pack's two phrase
 *   patterns (as the build writes them) run natively over it, and a range registered per name
 *   hit. No article region, no name rules, no coverage, no counts: what any scan that uses native
 *   regexes for its phrases pays at least, to read the covered-page budget against.
 * And on the 5 MB page: the longest pause inside a walk of every node, in an isolated world and
 * in the page's own world (the isolated world stops for a while at some node counts).
 *
 * Popup floors: three pages added to the bench's copy of the build (never to the shipped one),
 * timed by the popup's own probe (a `.note` row in `#panel-all` inserted, then painted), opened
 * after each popup run in an order that rotates from run to run:
 * static HTML; a module script inserting a row; a classic script asking the background for the
 * newest 50 summaries and writing them as plain DOM rows (one round trip, no framework).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, CDPSession, Page } from 'playwright-core';
import { median } from './stats';

export interface ScanFloors {
  /** Ranges registered: the 100 KB page's mention count in Backstory's runs. */
  mentions: number;
  barePassMs: number;
  everyNodeMs: number;
  blockTextMs: number;
  highlightsMs: number;
  /** The least matching pipeline (see above). */
  pipelineMs: number;
  /** Ranges that pipeline registered (its name hits within one text node), to compare with `mentions`. */
  pipelineRanges: number;
  /** Longest pause inside a walk of every node of the 5 MB page (median over loads of each load's longest). */
  stallIsolatedMs: number;
  stallMainMs: number;
  /** Every sample, in ms, by figure (bench.json), to see the spread the medians come from. */
  samples: Record<string, number[]>;
}

export interface PopupFloors {
  staticMs: number;
  moduleMs: number;
  roundTripMs: number;
}

const BARE_PASS = `(() => {
  const t0 = performance.now();
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  let chars = 0;
  for (let n = walker.nextNode(); n !== null; n = walker.nextNode()) chars += n.data.length;
  return performance.now() - t0;
})()`;

/**
 * A walk of every node below <body>, reading nodeType, then data or localName (comments read an
 * undefined localName: harmless). `perStep` runs after each step; the expression returns `result`.
 */
const walk = (perStep: string, result: string) => `(() => {
  const root = document.body;
  let node = root.firstChild;
  let n = 0;
  const t0 = performance.now();
  let last = t0;
  let longest = 0;
  while (node !== null) {
    if (node.nodeType === 3) void node.data.length;
    else void node.localName;
    let next = node.firstChild;
    if (next === null) {
      let at = node;
      while (at !== null && at !== root && (next = at.nextSibling) === null) at = at.parentNode;
    }
    node = next;
    ${perStep}
  }
  return ${result};
})()`;

const EVERY_NODE = walk('', 'performance.now() - t0');

/** The longest gap between checks taken every 64 nodes. */
const LONGEST_STALL = walk(
  'if ((++n & 63) === 0) { const t = performance.now(); longest = Math.max(longest, t - last); last = t; }',
  'longest',
);

const BLOCK_TEXT = `(() => {
  const t0 = performance.now();
  const blocks = document.body.querySelectorAll('p,h1,h2,h3,h4,h5,h6,li,blockquote,figcaption,td,th,dd,dt,pre');
  const parts = [];
  for (let i = 0; i < blocks.length; i++) parts.push(blocks[i].textContent);
  parts.join('\\n');
  return performance.now() - t0;
})()`;

/** Ranges over `count` text nodes spread through the page (collected before the clock starts). */
const highlights = (count: number) => `(() => {
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const nodes = [];
  for (let n = walker.nextNode(); n !== null; n = walker.nextNode()) if (n.data.length >= 12) nodes.push(n);
  const t0 = performance.now();
  const highlight = new Highlight();
  for (let i = 0; i < ${count}; i++) {
    const node = nodes[Math.floor((i * nodes.length) / ${count})];
    const range = document.createRange();
    range.setStart(node, 2);
    range.setEnd(node, 10);
    highlight.add(range);
  }
  CSS.highlights.set('bench-floor', highlight);
  return performance.now() - t0;
})()`;

/** The phrase patterns the pipeline floor runs: the pack index's, as the build compiles them. */
export interface FloorPatterns {
  names: string;
  signals: string;
}

/**
 * The least matching pipeline, cold: the walk of EVERY_NODE keeping each text node and its offset
 * while joining the text, one native pass of each phrase pattern, then a range per name hit.
 * Returns [ms, ranges registered, signal hits].
 */
const pipeline = (patterns: FloorPatterns) => `(() => {
  const namesSource = ${JSON.stringify(patterns.names)};
  const signalsSource = ${JSON.stringify(patterns.signals)};
  const root = document.body;
  const t0 = performance.now();
  const nodes = [];
  const starts = [];
  const parts = [];
  let length = 0;
  let node = root.firstChild;
  while (node !== null) {
    let next = null;
    if (node.nodeType === 3) {
      const data = node.data;
      nodes.push(node);
      starts.push(length);
      parts.push(data);
      length += data.length;
    } else if (node.nodeType === 1) {
      const name = node.localName;
      if (name !== 'script' && name !== 'style') next = node.firstChild;
    }
    if (next === null) {
      let at = node;
      while (at !== null && at !== root && (next = at.nextSibling) === null) at = at.parentNode;
    }
    node = next;
  }
  const text = parts.join('');
  const names = new RegExp(namesSource, 'g');
  const hits = [];
  for (let m = names.exec(text); m !== null; m = names.exec(text)) hits.push(m.index, m.index + m[0].length);
  const signals = new RegExp(signalsSource, 'g');
  let signalHits = 0;
  while (signals.exec(text) !== null) signalHits++;
  const highlight = new Highlight();
  let at = 0;
  for (let i = 0; i < hits.length; i += 2) {
    while (at + 1 < nodes.length && starts[at + 1] <= hits[i]) at++;
    const end = hits[i + 1] - starts[at];
    if (end > nodes[at].data.length) continue;
    const range = document.createRange();
    range.setStart(nodes[at], hits[i] - starts[at]);
    range.setEnd(nodes[at], end);
    highlight.add(range);
  }
  CSS.highlights.set('bench-floor-pipeline', highlight);
  return [performance.now() - t0, highlight.size, signalHits];
})()`;

/**
 * A tab that loads the floor pages the way the bench loads a page for Backstory: one tab, the page
 * reloaded for each figure, a forced GC before each load (the bench's heap reading does one between
 * Backstory's loads: it drops V8's compilation cache, so every figure is cold), and the figure taken
 * once the page has loaded and drawn a frame (Backstory scans after document_idle), in a new
 * isolated world, so the world has no wrapper of any node yet.
 */
class FloorTab {
  private constructor(
    private readonly page: Page,
    private readonly cdp: CDPSession,
  ) {}

  static async open(context: BrowserContext): Promise<FloorTab> {
    const page = await context.newPage();
    return new FloorTab(page, await context.newCDPSession(page));
  }

  /** Loads `url` afresh and evaluates `expression` once, in a new isolated world or the page's own. */
  async evaluate(url: string, expression: string, world: 'isolated' | 'main'): Promise<number> {
    const value = await this.evaluateValue(url, expression, world);
    if (typeof value !== 'number') throw new Error('bench floor failed: no figure');
    return value;
  }

  /** `evaluate` for an expression that returns more than one number. */
  async evaluateValue(url: string, expression: string, world: 'isolated' | 'main'): Promise<unknown> {
    await this.cdp.send('HeapProfiler.collectGarbage');
    if (this.page.url() === url) await this.page.reload({ waitUntil: 'load', timeout: 120_000 });
    else await this.page.goto(url, { waitUntil: 'load', timeout: 120_000 });
    await this.page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0))));
    let contextId: number | undefined;
    if (world === 'isolated') {
      const { frameTree } = (await this.cdp.send('Page.getFrameTree')) as { frameTree: { frame: { id: string } } };
      ({ executionContextId: contextId } = (await this.cdp.send('Page.createIsolatedWorld', { frameId: frameTree.frame.id, worldName: 'bench-floor' })) as {
        executionContextId: number;
      });
    }
    const out = (await this.cdp.send('Runtime.evaluate', { expression, returnByValue: true, ...(contextId === undefined ? {} : { contextId }) })) as {
      result: { value?: unknown };
      exceptionDetails?: { text: string };
    };
    if (out.exceptionDetails || out.result.value === undefined) throw new Error(`bench floor failed: ${out.exceptionDetails?.text ?? 'no figure'}`);
    return out.result.value;
  }

  async close(): Promise<void> {
    await this.cdp.detach().catch(() => undefined);
    await this.page.close();
  }
}

/**
 * Floor figures per scan figure: the floors are single passes of a few milliseconds, so one
 * descheduled moment of the shared machine moves one sample a lot; more samples keep the median put.
 */
const SAMPLES_PER_RUN = 3;

/** Scan floors: medians of cold evaluations (`runs` × SAMPLES_PER_RUN each), interleaved so drift hits all alike. */
export async function measureScanFloors(
  context: BrowserContext,
  page100kb: string,
  page5mb: string | null,
  mentions: number,
  runs: number,
  patterns: FloorPatterns,
): Promise<ScanFloors> {
  const figures: Record<string, number[]> = { bare: [], every: [], blocks: [], highlights: [], pipeline: [], stallIsolated: [], stallMain: [] };
  let pipelineRanges = 0;
  const tab = await FloorTab.open(context);
  try {
    for (let r = 0; r < runs * SAMPLES_PER_RUN; r++) {
      figures.bare!.push(await tab.evaluate(page100kb, BARE_PASS, 'isolated'));
      figures.every!.push(await tab.evaluate(page100kb, EVERY_NODE, 'isolated'));
      figures.blocks!.push(await tab.evaluate(page100kb, BLOCK_TEXT, 'isolated'));
      figures.highlights!.push(await tab.evaluate(page100kb, highlights(mentions), 'isolated'));
      const [ms, ranges] = (await tab.evaluateValue(page100kb, pipeline(patterns), 'isolated')) as [number, number];
      figures.pipeline!.push(ms);
      pipelineRanges = ranges;
    }
    for (let r = 0; page5mb && r < runs; r++) {
      figures.stallIsolated!.push(await tab.evaluate(page5mb, LONGEST_STALL, 'isolated'));
      figures.stallMain!.push(await tab.evaluate(page5mb, LONGEST_STALL, 'main'));
    }
  } finally {
    await tab.close();
  }
  return {
    mentions,
    barePassMs: median(figures.bare!),
    everyNodeMs: median(figures.every!),
    blockTextMs: median(figures.blocks!),
    highlightsMs: median(figures.highlights!),
    pipelineMs: median(figures.pipeline!),
    pipelineRanges,
    stallIsolatedMs: median(figures.stallIsolated!),
    stallMainMs: median(figures.stallMain!),
    samples: figures,
  };
}

// ---- popup floors ---------------------------------------------------------------------------------

export const POPUP_FLOOR_PAGES = { staticMs: 'floor-static.html', moduleMs: 'floor-module.html', roundTripMs: 'floor-round-trip.html' } as const;

const page = (head: string, body: string) => `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>floor</title>${head}</head><body>${body}</body></html>\n`;

const INSERT_ROWS = (rows: string) => `const panel = document.createElement('div');
panel.id = 'panel-all';
for (const text of ${rows}) {
  const row = document.createElement('div');
  row.className = 'note';
  row.textContent = text;
  panel.append(row);
}
document.getElementById('app').append(panel);
`;

/** Writes the floor pages into a copy of the build (the bench's own copy). */
export function writeFloorPages(build: string): void {
  writeFileSync(join(build, POPUP_FLOOR_PAGES.staticMs), page('', '<div id="panel-all"><div class="note">A note</div></div>'));
  writeFileSync(join(build, POPUP_FLOOR_PAGES.moduleMs), page('<script type="module" src="/floor-module.js"></script>', '<div id="app"></div>'));
  writeFileSync(join(build, 'floor-module.js'), INSERT_ROWS("['A note']"));
  writeFileSync(join(build, POPUP_FLOOR_PAGES.roundTripMs), page('<script src="/floor-round-trip.js"></script>', '<div id="app"></div>'));
  writeFileSync(
    join(build, 'floor-round-trip.js'),
    `chrome.runtime.sendMessage({ type: 'notes:list-summaries', limit: 50 }).then((reply) => {
  const whenReady = (f) => (document.getElementById('app') ? f() : addEventListener('DOMContentLoaded', f));
  whenReady(() => { ${INSERT_ROWS('reply.value.map((s) => s.text || s.quote || s.id)')} });
});
`,
  );
}

/** The phrase patterns of the pack the build ships (build/pack-plugin.ts compiles the same index). */
export async function floorPatterns(): Promise<FloorPatterns> {
  const [{ compilePackIndex, indexPhrases }, { wholePattern }, { activePack }, { validatePack }] = await Promise.all([
    import('../../src/detect/pack-index'),
    import('../../src/detect/phrase-trie'),
    import('../../src/pack/packs'),
    import('../../src/pack/validate'),
  ]);
  const result = validatePack(activePack);
  if (!result.ok) throw new Error('the active pack is invalid: npm run build says why');
  const phrases = indexPhrases(compilePackIndex(result.pack));
  return { names: wholePattern(phrases.names), signals: wholePattern(phrases.signals) };
}
