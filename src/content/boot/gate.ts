/**
 * The pack's gate: whether a page's text contains one of the topic's gate phrases. The loader
 * (src/content/boot/loader.ts) tests it inline on every page; what is here runs only beyond that, in the
 * engine host's script (entrypoints/page-host.ts): a huge page's text read in slices, and tests of
 * text that arrived later. Nothing topical: the phrases come from the pack at build time.
 */
import { gateTest, type Gate } from '../../detect/gate';
import { whenIdle } from '../when-idle';

export { gateTest, type Gate };

/**
 * Pages with more elements than this have their text read for the gate in slices, yielding to the
 * page in between: one textContent read of a book-length page is itself a long task. Counting
 * elements is one native call, cheap next to reading the text.
 */
export const SLICED_GATE_ELEMENTS = 20_000;
/** The longest a huge page's gate waits for the page to be idle before it starts. */
const IDLE_WAIT_MS = 1000;
/** Main-thread time per slice of the sliced gate, and text per gate test within it. */
const GATE_SLICE_MS = 8;
const GATE_CHUNK_CHARS = 65_536;
/** Characters carried from one chunk into the next, so a phrase split between them is still found. */
const GATE_CARRY_CHARS = 96;

/**
 * Whether the text under `root` contains a gate phrase. One native textContent read and one or
 * two native searches: no JavaScript runs per node, which matters because this always runs cold.
 * textContent joins inline elements ("zero <em>tolerance</em>" is found) and includes script
 * text; a false "yes" only costs a scan, which then reads visible article text only.
 */
export function passesGate(root: Node | null, gate: Gate): boolean {
  return gate.pattern === null || gateTest(gate)(root?.textContent ?? '');
}

/**
 * The gate on the whole document: at once, or on a huge page (see `isHugePage`) in slices that
 * start once the page is idle. A huge page's load leaves a lot for the browser to do first, a full
 * garbage collection of the previous document among them on a reload, and reading text then
 * would land Backstory's slices in the same tasks.
 */
export function gateOf(doc: Document, gate: Gate, now: () => number): { passed: boolean; ms: number } | Promise<{ passed: boolean; ms: number }> {
  if (doc.body && isHugePage(doc)) return hugePageGate(doc.body, gate, now);
  const t0 = now();
  const passed = passesGate(doc.body, gate);
  return { passed, ms: now() - t0 };
}

/** The gate on a page already known to be huge: in slices, once the page is idle. */
export function hugePageGate(body: HTMLElement, gate: Gate, now: () => number): Promise<{ passed: boolean; ms: number }> {
  return whenIdle(body.ownerDocument.defaultView, IDLE_WAIT_MS).then(() => passesGateInSlices(body, gate, now));
}

/** Whether the page is big enough that reading its text at once would hold it up. */
export function isHugePage(doc: Document): boolean {
  // The element count alone, which catches the 5 MB generated page (63,000 elements). Looking up the
  // navigation entry's size as well looked costly on small pages in a rough measurement.
  const body = doc.body;
  return !!body && body.getElementsByTagName('*').length > SLICED_GATE_ELEMENTS;
}

/**
 * `passesGate` in slices: text nodes are read in document order into chunks, each tested with the
 * end of the previous one carried over, yielding to the page whenever a slice has run its time.
 * Resolves with the answer and the main-thread time it took (pauses left out).
 */
export async function passesGateInSlices(body: Element, gate: Gate, now: () => number = () => performance.now()): Promise<{ passed: boolean; ms: number }> {
  if (gate.pattern === null) return { passed: true, ms: 0 };
  const test = gateTest(gate);
  const walker = body.ownerDocument.createTreeWalker(body, NodeFilter.SHOW_TEXT);
  let spent = 0;
  let sliceStart = now();
  let carry = '';
  let parts: string[] = [];
  let size = 0;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const data = (node as Text).data;
    parts.push(data);
    size += data.length;
    if (size < GATE_CHUNK_CHARS) continue;
    const chunk = carry + parts.join('');
    if (test(chunk)) return { passed: true, ms: spent + now() - sliceStart };
    carry = chunk.slice(-GATE_CARRY_CHARS);
    parts = [];
    size = 0;
    if (now() - sliceStart >= GATE_SLICE_MS) {
      spent += now() - sliceStart;
      await new Promise((resolve) => setTimeout(resolve, 0));
      sliceStart = now();
    }
  }
  const passed = test(carry + parts.join(''));
  return { passed, ms: spent + now() - sliceStart };
}

