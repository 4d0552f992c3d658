/**
 * One page visit: gate → article region → text model → mentions + coverage. An uncovered page
 * stops there (mentions = []); the content script highlights only when `covered`.
 *
 * The idle path: when the pack has a gate (a few word stems every covered article contains),
 * the first step is one TreeWalker pass over the body's text nodes testing each against the
 * gate. A page where no stem occurs is done after that pass (the result's model is empty);
 * costs about as much as a bare walk that reads every text node. Only a page with a stem
 * somewhere pays for the region, the text model and the phrase passes.
 */
import { articleRegion, isBoilerplate } from './article-region';
import { coverageFromMentions, notWeighed, passesGate, type CoverageResult } from './coverage';
import { findMentions, type Mention } from './mentions';
import { compiledGate } from './phrase-matcher';
import type { PackIndex } from './pack-index';
import { buildTextModel, type TextModel } from './text-model';

export interface ScanResult {
  covered: boolean;
  score: number;
  coverage: CoverageResult;
  model: TextModel;
  mentions: Mention[];
  /** Milliseconds per stage. */
  timings: { textModel: number; coverage: number; mentions: number };
}

export interface ScanOptions {
  /** Elements to leave out (the extension's own UI host). */
  skip?: (el: Element) => boolean;
  /** Clock for timings; defaults to performance.now. */
  now?: () => number;
}

export function scanDocument(doc: Document, index: PackIndex, options: ScanOptions = {}): ScanResult {
  const now = options.now ?? (() => performance.now());
  const t0 = now();
  if (!someTextPassesGate(doc.body ?? doc.documentElement, index)) {
    return { covered: false, score: 0, coverage: notWeighed(), model: EMPTY_MODEL(), mentions: [], timings: { textModel: 0, coverage: now() - t0, mentions: 0 } };
  }
  const model = buildTextModel(articleRegion(doc), { skip: options.skip, skipBlock: isBoilerplate });
  const t1 = now();
  if (!passesGate(model.text, index)) {
    // The stem was outside the article (a rail, a comment): still idle.
    return { covered: false, score: 0, coverage: notWeighed(), model, mentions: [], timings: { textModel: t1 - t0, coverage: now() - t1, mentions: 0 } };
  }
  // Entities count towards coverage, so names are matched before scoring: one native regex pass.
  const mentions = findMentions(model.text, index);
  const t2 = now();
  const coverage = coverageFromMentions(model.text, index, mentions);
  const t3 = now();
  return {
    covered: coverage.covered,
    score: coverage.score,
    coverage,
    model,
    mentions: coverage.covered ? mentions : [],
    timings: { textModel: t1 - t0, coverage: t3 - t2, mentions: t2 - t1 },
  };
}

const SHOW_TEXT = 4;
const EMPTY_MODEL = (): TextModel => ({ text: '', nodes: [], starts: [] });

/** How much of a neighbouring node is joined to a stem's node to catch a phrase split across them. */
const SPLIT_REACH = 60;

/**
 * Whether any text node under `root` contains a gate phrase (true when the pack has no gate).
 * Node by node, stopping at the first hit, so no string of the page is built: the cheap
 * prefilter sees every node once, the gate only nodes with a stem. A phrase split across inline
 * elements ("zero <em>tolerance</em>", "<a>separated</a> families") is caught by joining a stem's
 * node with the ends of its neighbours; a single word split in two ("sepa<b>rated</b>") is not.
 */
export function someTextPassesGate(root: Node, index: PackIndex): boolean {
  const compiled = compiledGate(index);
  if (compiled === null) return true;
  const { pattern: gate, prefilter } = compiled;
  const walker = (root.ownerDocument ?? (root as Document)).createTreeWalker(root, SHOW_TEXT);
  let previous = '';
  let carried = ''; // the end of the previous node, when it held a stem
  for (let node = walker.nextNode(); node !== null; node = walker.nextNode()) {
    const data = (node as Text).data;
    if (carried !== '' && gate.test(carried + data.slice(0, SPLIT_REACH))) return true;
    carried = '';
    if (prefilter === null || prefilter.test(data)) {
      if (gate.test(data) || gate.test(previous.slice(-SPLIT_REACH) + data)) return true;
      carried = data.slice(-SPLIT_REACH);
    }
    previous = data;
  }
  return false;
}
