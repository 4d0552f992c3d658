/**
 * `npm run bench` (after `wxt build`): speed and size figures for the built extension in real
 * Chromium, headless, through the browser-test harness.
 *
 *   - every fixture page, the shared corpus (../shared/corpus, when present) and two generated
 *     covered articles (100 KB and 5 MB of text): Backstory's cost per stage against a bare
 *     TreeWalker pass over the same page (loaded right after it, in a second Chromium with only a
 *     bare extension), long tasks, heap growth, hover → card paint;
 *   - bundle sizes, gzipped;
 *   - the popup with 10,000 notes: first paint and per-keystroke search;
 *   - floors (scripts/bench/floors.ts): the same kinds of work done by the browser alone, without
 *     Backstory's code, so each budget can be read against what is possible on this machine.
 *
 * Prints the tables, writes bench-output/bench.json, and ends with one `bench: …` line for tools.
 * Budgets are reported PASS/OVER; the process never fails on a budget (these are benchmark
 * figures, not timed tests). Method notes are in README.md, "Performance".
 *
 * Environment: BENCH_RUNS (loads per page, default 3; the popup is opened at least 7 times, see
 * scripts/bench/popup.ts), BENCH_ONLY (a substring:
 * measure only the pages whose name contains it; `popup`: the popup and its floors alone, no
 * pages), BENCH_SKIP_POPUP=1 (said in the output, so a missing popup figure is never silent).
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import { CHROME_BUILD, CHROMIUM_FLAGS, FIXTURES, REPO_ROOT, SHARED_CORPUS, assertBuilt, chromiumPath, launchWithExtension } from './lib/browser';
import { pageState, tabIdOf } from './lib/extension-page';
import { startFixtureServer } from './lib/fixture-server';
import { CORPUS_MOUNT, corpusPages, dynamicPage, fixturePages, generatedPages, type BenchPage } from './bench/pages';
import { LONG_TASK_OBSERVER, closeTab, measureWithExtension, measureWithoutExtension, openTab, type ExtensionRun, type PlainRun, type Tab } from './bench/page-run';
import { measureNoteEditor, type NoteEditorResult } from './bench/note-editor';
import { measurePopup, type PopupResult } from './bench/popup';
import { budgetTable, categoryTable, floorTable, pageTable, popupTable, roundDeep, sizeTable, summarize, summaryLine, wholeCostTable } from './bench/report';
import { pageFigures } from './bench/figures';
import { bundleSizes } from './bench/sizes';
import { writeBareExtension } from './bench/bare-extension';
import { floorPatterns, measureScanFloors, writeFloorPages, type ScanFloors } from './bench/floors';
import { median } from './bench/stats';

const OUT_DIR = join(REPO_ROOT, 'bench-output');
const RUNS = Math.max(1, Number(process.env.BENCH_RUNS ?? 3) || 3);
const ONLY = process.env.BENCH_ONLY ?? '';
/** BENCH_ONLY=popup: no page is loaded, and the note editor and the runs without Backstory are left out. */
const POPUP_ONLY = ONLY === 'popup';
const SKIP_POPUP = !POPUP_ONLY && Boolean(process.env.BENCH_SKIP_POPUP);

/**
 * Cross-origin isolation for the fixture pages, so performance.now() has 5 µs resolution
 * instead of 100 µs (a bare pass over a small page takes a few µs). The pages load nothing
 * from other origins, so nothing else changes.
 */
const ISOLATION_HEADERS = { 'cross-origin-opener-policy': 'same-origin', 'cross-origin-embedder-policy': 'require-corp' };

function progress(message: string): void {
  process.stderr.write(`${message}\n`);
}

function machine() {
  const cpuinfo = existsSync('/proc/cpuinfo') ? readFileSync('/proc/cpuinfo', 'utf8') : '';
  const model = /^model name\s*:\s*(.+)$/m.exec(cpuinfo)?.[1]?.trim() ?? cpus()[0]?.model ?? 'unknown';
  let chromiumVersion = 'unknown';
  try {
    chromiumVersion = execFileSync(chromiumPath(), ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    // reported as unknown
  }
  let commit = 'unknown';
  let dirty = false;
  try {
    commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: REPO_ROOT, encoding: 'utf8' }).trim();
    dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], { cwd: REPO_ROOT, encoding: 'utf8' }).trim() !== '';
  } catch {
    // not a git checkout
  }
  return { nproc: cpus().length, cpu: model, chromium: chromiumVersion, node: process.version, commit, dirty };
}

/** A Chromium with only the bare baseline extension (scripts/bench/bare-extension.ts) and one tab. */
class BaselineBrowser {
  private constructor(
    readonly tab: Tab,
    private readonly context: BrowserContext,
    private readonly dirs: string[],
  ) {}

  static async launch(build: string): Promise<BaselineBrowser> {
    const bare = writeBareExtension(join(build, '..', `${basename(build)}-bare`));
    const profile = mkdtempSync(join(tmpdir(), 'backstory-bench-bare-profile-'));
    const args = [...CHROMIUM_FLAGS, `--disable-extensions-except=${bare}`, `--load-extension=${bare}`];
    if (process.getuid?.() === 0) args.push('--no-sandbox');
    const context = await chromium.launchPersistentContext(profile, { executablePath: chromiumPath(), headless: true, args, viewport: { width: 1280, height: 900 } });
    await context.addInitScript(LONG_TASK_OBSERVER);
    return new BaselineBrowser(await openTab(context), context, [profile, bare]);
  }

  async close(): Promise<void> {
    await closeTab(this.tab).catch(() => undefined);
    await this.context.close();
    for (const dir of this.dirs) rmSync(dir, { recursive: true, force: true });
  }
}

/** The whole run as one script read top to bottom: the build copy, the pages, each measurement with its browser, then the report. */
async function main(): Promise<void> {
  const started = Date.now();
  try {
    chromiumPath();
    assertBuilt();
  } catch (e) {
    console.error(`bench: ${(e as Error).message}`);
    process.exit(1);
  }
  const info = { ...machine(), date: new Date().toISOString(), runs: RUNS, loadavgBefore: loadavg().map((l) => Number(l.toFixed(2))) };
  progress(`bench: ${info.cpu} × ${info.nproc}, ${info.chromium}, ${RUNS} runs per figure; load average ${info.loadavgBefore.join(' ')}`);

  // Measure a copy of the build, so a rebuild in this checkout during the run changes nothing.
  const build = mkdtempSync(join(tmpdir(), 'backstory-bench-build-'));
  cpSync(CHROME_BUILD, build, { recursive: true });
  const sizes = await bundleSizes(build);
  // After the sizes: the floor pages are the bench's, not the extension's.
  writeFloorPages(build);

  const corpus = corpusPages();
  if (!corpus) console.log(`bench: no shared corpus at ${SHARED_CORPUS}; its pages are skipped.`);
  const pages: BenchPage[] = POPUP_ONLY ? [] : [...fixturePages(), ...(corpus ?? []), ...generatedPages()].filter((p) => !ONLY || p.name.includes(ONLY));

  const mounts: Record<string, string> = corpus ? { [CORPUS_MOUNT]: join(SHARED_CORPUS, 'pages') } : {};
  const server = await startFixtureServer(FIXTURES, { dynamic: dynamicPage, headers: () => ISOLATION_HEADERS }, mounts);
  const withExtension = new Map<string, ExtensionRun[]>();
  const withoutExtension = new Map<string, PlainRun[]>();
  let popup: PopupResult | null = null;
  let noteEditor: NoteEditorResult | null = null;
  let scanFloors: ScanFloors | null = null;
  const failures: string[] = [];

  try {
    // ---- each page with Backstory, then without it, in turn -------------------------------------
    // Two browsers stay open: one with Backstory, one with only the bare baseline extension
    // (scripts/bench/bare-extension.ts). Loading a page in both, one right after the other, pairs
    // each page's figures: a slower stretch of the machine moves both, not one side of a ratio.
    const session = await launchWithExtension({ build });
    try {
      await session.context.addInitScript(LONG_TASK_OBSERVER);
      const tab = await openTab(session.context);
      // One unmeasured load: the service worker and the renderer's first start are not a page's cost.
      await measureWithExtension(tab, server.url('/e2e/covered-article.html'), 1, { hover: false });
      if (pages.length > 0) {
        const baseline = await BaselineBrowser.launch(build);
        try {
          await measureWithoutExtension(baseline.tab, server.url('/e2e/covered-article.html'), 1);
          for (const [i, page] of pages.entries()) {
            const runs = await measureWithExtension(tab, server.url(page.path), RUNS, { hover: page.covered });
            withExtension.set(page.name, runs);
            withoutExtension.set(page.name, await measureWithoutExtension(baseline.tab, server.url(page.path), RUNS));
            progress(`  [${i + 1}/${pages.length}] ${page.name}: scan ${runs.map((r) => r.scanMs.toFixed(1)).join(', ')} ms`);
          }
        } finally {
          await baseline.close();
        }
      }
      await closeTab(tab);
      if (!POPUP_ONLY) {
        // A part that fails is reported at the end and fails the run, but the parts after it are still measured.
        const editorTab = await session.context.newPage();
        try {
          noteEditor = await measureNoteEditor(session, editorTab, server.url('/e2e/covered-article.html'), RUNS);
          progress(`  note editor ready: ${noteEditor.runs.map((ms) => ms.toFixed(1)).join(', ')} ms`);
        } catch (e) {
          failures.push(`note editor: ${(e as Error).message}`);
          progress(`  note editor: FAILED (${(e as Error).message})`);
        }
        await editorTab.close();
      }
      if (!SKIP_POPUP) {
        progress('  popup: importing 10,000 notes…');
        const article = await session.context.newPage();
        await article.goto(server.url('/e2e/covered-article.html'));
        await pageState(session, article);
        popup = await measurePopup(session, await tabIdOf(session, article), RUNS, true);
        await article.close();
        progress(
          `  popup: first paint ${popup.runs.map((r) => r.firstPaintMs.toFixed(0)).join(', ')} ms; round-trip floor ${popup.floors?.roundTripMs.toFixed(0)} ms (paired margin ${popup.roundTripMarginMs.toFixed(0)} ms); search ${popup.searchMs.toFixed(1)} ms/keystroke`,
        );
      }
    } finally {
      await session.close();
    }

    // ---- floors: the same Chromium with no extension at all (scripts/bench/floors.ts) -------------
    const g100 = pages.find((p) => p.name === 'generated/covered-100kb');
    const g5m = pages.find((p) => p.name === 'generated/covered-5mb');
    if (g100) {
      const plain = await chromium.launch({ executablePath: chromiumPath(), headless: true, args: process.getuid?.() === 0 ? [...CHROMIUM_FLAGS, '--no-sandbox'] : CHROMIUM_FLAGS });
      try {
        const mentions = median(withExtension.get(g100.name)!.map((r) => r.mentions));
        scanFloors = await measureScanFloors(await plain.newContext(), server.url(g100.path), g5m ? server.url(g5m.path) : null, mentions, RUNS, await floorPatterns());
        progress(`  floors: ${JSON.stringify(roundDeep(scanFloors))}`);
      } finally {
        await plain.close();
      }
    }
  } finally {
    await server.close();
    rmSync(build, { recursive: true, force: true });
  }

  // ---- figures ---------------------------------------------------------------------------------
  const figures = pages.map((p) => pageFigures(p, withExtension.get(p.name)!, withoutExtension.get(p.name)!));
  const { summary, budgets } = summarize(figures, sizes, popup, scanFloors, noteEditor);
  const elapsedS = (Date.now() - started) / 1000;
  const meta = { ...info, loadavgAfter: loadavg().map((l) => Number(l.toFixed(2))), elapsedS };

  mkdirSync(OUT_DIR, { recursive: true });
  writeFileSync(
    join(OUT_DIR, 'bench.json'),
    `${JSON.stringify(
      roundDeep({
        meta,
        summary,
        budgets,
        sizes,
        popup,
        scanFloors,
        pages: figures,
        raw: pages.map((p) => ({ name: p.name, withExtension: withExtension.get(p.name), withoutExtension: withoutExtension.get(p.name) })),
      }),
      null,
      1,
    )}\n`,
  );

  console.log('\nPer page (medians of runs; ms; text = characters in <body>, region = Backstory’s text model)');
  console.log(pageTable(figures));
  console.log('\nBy kind of page (medians over pages; long tasks summed)');
  console.log(categoryTable(figures));
  console.log('\nCovered pages: whole cost and memory');
  console.log(wholeCostTable(figures));
  console.log('\nBundle sizes');
  console.log(sizeTable(sizes));
  if (popup) {
    console.log('\nPopup');
    console.log(popupTable(popup));
  } else {
    console.log('\nPopup: not measured in this run (BENCH_SKIP_POPUP is set): popup_paint_ms and search_ms read –.');
  }
  if (scanFloors || popup?.floors) {
    console.log('\nFloors: the browser alone, without Backstory’s code (scripts/bench/floors.ts)');
    console.log(floorTable(scanFloors, popup?.floors ?? null));
  }
  console.log('\nBudgets');
  console.log(budgetTable(budgets));
  console.log(
    `\n${meta.cpu} × ${meta.nproc}, ${meta.chromium}, load average ${meta.loadavgBefore.join(' ')} → ${meta.loadavgAfter.join(' ')}; ` +
      `commit ${meta.commit}${meta.dirty ? ' (with uncommitted changes)' : ''}; ${meta.date}; ${elapsedS.toFixed(0)} s. Full results: bench-output/bench.json`,
  );
  console.log(summaryLine(summary));
  for (const failure of failures) console.error(`bench: FAILED ${failure}`);
  if (failures.length > 0) process.exitCode = 1;
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
