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
 * - the page has saved notes: the background registers entrypoints/noted-page.ts for the sites
 *   that have notes, where it asks once whether this page has any (src/background/noted-pages.ts);
 *   other sites' pages never ask;
 * - Backstory asks this tab something only the engine can answer (the popup's summary, "save
 *   note", keyboard navigation, "show note"), or says this page's notes changed.
 * Nothing topical is here: the gate comes from the pack at build time.
 */
import { handedOver, handOver, type DebugHandle, type Engine, type EngineReason, type HostModule, type LoaderHandle } from './contract';
import type { EngineHost, GateState, HostEnv, LoaderRuntime } from './engine-host';
import { SLICED_GATE_ELEMENTS, type Gate } from './gate';
import { importPackaged } from './packaged-script';
import { gateTest } from '../../detect/gate';

export type { Gate } from './gate';

export interface LoaderEnv extends HostEnv {
  /** Imports the engine host's module; the default fetches page-host.js from the extension. */
  importHost?: () => Promise<HostModule>;
}

/** Quiet time after the page's last change before the gate is tested again, doubling while it keeps changing. */
const RECHECK_MS = 1000;
const RECHECK_MAX_MS = 32_000;

/**
 * The extension API as the browser provides it (Firefox: `browser`; Chrome: `chrome`). Null where
 * there is no live extension context (an orphaned copy after an update).
 */
export function rawRuntime(): LoaderRuntime | null {
  const g = globalThis as { browser?: { runtime?: LoaderRuntime }; chrome?: { runtime?: LoaderRuntime } };
  const runtime = g.browser?.runtime?.id ? g.browser.runtime : g.chrome?.runtime;
  return runtime?.id ? runtime : null;
}

/** The loader's state, shared by the functions below; only `startLoader` runs on an idle page. */
interface Loader {
  gate: Gate;
  env: LoaderEnv;
  now: () => number;
  state: GateState;
  module: Promise<HostModule> | null;
  host: EngineHost | null;
  stopped: boolean;
  observer: MutationObserver | null;
  recheckTimer: ReturnType<typeof setTimeout> | null;
  recheckDelay: number;
  handle: LoaderHandle;
}

/** What a MutationObserver watching for late text listens to. */
const LATE_TEXT: MutationObserverInit = { childList: true, subtree: true, characterData: true };

/**
 * Everything the loader does on every page, synchronously: the gate, a watch for late text, and
 * two hand-over globals (contract.ts). Everything else is the engine host
 * (src/content/boot/engine-host.ts, entrypoints/page-host.ts: listening, answering, loading the
 * engine, the sliced gate), a separate script imported on first need.
 *
 * Small and straight-line on purpose: this script is compiled and run cold on every page, and
 * compiling it is most of what an idle page pays.
 */
export function startLoader(gate: Gate, env: LoaderEnv): LoaderHandle {
  const now = env.now ?? performance.now.bind(performance);
  const loader: Loader = {
    gate,
    env,
    now,
    state: { startedAt: now(), ms: 0, passed: false, inEvaluation: true, done: null },
    module: null,
    host: null,
    stopped: false,
    observer: null,
    recheckTimer: null,
    recheckDelay: RECHECK_MS,
    handle: {
      noted: () => void load(loader, 'noted'),
      listen: () => (loader.stopped ? Promise.resolve(false) : engineHostFor(loader).then((host) => host.listen(), () => false)),
      load: (reason) => load(loader, reason),
      stop: () => stopLoader(loader),
    },
  };
  handOver('loader', loader.handle);
  handOver('debug', {
    shadowRoot: () => loader.host?.debug.shadowRoot() ?? null,
    highlightMode: () => loader.host?.debug.highlightMode() ?? null,
    orphans: () => loader.host?.debug.orphans() ?? [],
    perf: () => engineHostFor(loader).then((host) => host.debug.perf()),
  } satisfies DebugHandle);

  const doc = env.doc;
  const body = doc.body;
  if (body && body.getElementsByTagName('*').length > SLICED_GATE_ELEMENTS) {
    // A huge page (gate.ts, isHugePage, inline): its text is read in slices, once the page is idle.
    loader.state.inEvaluation = false;
    loader.state.done = moduleOf(loader)
      .then((module) => module.hugePageGate(body, gate, now))
      .then(
        (result) => settle(loader, result),
        () => undefined,
      );
  } else {
    const passed = gateTest(gate)(body?.textContent ?? '');
    loader.state.passed = passed;
    loader.state.ms = now() - loader.state.startedAt;
    if (passed) void load(loader, 'gate');
    else watchForLateText(loader);
  }
  if (handedOver('noted')) loader.handle.noted();
  return loader.handle;
}

function moduleOf(loader: Loader): Promise<HostModule> {
  loader.module ??= (loader.env.importHost ?? (() => importHostScript(loader.env.runtime())))();
  // A failed import (an orphaned copy, or a hiccup) is tried again on the next need.
  loader.module.catch(() => (loader.module = null));
  return loader.module;
}

function engineHostFor(loader: Loader): Promise<EngineHost> {
  return moduleOf(loader).then(
    (module) => (loader.host ??= module.createEngineHost(loader.state, loader.env, { onBusy: () => unwatch(loader), onStop: () => stopLoader(loader) })),
  );
}

function load(loader: Loader, reason: EngineReason): Promise<Engine | null> {
  unwatch(loader);
  return engineHostFor(loader).then(
    (host) => (loader.stopped ? null : host.load(reason)),
    (e: unknown) => {
      // After an extension update this copy is orphaned and cannot load anything: bow out.
      if (!loader.env.runtime()?.id) stopLoader(loader);
      else console.warn('Backstory could not start on this page:', e);
      return null;
    },
  );
}

/**
 * The gate's answer on a huge page, read in slices after the loader's evaluation. Resolves once
 * the engine has been asked for, so that anything waiting for the gate (a message, the debug
 * figures) finds it loading.
 */
function settle(loader: Loader, result: { passed: boolean; ms: number }): Promise<void> | undefined {
  loader.state.passed = result.passed;
  loader.state.ms = result.ms;
  if (loader.stopped) return undefined;
  if (result.passed) return load(loader, 'gate').then(() => undefined);
  if (!loader.host?.busy()) watchForLateText(loader);
  return undefined;
}

/**
 * Text that arrives later (a live blog's first posts, a single-page app's next route) may make
 * the page pass the gate. A mutation only arms a timer; the gate is tested again after a quiet
 * second, less often while the page keeps changing.
 */
function watchForLateText(loader: Loader): void {
  const doc = loader.env.doc;
  const View = doc.defaultView;
  if (!doc.body || !View?.MutationObserver) return;
  loader.observer = new View.MutationObserver(() => {
    if (loader.recheckTimer === null) loader.recheckTimer = setTimeout(() => recheck(loader), loader.recheckDelay);
  });
  loader.observer.observe(doc.body, LATE_TEXT);
}

function recheck(loader: Loader): void {
  loader.recheckTimer = null;
  // An orphaned copy (the extension was updated or removed) bows out.
  if (!loader.env.runtime()?.id) return stopLoader(loader);
  void moduleOf(loader)
    .then((module) => module.gateOf(loader.env.doc, loader.gate, loader.now))
    .then(({ passed }) => {
      if (loader.stopped) return;
      if (passed) {
        loader.state.passed = true;
        void load(loader, 'gate');
      } else {
        loader.recheckDelay = Math.min(loader.recheckDelay * 2, RECHECK_MAX_MS);
      }
    }, () => undefined);
}

function unwatch(loader: Loader): void {
  loader.observer?.disconnect();
  loader.observer = null;
  if (loader.recheckTimer !== null) clearTimeout(loader.recheckTimer);
  loader.recheckTimer = null;
}

function stopLoader(loader: Loader): void {
  loader.stopped = true;
  unwatch(loader);
  loader.host?.stop();
}

/** The host's module (entrypoints/page-host.ts), a packaged script like the engine. */
function importHostScript(runtime: LoaderRuntime | null): Promise<HostModule> {
  return importPackaged(runtime, 'host', 'Backstory’s page host did not load.');
}
