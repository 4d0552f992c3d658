/**
 * `npm run eval:detect` (after `npm run build`): detection accuracy of the BUILT extension in
 * real Chromium. Every labelled fixture page (tests/fixtures/labels.json) and every page of the
 * shared corpus (../shared/corpus/pages, all uncovered, when present) is opened from a local
 * fixture server; the content script's answer to `backstory:page-state` is scored against the
 * labels with the same code as the in-process jsdom test (tests/fixtures/detection-metrics.ts).
 *
 * The dated pages (tests/fixtures/dated-labels.json: covered stories with known publication dates
 * and labelled figures) are scored apart, on the page state's `published` and `figures`; they are
 * not part of the labelled split the name metrics count.
 *
 * Prints one verdict per page, then a line
 *   dates: accuracy=… figures: precision=… recall=…
 * and a last line:
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
import {
  assertBuilt,
  CHROME_BUILD,
  FIXTURES,
  launchWithExtension,
  pageState,
  SHARED_CORPUS,
  startFixtureServer,
  type ExtensionSession,
  type FixtureServer,
} from '../tests/e2e/harness';
import { datedLine, scoreDated, type DatedLabel, type DatedOutcome } from '../tests/fixtures/dated-metrics';
import { describeVerdict, scoreDetection, summaryLine, type Label, type PageOutcome } from '../tests/fixtures/detection-metrics';

const CORPUS_PAGES = join(SHARED_CORPUS, 'pages');
const CORPUS_MOUNT = '/shared-corpus/';
const ONLY = process.env.EVAL_ONLY ?? '';
const BUILD = process.env.EVAL_BUILD || CHROME_BUILD;
const TARGETS = { precision: 0.98, recall: 0.95, namePrecision: 0.98, nameRecall: 0.95, dates: 0.95, figures: 0.95 };

async function stateOf(session: ExtensionSession, server: FixtureServer, path: string) {
  const page = await session.context.newPage();
  try {
    await page.goto(server.url(path), { waitUntil: 'load' });
    return await pageState(session, page);
  } finally {
    await page.close();
  }
}

async function main(): Promise<void> {
  assertBuilt(BUILD);
  const labels: Label[] = (JSON.parse(readFileSync(join(FIXTURES, 'labels.json'), 'utf8')) as Label[]).filter((l) => l.file.includes(ONLY));
  const datedLabels: DatedLabel[] = (JSON.parse(readFileSync(join(FIXTURES, 'dated-labels.json'), 'utf8')) as DatedLabel[]).filter((l) => l.file.includes(ONLY));
  const corpus = existsSync(CORPUS_PAGES) ? readdirSync(CORPUS_PAGES).filter((f) => f.endsWith('.html') && f.includes(ONLY)).sort() : [];
  if (!existsSync(CORPUS_PAGES)) console.log(`(no shared corpus at ${CORPUS_PAGES}: corpus pages skipped)`);

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
      const state = await stateOf(session, server, `${CORPUS_MOUNT}${file}`);
      scanMs.push(state.scanMs);
      if (state.covered) corpusLit++;
      console.log(`${state.covered ? 'FAIL covered' : 'ok   dark   '} score=${state.score.toFixed(2).padStart(6)} corpus/${file} (${state.scanMs} ms)`);
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
