/**
 * The content script every http(s) page gets (entrypoints/page-loader.ts), kept as small as a
 * content script can be, because its cost is paid on every page a reader opens.
 *
 * It reads the body's text once, natively, and searches it for the pack's gate (a few literal
 * stems). A page without a gate phrase, no saved notes and no question from Backstory is done
 * after that: no extension API call beyond one message listener, no polyfill, no engine. The
 * engine (entrypoints/page-engine.ts: scan, highlights, cards, notes) is imported only when:
 * - the gate passes, now or when text that arrives later passes it (live blogs, route changes);
 * - the page has saved notes: the background registers entrypoints/noted-page.ts for exactly
 *   those pages, so no page has to ask (src/background/noted-pages.ts);
 * - Backstory asks this tab something only the engine can answer (the popup's summary, "save
 *   note", keyboard navigation, "show note"), or says this page's notes changed.
 * Nothing topical is here: the gate comes from the pack at build time.
 */
import type { PageState, TabMessage, TabRequestType } from '../messages/protocol';
import { normalizePageUrl } from '../notes/url';

export interface Gate {
  /** Regex source, flags 'i'; null: the pack has no gate, every page goes on to the engine. */
  pattern: string | null;
  /** Regex source, flags 'i': stems a text must contain before the gate is worth testing. */
  prefilter: string | null;
}

/** Why the engine was started. */
export type EngineReason = 'gate' | 'noted' | 'message';

export interface EngineStart {
  reason: EngineReason;
  /** performance.now() when the loader started reading the page, and how long the gate took. */
  gateStartedAt: number;
  gateMs: number;
}

/** The figures `npm run bench` reads (scripts/bench), also for a page that never loaded the engine. */
export interface PagePerf {
  /** 'idle': only the loader ran. */
  mode: 'idle' | 'engine';
  /** Idle pages: whether the gate ran inside the loader's evaluation (false on a huge page, in slices). */
  gateInEvaluation?: boolean;
  scanStartedAt: number;
  scanMs: number;
  highlightMs: number;
  cardShownAt: number;
  stages: { textModel: number; coverage: number; mentions: number } | null;
  textLength: number;
  covered: boolean;
  mentions: number;
  /** Wall time from asking for the engine to its module having run (includes fetching it). */
  engineLoadMs?: number;
}

/** What browser tests and the bench reach through `globalThis.__backstory` (isolated world only). */
export interface DebugHandle {
  shadowRoot(): ShadowRoot | null;
  highlightMode(): string | null;
  orphans(): string[];
  perf(): Promise<PagePerf>;
}

export interface Engine {
  /** Answers a tab message with its raw reply; undefined when it has no handler for the type. */
  handle(message: TabMessage): Promise<unknown> | undefined;
  debug: DebugHandle;
  stop(): void;
}

export interface EngineModule {
  start(options: EngineStart): Engine;
}

/** Where entrypoints/page-engine.ts leaves its module, in the content script's isolated world. */
export const ENGINE_GLOBAL = '__backstoryEngine';
export const ENGINE_SCRIPT = '/page-engine.js';
/** Set by entrypoints/noted-page.ts when it runs before the loader. */
export const NOTED_FLAG = '__backstoryNoted';
/** Where the loader can be told that this page has notes, when noted-page.js runs after it. */
export const LOADER_GLOBAL = '__backstoryLoader';
export const DEBUG_GLOBAL = '__backstory';

/** The slice of the WebExtension API the loader touches: the raw one, not the polyfill. */
export interface LoaderRuntime {
  readonly id?: string;
  getURL(path: string): string;
  onMessage: {
    addListener(listener: RawListener): void;
    removeListener(listener: RawListener): void;
  };
}
type RawListener = (message: unknown, sender: { id?: string }, sendResponse: (reply: unknown) => void) => boolean | undefined;

export interface LoaderEnv {
  doc: Document;
  runtime: LoaderRuntime;
  /** Imports the engine module; the default fetches ENGINE_SCRIPT from the extension. */
  importEngine?: () => Promise<EngineModule>;
  now?: () => number;
}

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

export class PageLoader {
  private readonly doc: Document;
  private readonly runtime: LoaderRuntime;
  private readonly importEngine: () => Promise<EngineModule>;
  private readonly now: () => number;
  private engine: Engine | null = null;
  private loading: Promise<Engine | null> | null = null;
  private observer: MutationObserver | null = null;
  private recheckTimer: ReturnType<typeof setTimeout> | null = null;
  private recheckDelay = RECHECK_MS;
  private stopped = false;
  private gateStartedAt = 0;
  private gateMs = 0;
  private gated = false;
  /** The gate's answer: at once on most pages, after a few slices on a huge one. */
  private gateDone: Promise<void> = Promise.resolve();
  /** False when the gate ran in slices after the loader's evaluation rather than inside it. */
  private gateInEvaluation = true;
  private engineLoadMs: number | undefined;
  private readonly listener: RawListener = (message, sender, sendResponse) => this.onMessage(message, sender, sendResponse);

  constructor(
    private readonly gate: Gate,
    env: LoaderEnv,
  ) {
    this.doc = env.doc;
    this.runtime = env.runtime;
    this.now = env.now ?? (() => performance.now());
    this.importEngine = env.importEngine ?? (() => importEngineScript(this.runtime));
  }

  /** Everything the loader does on every page, synchronously. */
  start(): void {
    this.gateStartedAt = this.now();
    const gate = gateOf(this.doc, this.gate, this.now);
    this.runtime.onMessage.addListener(this.listener);
    const g = globalThis as Record<string, unknown>;
    g[DEBUG_GLOBAL] = this.debugHandle();
    g[LOADER_GLOBAL] = { noted: () => void this.load('noted') };
    if (g[NOTED_FLAG]) void this.load('noted');
    const settle = ({ passed, ms }: { passed: boolean; ms: number }) => {
      this.gated = passed;
      this.gateMs = ms;
      if (!this.stopped) this.afterGate();
    };
    if (!(gate instanceof Promise)) return settle(gate);
    this.gateInEvaluation = false;
    this.gateDone = gate.then(settle);
  }

  private afterGate(): void {
    if (this.gated) void this.load('gate');
    else if (!this.loading) this.watchForLateText();
  }

  /** Removes the listener and observer, and stops the engine (which removes every highlight). */
  stop(): void {
    this.stopped = true;
    this.runtime.onMessage.removeListener(this.listener);
    this.unwatch();
    this.engine?.stop();
    this.engine = null;
  }

  /** Loads and starts the engine once; null if it could not be loaded (or the loader stopped). */
  load(reason: EngineReason): Promise<Engine | null> {
    this.unwatch();
    this.loading ??= (async () => {
      const t0 = this.now();
      try {
        const module = await this.importEngine();
        if (this.stopped) return null;
        this.engineLoadMs = this.now() - t0;
        this.engine = module.start({ reason, gateStartedAt: this.gateStartedAt, gateMs: this.gateMs });
        return this.engine;
      } catch (e) {
        // After an extension update this copy is orphaned and cannot load anything: bow out.
        if (!this.runtime.id) this.stop();
        else console.warn('Backstory could not start on this page:', e);
        this.loading = null;
        return null;
      }
    })();
    return this.loading;
  }

  private onMessage(message: unknown, sender: { id?: string }, sendResponse: (reply: unknown) => void): boolean | undefined {
    if (!this.runtime.id) {
      this.stop();
      return undefined;
    }
    // Only Backstory's own background and pages may ask (never another extension).
    if (sender.id !== this.runtime.id || !message || typeof message !== 'object') return undefined;
    const type = (message as { type?: unknown }).type;
    if (typeof type !== 'string' || !type.startsWith('backstory:')) return undefined;
    this.reply(message as TabMessage).then(sendResponse, () => sendResponse(undefined));
    // Keep the channel open for the asynchronous reply.
    return true;
  }

  private async reply(message: TabMessage): Promise<unknown> {
    await this.gateDone;
    if (this.engine || this.loading) return this.viaEngine(message);
    switch (message.type as TabRequestType) {
      case 'backstory:page-state':
        return Promise.resolve(this.idleState());
      case 'backstory:settings-changed':
        // Settings matter only to a page the engine would run on; this one has nothing to redraw.
        return Promise.resolve(null);
      case 'backstory:notes-changed': {
        // A note for this page was saved elsewhere (another tab, an import): show it here too.
        const { url, urls } = message as TabMessage<'backstory:notes-changed'>;
        const pages = urls ?? (url === undefined ? null : [url]);
        const here = normalizePageUrl(this.doc.location?.href ?? '');
        if (pages === null || pages.some((u) => normalizePageUrl(u) === here)) void this.load('noted');
        return Promise.resolve(null);
      }
      default:
        return this.viaEngine(message);
    }
  }

  private async viaEngine(message: TabMessage): Promise<unknown> {
    const engine = await this.load('message');
    return engine ? engine.handle(message) : undefined;
  }

  private idleState(): PageState {
    return { covered: false, score: 0, mentions: [], scanMs: Math.round(this.gateMs * 100) / 100 };
  }

  /**
   * Text that arrives later (a live blog's first posts, a single-page app's next route) may make
   * the page pass the gate. A mutation only arms a timer; the gate is tested again after a quiet
   * second, less often while the page keeps changing.
   */
  private watchForLateText(): void {
    const body = this.doc.body;
    const View = this.doc.defaultView;
    if (!body || !View?.MutationObserver) return;
    this.observer = new View.MutationObserver(() => {
      if (this.recheckTimer !== null) return;
      this.recheckTimer = setTimeout(() => this.recheck(), this.recheckDelay);
    });
    this.observer.observe(body, { childList: true, subtree: true, characterData: true });
  }

  private recheck(): void {
    this.recheckTimer = null;
    if (!this.runtime.id) return this.stop();
    void Promise.resolve(gateOf(this.doc, this.gate, this.now)).then(({ passed }) => {
      if (this.stopped) return;
      if (passed) {
        this.gated = true;
        void this.load('gate');
      } else {
        this.recheckDelay = Math.min(this.recheckDelay * 2, RECHECK_MAX_MS);
      }
    });
  }

  private unwatch(): void {
    this.observer?.disconnect();
    this.observer = null;
    if (this.recheckTimer !== null) clearTimeout(this.recheckTimer);
    this.recheckTimer = null;
  }

  private debugHandle(): DebugHandle {
    return {
      shadowRoot: () => this.engine?.debug.shadowRoot() ?? null,
      highlightMode: () => this.engine?.debug.highlightMode() ?? null,
      orphans: () => this.engine?.debug.orphans() ?? [],
      perf: async () => {
        await this.gateDone;
        const engine = this.loading ? await this.loading : null;
        if (engine) return { ...(await engine.debug.perf()), engineLoadMs: this.engineLoadMs };
        return {
          mode: 'idle',
          scanStartedAt: this.gateStartedAt,
          scanMs: this.gateMs,
          highlightMs: 0,
          cardShownAt: 0,
          stages: { textModel: 0, coverage: this.gateMs, mentions: 0 },
          gateInEvaluation: this.gateInEvaluation,
          textLength: 0,
          covered: false,
          mentions: 0,
        };
      },
    };
  }
}

/**
 * The engine is a separate script in the extension (web-accessible with a per-session URL, so
 * pages cannot probe for it), imported into this isolated world; it leaves its module on a global.
 */
async function importEngineScript(runtime: LoaderRuntime): Promise<EngineModule> {
  const g = globalThis as Record<string, unknown>;
  if (!g[ENGINE_GLOBAL]) await import(/* @vite-ignore */ runtime.getURL(ENGINE_SCRIPT));
  const module = g[ENGINE_GLOBAL] as EngineModule | undefined;
  if (!module) throw new Error('Backstory’s engine did not load.');
  return module;
}
