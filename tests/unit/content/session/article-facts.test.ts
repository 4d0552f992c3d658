import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { NO_ARTICLE_FACTS, readArticleFacts } from '../../../../src/content/session/article-facts';
import { compilePackIndex } from '../../../../src/detect/pack-index';
import { scanDocument } from '../../../../src/detect/scan';
import { zeroTolerancePack } from '../../../../src/pack/packs/zero-tolerance';
import { scoreDated, type DatedLabel, type DatedOutcome } from '../../../../scripts/lib/dated-metrics';

const FIXTURES = join(import.meta.dirname, '../../../fixtures');
const labels: DatedLabel[] = JSON.parse(readFileSync(join(FIXTURES, 'dated-labels.json'), 'utf8'));
const index = compilePackIndex(zeroTolerancePack);

function factsOf(file: string, url = `https://news.example/${file}`) {
  const dom = new JSDOM(readFileSync(join(FIXTURES, file), 'utf8'), { url });
  const doc = dom.window.document;
  const scan = scanDocument(doc, index);
  const facts = scan.covered ? readArticleFacts(doc, scan.region ?? null, scan.model, index) : NO_ARTICLE_FACTS;
  return { scan, facts };
}

describe('article facts on the dated fixtures', () => {
  it('every dated page is a covered story', () => {
    const uncovered = labels.filter((l) => !factsOf(l.file).scan.covered).map((l) => l.file);
    expect(uncovered).toEqual([]);
  });

  it('reads the labelled dates and figures at the eval targets', () => {
    const outcomes = new Map<string, DatedOutcome>();
    for (const label of labels) {
      const { scan, facts } = factsOf(label.file);
      // The words the session shows are the text's own.
      expect(facts.figureTexts).toEqual(facts.figures.map((f) => scan.model.text.slice(f.start, f.end)));
      outcomes.set(label.file, {
        published: facts.published?.date ?? null,
        figures: facts.figures.map((f, i) => ({ measureId: f.measureId, count: f.count, text: facts.figureTexts[i]! })),
      });
    }
    const metrics = scoreDated(labels, outcomes);
    expect(metrics.misses).toEqual([]);
    expect(metrics.dateAccuracy).toBeGreaterThanOrEqual(0.95);
  });
});
