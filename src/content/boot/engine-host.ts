/**
 * The loader's second half: what a page needs once Backstory has something to do there. It
 * listens for Backstory's tab messages, answers for an idle page itself, and imports and starts
 * the engine (entrypoints/page-engine.ts) when the gate passes, the page has notes, or a
 * message needs it.
 *
 * Kept apart from src/content/boot/loader.ts, which runs on every page: none of this is compiled, let
 * alone run, on a page that never passes the gate and is never asked anything (the loader
 * creates the host on first need).
 */
import type { PageState, TabMessage } from '../../messages/protocol';
import { notesChangedConcerns } from '../../messages/notes-changed';
import { answerTabMessage, createTabListener, type RawTabListener, type TabHandlers } from '../../messages/tab-listener';
import type { DebugHandle, Engine, EngineModule, EngineReason } from './contract';
import { importPackaged } from './packaged-script';

/** The slice of the WebExtension API the loader touches: the raw one, not the polyfill. */
export interface LoaderRuntime {
  readonly id?: string;
  getURL(path: string): string;
  onMessage: {
    addListener(listener: RawTabListener): void;
    removeListener(listener: RawTabListener): void;
  };
}

export interface HostEnv {
  doc: Document;
  /** The extension API, looked up only when needed (`rawRuntime` in the content script). */
  runtime: () => LoaderRuntime | null;
  /** Imports the engine module; the default fetches page-engine.js from the extension. */
  importEngine?: () => Promise<EngineModule>;
  now?: () => number;
}

/** What the loader's gate found; the loader fills it in, the host reads it. */
export interface GateState {
  /** performance.now() when the loader started reading the page. */
  startedAt: number;
  /** Main-thread time the gate took (pauses between slices left out). */
  ms: number;
  passed: boolean;
  /** False when the gate ran in slices after the loader's evaluation rather than inside it (a huge page). */
  inEvaluation: boolean;
  /** Settles once the gate is known: at once on most pages, after a few slices on a huge one. */
  done: Promise<void> | null;
}

export interface EngineHost {
  /** Starts listening for Backstory's tab messages; false if this copy's extension is gone. */
  listen(): boolean;
  /** Loads and starts the engine once; null if it could not be loaded (or the host stopped). */
  load(reason: EngineReason): Promise<Engine | null>;
  /** Whether the engine is loaded or loading. */
  busy(): boolean;
  /** Removes the listener and stops the engine (which removes every highlight). */
  stop(): void;
  debug: DebugHandle;
}

/**
 * `onBusy` runs when the engine starts loading (the loader stops watching for late text: the
 * engine watches the page itself); `onStop` when the host stops, also on its own when it finds
 * its extension gone.
 */
export function createEngineHost(gate: GateState, env: HostEnv, hooks: { onBusy(): void; onStop(): void }): EngineHost {
  const doc = env.doc;
  const now = env.now ?? (() => performance.now());
  const importEngine = env.importEngine ?? (() => importEngineScript(env.runtime()));
  let engine: Engine | null = null;
  let loading: Promise<Engine | null> | null = null;
  let stopped = false;
  let listening = false;
  let engineLoadMs: number | undefined;

  const listener = createTabListener(() => env.runtime()?.id, reply, stop);

  function listen(): boolean {
    const runtime = env.runtime();
    if (stopped || !runtime?.id) return false;
    if (!listening) runtime.onMessage.addListener(listener);
    listening = true;
    return true;
  }

  function stop(): void {
    if (stopped) return;
    stopped = true;
    if (listening) env.runtime()?.onMessage.removeListener(listener);
    listening = false;
    engine?.stop();
    engine = null;
    hooks.onStop();
  }

  function load(reason: EngineReason): Promise<Engine | null> {
    hooks.onBusy();
    // A page with the engine answers the popup, the context menu and notes saved elsewhere.
    listen();
    loading ??= (async () => {
      const t0 = now();
      try {
        const module = await importEngine();
        if (stopped) return null;
        engineLoadMs = now() - t0;
        engine = module.start({ reason, gateStartedAt: gate.startedAt, gateMs: gate.ms });
        return engine;
      } catch (e) {
        // After an extension update this copy is orphaned and cannot load anything: bow out.
        if (!env.runtime()?.id) stop();
        else console.warn('Backstory could not start on this page:', e);
        loading = null;
        return null;
      }
    })();
    return loading;
  }

  /** What the host answers itself while the page has no engine; every other message loads it. */
  const idle: TabHandlers = {
    'backstory:page-state': () => idleState(),
    // Settings matter only to a page the engine would run on; this one has nothing to redraw.
    'backstory:settings-changed': () => null,
    'backstory:notes-changed': (req) => {
      // A note for this page was saved elsewhere (another tab, an import): show it here too.
      if (notesChangedConcerns({ type: 'backstory:notes-changed', ...req })(doc.location?.href)) void load('noted');
      return null;
    },
  };

  async function reply(message: TabMessage): Promise<unknown> {
    await gate.done;
    if (engine || loading) return viaEngine(message);
    return answerTabMessage(idle, message) ?? viaEngine(message);
  }

  async function viaEngine(message: TabMessage): Promise<unknown> {
    const started = await load('message');
    return started ? started.handle(message) : undefined;
  }

  function idleState(): PageState {
    return { covered: false, score: 0, mentions: [], scanMs: Math.round(gate.ms * 100) / 100, published: null, publishedConfidence: null, figures: [] };
  }

  const debug: DebugHandle = {
    shadowRoot: () => engine?.debug.shadowRoot() ?? null,
    highlightMode: () => engine?.debug.highlightMode() ?? null,
    orphans: () => engine?.debug.orphans() ?? [],
    perf: async () => {
      await gate.done;
      const started = loading ? await loading : null;
      if (started) return { ...(await started.debug.perf()), engineLoadMs };
      return {
        mode: 'idle',
        scanStartedAt: gate.startedAt,
        scanMs: gate.ms,
        highlightMs: 0,
        cardShownAt: 0,
        stages: { textModel: 0, coverage: gate.ms, mentions: 0 },
        gateInEvaluation: gate.inEvaluation,
        textLength: 0,
        covered: false,
        mentions: 0,
      };
    },
  };

  return { listen, load, busy: () => engine !== null || loading !== null, stop, debug };
}

/** The engine's module (entrypoints/page-engine.ts), a packaged script. */
function importEngineScript(runtime: LoaderRuntime | null): Promise<EngineModule> {
  return importPackaged(runtime, 'engine', 'Backstory’s engine did not load.');
}
