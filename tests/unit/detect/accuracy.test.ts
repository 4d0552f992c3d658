/**
 * Detection accuracy over the labelled fixture pages (and the shared corpus of real news pages,
 * all uncovered, when it is present), in process with jsdom. scripts/eval-detect.ts measures the
 * same in the built extension.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { JSDOM, VirtualConsole } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { compilePackIndex } from '../../../src/detect/pack-index';
import { scanDocument } from '../../../src/detect/scan';
import { zeroTolerancePack } from '../../../src/pack/packs/zero-tolerance';
import { describeVerdict, scoreDetection, summaryLine, type Label, type PageOutcome } from '../../../scripts/lib/detection-metrics';

const FIXTURES = resolve(import.meta.dirname, '../../fixtures');
const CORPUS = resolve(import.meta.dirname, '../../../../shared/corpus/pages');
const index = compilePackIndex(zeroTolerancePack);

function scanFile(path: string) {
  // Real pages carry CSS jsdom cannot parse; its complaints are noise here.
  const dom = new JSDOM(readFileSync(path, 'utf8'), { virtualConsole: new VirtualConsole() });
  const result = scanDocument(dom.window.document, index);
  dom.window.close();
  return result;
}

describe('detection accuracy on the labelled fixture pages', () => {
  const labels: Label[] = JSON.parse(readFileSync(join(FIXTURES, 'labels.json'), 'utf8'));
  const outcomes = new Map<string, PageOutcome>();
  for (const label of labels) {
    const result = scanFile(join(FIXTURES, label.file));
    outcomes.set(label.file, {
      file: label.file,
      covered: result.covered,
      score: result.score,
      mentions: result.mentions.map((m) => ({ entityId: m.entityId, text: m.text })),
    });
  }
  const metrics = scoreDetection(labels, outcomes);
  // DETECT_VERBOSE=1 lists every page with its score, to see the margins when tuning signals.
  const report = process.env.DETECT_VERBOSE
    ? metrics.verdicts
    : metrics.verdicts.filter((v) => v.expectedCovered !== v.covered || v.missed.length + v.extra.length > 0);
  console.log([summaryLine(metrics), ...report.map(describeVerdict)].join('\n'));

  it('has a corpus of at least 20 pages per category', () => {
    for (const category of ['covered', 'unrelated', 'nearmiss']) {
      expect(labels.filter((l) => l.file.startsWith(`pages/${category}/`)).length, category).toBeGreaterThanOrEqual(20);
    }
  });

  it('lights covered pages (precision ≥ 0.98, recall ≥ 0.95)', () => {
    expect(metrics.precision).toBeGreaterThanOrEqual(0.98);
    expect(metrics.recall).toBeGreaterThanOrEqual(0.95);
  });

  it('keeps every near miss dark', () => {
    const lit = metrics.verdicts.filter((v) => v.file.includes('/nearmiss/') && v.covered).map((v) => v.file);
    expect(lit).toEqual([]);
  });

  it('highlights the labelled names (precision ≥ 0.98, recall ≥ 0.95)', () => {
    expect(metrics.namePrecision).toBeGreaterThanOrEqual(0.98);
    expect(metrics.nameRecall).toBeGreaterThanOrEqual(0.95);
  });
});

const hasCorpus = existsSync(CORPUS);
if (!hasCorpus) console.log(`shared corpus not found at ${CORPUS}: skipping the real-page false-positive check`);

describe('detection on real news pages (shared corpus, none covered)', () => {
  it.skipIf(!hasCorpus)('lights none of them', () => {
    const files = readdirSync(CORPUS).filter((f) => f.endsWith('.html'));
    expect(files.length).toBeGreaterThan(0);
    const lit = files.filter((f) => scanFile(join(CORPUS, f)).covered);
    expect(lit).toEqual([]);
  }, 120_000);
});
