/**
 * The content script every http(s) page gets (entrypoints/page-loader.ts), kept as small as a
 * content script can be, because its cost is paid on every page a reader opens.
 *
 * It reads the body's text once, natively, and searches it for the pack's gate (a few literal
 * stems). A page without a gate phrase, no saved notes and no question from Backstory is done
 * after that: no extension API call at all (not even a message listener: the background wakes
 * the loader through `scripting.executeScript` when it has something to ask, see
 * src/messages/tab-wake.ts), no polyfill, no engine. The engine (entrypoints/page-engine.ts:
 * scan, highlights, cards, notes) is imported only when:
 * - the gate passes, now or when text that arrives later passes it (live blogs, route changes);
 * - the page has saved notes: the background registers entrypoints/noted-page.ts for exactly
 *   those pages, so no page has to ask (src/background/noted-pages.ts);
 * - Backstory asks this tab something only the engine can answer (the popup's summary, "save
 *   note", keyboard navigation, "show note"), or says this page's notes changed.
 * Nothing topical is here: the gate comes from the pack at build time.
 */
import { createEngineHost, type DebugHandle, type EngineHost, type EngineReason, type Engine, type GateState, type HostEnv, type LoaderRuntime } from './engine-host';

export interface Gate {
  /** Regex source, flags 'i'; null: the pack has no gate, every page goes on to the engine. */
  pattern: string | null;
  /** Regex source, flags 'i': stems a text must contain before the gate is worth testing. */
  prefilter: string | null;
}

/** Set by entrypoints/noted-page.ts when it runs before the loader. */
export const NOTED_FLAG = '__backstoryNoted';
/** The loader's LoaderHandle: noted-page.js calls `noted()`, the background `listen()`. */
export const LOADER_GLOBAL = '__backstoryLoader';
export const DEBUG_GLOBAL = '__backstory';

export type LoaderEnv = HostEnv;

/**
 * Pages with more elements than this have their text read for the gate in slices, yielding to the
 * page in between: one textContent read of a book-length page is itself a long task. Counting
 * elements is one native call, cheap next to reading the text.
 */
const SLICED_GATE_ELEMENTS = 20_000;
/** Main-thread time per slice of the sliced gate, and text per gate test within it. */
const GATE_SLICE_MS = 8;
const GATE_CHUNK_CHARS = 65_536;
/** Characters carried from one chunk into the next, so a phrase split between them is still found. */
const GATE_CARRY_CHARS = 96;

/** Quiet time after the page's last change before the gate is tested again, doubling while it keeps changing. */
const RECHECK_MS = 1000;
const RECHECK_MAX_MS = 32_000;

/** The extension API as the browser provides it (Firefox: `browser`; Chrome: `chrome`). */
export function rawRuntime(): LoaderRuntime | null {
  const g = globalThis as { browser?: { runtime?: LoaderRuntime }; chrome?: { runtime?: LoaderRuntime } };
  const runtime = g.browser?.runtime?.id ? g.browser.runtime : g.chrome?.runtime;
  return runtime?.id ? runtime : null;
}

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
 * The gate as a test of one text: the prefilter's stems first, the phrases only where a stem
 * occurs. Each pattern is compiled on its first use, so a text without a stem never compiles the
 * phrases.
 */
function gateTest(gate: Gate): (text: string) => boolean {
  let prefilter: RegExp | undefined;
  let pattern: RegExp | undefined;
  return (text) => {
    if (gate.pattern === null) return true;
    if (gate.prefilter !== null && !(prefilter ??= new RegExp(gate.prefilter, 'i')).test(text)) return false;
    return (pattern ??= new RegExp(gate.pattern, 'i')).test(text);
  };
}

/** The gate on the whole document: at once, or in slices on a huge page (see `isHugePage`). */
function gateOf(doc: Document, gate: Gate, now: () => number): { passed: boolean; ms: number } | Promise<{ passed: boolean; ms: number }> {
  if (doc.body && isHugePage(doc)) return passesGateInSlices(doc.body, gate, now);
  const t0 = now();
  const passed = passesGate(doc.body, gate);
  return { passed, ms: now() - t0 };
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

/** What the loader's global (LOADER_GLOBAL) offers Backstory's other scripts in this isolated world. */
export interface LoaderHandle {
  /** The page has saved notes (entrypoints/noted-page.ts): start the engine. */
  noted(): void;
  /**
   * Starts listening for Backstory's tab messages; false if this copy belongs to an extension that
   * was updated or removed. The background calls it through `scripting.executeScript` when a
   * message finds no listener (src/messages/tab-wake.ts), so a page nobody asks about never
   * touches the extension API at all.
   */
  listen(): boolean;
  /** Loads and starts the engine once; null if it could not be loaded (or the loader stopped). */
  load(reason: EngineReason): Promise<Engine | null>;
  /** Stops watching, removes the listener, and stops the engine (which removes every highlight). */
  stop(): void;
}

/**
 * Everything the loader does on every page, synchronously: the gate, a watch for late text, and
 * two globals. The rest (listening, answering, loading the engine) is the engine host
 * (src/page/engine-host.ts), created on first need. Every function this path calls is compiled
 * cold on every page, so it calls few and small ones: a class holding all of it cost an idle page
 * about a millisecond more (npm run bench).
 */
export function startLoader(gate: Gate, env: LoaderEnv): LoaderHandle {
  const doc = env.doc;
  const now = env.now ?? (() => performance.now());
  const state: GateState = { startedAt: now(), ms: 0, passed: false, inEvaluation: true, done: null };
  let host: EngineHost | null = null;
  let stopped = false;
  let observer: MutationObserver | null = null;
  let recheckTimer: ReturnType<typeof setTimeout> | null = null;
  let recheckDelay = RECHECK_MS;

  const hostOf = () => (host ??= createEngineHost(state, env, { onBusy: unwatch, onStop: () => handle.stop() }));
  const handle: LoaderHandle = {
    noted: () => void hostOf().load('noted'),
    listen: () => !stopped && hostOf().listen(),
    load: (reason) => hostOf().load(reason),
    stop: () => {
      stopped = true;
      unwatch();
      host?.stop();
    },
  };
  const debug: DebugHandle = {
    shadowRoot: () => host?.debug.shadowRoot() ?? null,
    highlightMode: () => host?.debug.highlightMode() ?? null,
    orphans: () => host?.debug.orphans() ?? [],
    perf: () => hostOf().debug.perf(),
  };

  /**
   * Text that arrives later (a live blog's first posts, a single-page app's next route) may make
   * the page pass the gate. A mutation only arms a timer; the gate is tested again after a quiet
   * second, less often while the page keeps changing.
   */
  function watchForLateText(): void {
    const body = doc.body;
    const View = doc.defaultView;
    if (!body || !View?.MutationObserver) return;
    observer = new View.MutationObserver(() => {
      if (recheckTimer === null) recheckTimer = setTimeout(recheck, recheckDelay);
    });
    observer.observe(body, { childList: true, subtree: true, characterData: true });
  }

  function recheck(): void {
    recheckTimer = null;
    // An orphaned copy (the extension was updated or removed) bows out.
    if (!env.runtime()?.id) return handle.stop();
    void Promise.resolve(gateOf(doc, gate, now)).then(({ passed }) => {
      if (stopped) return;
      if (passed) {
        state.passed = true;
        void hostOf().load('gate');
      } else {
        recheckDelay = Math.min(recheckDelay * 2, RECHECK_MAX_MS);
      }
    });
  }

  function unwatch(): void {
    observer?.disconnect();
    observer = null;
    if (recheckTimer !== null) clearTimeout(recheckTimer);
    recheckTimer = null;
  }

  function settle(result: { passed: boolean; ms: number }): void {
    state.passed = result.passed;
    state.ms = result.ms;
    if (stopped) return;
    if (result.passed) void hostOf().load('gate');
    else if (!host?.busy()) watchForLateText();
  }

  const g = globalThis as Record<string, unknown>;
  g[DEBUG_GLOBAL] = debug;
  g[LOADER_GLOBAL] = handle;
  const result = gateOf(doc, gate, now);
  if (result instanceof Promise) {
    state.inEvaluation = false;
    state.done = result.then(settle);
  } else {
    settle(result);
  }
  if (g[NOTED_FLAG]) handle.noted();
  return handle;
}
