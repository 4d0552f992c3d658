/**
 * The pack's gate, as one test: whether a text contains one of the topic's gate phrases. Every
 * covered article contains one, so a page without any is done without the phrase passes. The
 * loader tests the page's text with it, the scanner the article's; the phrases come from the
 * pack (at build time for the loader), so nothing topical is here.
 */
import type { PackIndex } from './pack-index';
import { withoutSoftHyphens } from './soft-hyphens';

/** The gate as regex sources (flags 'i'), as the build hands it to the loader. */
export interface Gate {
  /** Null: the pack has no gate, and every text passes. */
  pattern: string | null;
  /** Stems a text must contain before the phrases are worth testing (null: test the phrases at once). */
  prefilter: string | null;
}

/** A compiled index's gate. */
export function gateOf(index: PackIndex): Gate {
  return { pattern: index.gatePattern, prefilter: index.gatePrefilter };
}

/**
 * The gate as a test of one text: the prefilter's few literal stems first, the phrases only where
 * a stem occurs. Each pattern is compiled on first use, so a text without a stem never compiles
 * the phrases. Soft hyphens are invisible on the page ("sep&shy;aration" reads "separation"), so
 * the text is tested without them.
 */
export function gateTest(gate: Gate): (text: string) => boolean {
  let prefilter: RegExp | undefined;
  let pattern: RegExp | undefined;
  return (raw) => {
    if (gate.pattern === null) return true;
    const text = withoutSoftHyphens(raw);
    if (gate.prefilter !== null && !(prefilter ??= new RegExp(gate.prefilter, 'i')).test(text)) return false;
    return (pattern ??= new RegExp(gate.pattern, 'i')).test(text);
  };
}

const indexTests = new WeakMap<PackIndex, (text: string) => boolean>();

/** `gateTest` of a compiled index, made once per index (a page's scans share its regexes). */
export function indexGateTest(index: PackIndex): (text: string) => boolean {
  let test = indexTests.get(index);
  if (!test) indexTests.set(index, (test = gateTest(gateOf(index))));
  return test;
}
