/**
 * `npm run eval:detect` (after `npm run build`): detection accuracy of the BUILT extension in
 * real Chromium. Every labelled fixture page (tests/fixtures/labels.json, labels-fresh.json) and every page of the
 * shared corpus (../shared/corpus/pages, all uncovered, when present) is opened from a local
 * fixture server; the content script's answer to `backstory:page-state` is scored against the
 * labels with the same code as the in-process jsdom test (scripts/lib/detection-metrics.ts).
 *
 * On each corpus page it also reads the article region as the scanner does (scripts/eval/
 * region-probe.ts: the real region and text-model code, bundled and run in the page) and scores
 * that text against the page's real article (../shared/corpus/articles; scripts/eval/
 * region-metrics.ts). Pages under 0.9 recall are listed, then a `region:` line just before the last.
 *
 * The dated pages (tests/fixtures/dated-labels.json: covered stories with known publication dates
 * and labelled figures) are scored apart, on the page state's `published` and `figures`; they are
 * not part of the labelled split the name metrics count.
 *
 * Prints one verdict per page, one line per split (the folder under pages/, e.g. `fresh`), a line
 *   dates: accuracy=… figures: precision=… recall=…
 * then a last line:
 *   eval: precision=… recall=… nearmiss_fp=…/… name_precision=… name_recall=… corpus_fp=…/…
 * Exits non-zero when a target is missed: precision ≥ 0.98, recall ≥ 0.95, name precision ≥ 0.98,
 * name recall ≥ 0.95, no near miss lit, no corpus page lit, date accuracy and figure precision and
 * recall ≥ 0.95.
 *
 * Environment: EVAL_ONLY (a substring: evaluate only the pages whose path contains it),
 * EVAL_BUILD (an extension build directory other than .output/chrome-mv3).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import type { Page } from 'playwright-core';
import { LOW_RECALL, regionScore, regionSummary, type RegionScore } from './eval/region-metrics';
import { assertBuilt, CHROME_BUILD, FIXTURES, launchWithExtension, SHARED_CORPUS, type ExtensionSession } from './lib/browser';
import { pageState } from './lib/extension-page';
import { startFixtureServer, type FixtureServer } from './lib/fixture-server';
import { describeVerdict, scoreDetection, splitLines, summaryLine, type Label, type PageOutcome } from './lib/detection-metrics';
import { datedLine, scoreDated, type DatedLabel, type DatedOutcome } from './lib/dated-metrics';

const CORPUS_PAGES = join(SHARED_CORPUS, 'pages');
const CORPUS_MOUNT = '/shared-corpus/';
const ONLY = process.env.EVAL_ONLY ?? '';
const BUILD = process.env.EVAL_BUILD || CHROME_BUILD;
const TARGETS = { precision: 0.98, recall: 0.95, namePrecision: 0.98, nameRecall: 0.95, dates: 0.95, figures: 0.95 };
/** labels-fresh.json is written by make-fresh-pages.ts, apart from make-pages.ts's labels.json. */
const LABEL_FILES = ['labels.json', 'labels-fresh.json'];

async function stateOf(session: ExtensionSession, server: FixtureServer, path: string, readRegion?: string) {
  const page = await session.context.newPage();
  try {
    await page.goto(server.url(path), { waitUntil: 'load' });
    const state = await pageState(session, page);
    return { ...state, regionText: readRegion === undefined ? undefined : await regionTextOf(page, readRegion) };
  } finally {
    await page.close();
  }
}

/** The probe as one classic script: the region and text-model modules bundled from source. */
async function regionProbe(): Promise<string> {
  const out = await build({ entryPoints: [join(import.meta.dirname, 'eval/region-probe.ts')], bundle: true, format: 'iife', write: false, logLevel: 'silent' });
  return out.outputFiles[0]!.text;
}

/** Runs in the page's main world (the DOM is the one the content script sees). */
async function regionTextOf(page: Page, probe: string): Promise<string> {
  await page.evaluate(probe);
  return page.evaluate(() => (globalThis as unknown as { __regionText: () => string }).__regionText());
}

/** The expected article text of each corpus page, by file name (index.json's `article` field). */
function corpusArticles(): Map<string, string> {
  const index = JSON.parse(readFileSync(join(SHARED_CORPUS, 'index.json'), 'utf8')) as { pages: Array<{ file: string; article?: string }> };
  const articles = new Map<string, string>();
  for (const entry of index.pages) {
    if (entry.article) articles.set(entry.file.replace(/^pages\//, ''), readFileSync(join(SHARED_CORPUS, entry.article), 'utf8'));
  }
  return articles;
}

async function main(): Promise<void> {
  assertBuilt(BUILD);
  const labels: Label[] = LABEL_FILES.flatMap((f) => JSON.parse(readFileSync(join(FIXTURES, f), 'utf8')) as Label[]).filter((l) => l.file.includes(ONLY));
  const datedLabels: DatedLabel[] = (JSON.parse(readFileSync(join(FIXTURES, 'dated-labels.json'), 'utf8')) as DatedLabel[]).filter((l) => l.file.includes(ONLY));
  const corpus = existsSync(CORPUS_PAGES) ? readdirSync(CORPUS_PAGES).filter((f) => f.endsWith('.html') && f.includes(ONLY)).sort() : [];
  if (!existsSync(CORPUS_PAGES)) console.log(`(no shared corpus at ${CORPUS_PAGES}: corpus pages and the region measure skipped)`);

  const articles = corpus.length > 0 ? corpusArticles() : new Map<string, string>();
  const probe = articles.size > 0 ? await regionProbe() : undefined;
  const regions: RegionScore[] = [];
  const lowRegions: string[] = [];

  const server = await startFixtureServer(FIXTURES, {}, { [CORPUS_MOUNT]: CORPUS_PAGES });
  const session = await launchWithExtension({ build: BUILD });
  const outcomes = new Map<string, PageOutcome>();
  const scanMs: number[] = [];
  let corpusLit = 0;
  try {
    for (const label of labels) {
      const state = await stateOf(session, server, `/${label.file}`);
      outcomes.set(label.file, { file: label.file, covered: state.covered, score: state.score, mentions: state.mentions });
      scanMs.push(state.scanMs);
    }
    const metrics = scoreDetection(labels, outcomes);
    for (const verdict of metrics.verdicts) console.log(describeVerdict(verdict));

    for (const file of corpus) {
      const article = articles.get(file);
      const state = await stateOf(session, server, `${CORPUS_MOUNT}${file}`, article === undefined ? undefined : probe);
      scanMs.push(state.scanMs);
      let region = '';
      if (article !== undefined && state.regionText !== undefined) {
        const score = regionScore(article, state.regionText);
        regions.push(score);
        region = ` region recall=${score.recall.toFixed(2)} precision=${score.precision.toFixed(2)}`;
        if (score.recall < LOW_RECALL) lowRegions.push(`region below ${LOW_RECALL}:${region} corpus/${file}`);
      }
      if (state.covered) corpusLit++;
      console.log(`${state.covered ? 'FAIL covered' : 'ok   dark   '} score=${state.score.toFixed(2).padStart(6)} corpus/${file} (${state.scanMs} ms)${region}`);
    }

    const dated = new Map<string, DatedOutcome>();
    for (const label of datedLabels) {
      const state = await stateOf(session, server, `/${label.file}`);
      dated.set(label.file, { published: state.published, figures: state.figures });
    }
    const datedMetrics = scoreDated(datedLabels, dated);
    for (const miss of datedMetrics.misses) console.log(`MISS ${miss}`);

    scanMs.sort((a, b) => a - b);
    const median = scanMs[Math.floor(scanMs.length / 2)] ?? 0;
    console.log(`scan time per page (content script, incl. highlighting): median ${median} ms, max ${scanMs.at(-1) ?? 0} ms`);
    for (const line of splitLines(labels, outcomes)) console.log(line);
    const missed =
      metrics.precision < TARGETS.precision ||
      metrics.recall < TARGETS.recall ||
      metrics.namePrecision < TARGETS.namePrecision ||
      metrics.nameRecall < TARGETS.nameRecall ||
      metrics.nearMissFalsePositives > 0 ||
      corpusLit > 0 ||
      datedMetrics.dateAccuracy < TARGETS.dates ||
      datedMetrics.figurePrecision < TARGETS.figures ||
      datedMetrics.figureRecall < TARGETS.figures;
    if (missed) process.exitCode = 1;
    for (const line of lowRegions) console.log(line);
    if (regions.length > 0) console.log(regionSummary(regions));
    console.log(datedLine(datedMetrics));
    console.log(summaryLine(metrics, { falsePositives: corpusLit, pages: corpus.length }));
  } finally {
    await session.close();
    await server.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
