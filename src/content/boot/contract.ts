/**
 * The hand-over between Backstory's separately loaded scripts in a page's isolated world: the
 * loader (every page), the engine host, the engine and the card UI (each a packaged script,
 * imported on first need), plus noted-page.js and the background's wake-up call. They share no
 * module instance, only `globalThis`; this file is the one place that names those globals and
 * says what each holds. Type-only imports keep it free of code, so the loader stays small.
 */
import type { createEngineHost } from './engine-host';
import type { gateOf, hugePageGate } from './gate';
import type { PageUi } from '../ui/page-ui';
import type { TabMessage } from '../../messages/protocol';

/** Why the engine was started. */
export type EngineReason = 'gate' | 'noted' | 'message';

export interface EngineStart {
  reason: EngineReason;
  /** performance.now() when the loader started reading the page, and how long the gate took. */
  gateStartedAt: number;
  gateMs: number;
}

/** The figures `npm run bench` reads (scripts/bench/page-run.ts), also for a page that never loaded the engine. */
export interface PagePerf {
  /** 'idle': only the loader ran. */
  mode: 'idle' | 'engine';
  /** Why the engine started (engine pages only). */
  reason?: EngineReason;
  /** Idle pages: whether the gate ran inside the loader's evaluation (false on a huge page, in slices). */
  gateInEvaluation?: boolean;
  scanStartedAt: number;
  scanEndedAt?: number;
  /**
   * The scan's slices of main-thread work ([start, end], performance.now()): a sliced scan spreads
   * over many tasks with the page's own in between, so the bench attributes long tasks by these.
   */
  slices?: Array<[number, number]>;
  scanMs: number;
  highlightMs: number;
  cardShownAt: number;
  /** When the last hover card's intent delay was up (pointer arrival + delay); 0 before any hover. */
  cardDueAt?: number;
  stages: { textModel: number; coverage: number; mentions: number } | null;
  textLength: number;
  covered: boolean;
  mentions: number;
  /** Mentions found but not drawn yet (a very long page draws them as the reader scrolls). */
  pendingMentions?: number;
  /** The last "Save note" → the note editor ready in the note frame (text box focusable), ms. */
  noteEditorReadyMs?: number | null;
  /** Wall time from asking for the engine to its module having run (includes fetching it). */
  engineLoadMs?: number;
}

/** What browser tests and the bench reach through the debug global (isolated world only). */
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

/** What entrypoints/page-engine.ts leaves for the engine host. */
export interface EngineModule {
  start(options: EngineStart): Engine;
}

/** What entrypoints/page-host.ts leaves for the loader. */
export interface HostModule {
  createEngineHost: typeof createEngineHost;
  gateOf: typeof gateOf;
  hugePageGate: typeof hugePageGate;
}

/** What entrypoints/page-ui.ts leaves for the session (src/content/ui/ui-loader.ts). */
export interface PageUiModule {
  PageUi: typeof PageUi;
}

/** What the loader offers Backstory's other scripts in this isolated world. */
export interface LoaderHandle {
  /** The page has saved notes (entrypoints/noted-page.ts): start the engine. */
  noted(): void;
  /**
   * Starts listening for Backstory's tab messages; false if this copy belongs to an extension that
   * was updated or removed. The background calls it through `scripting.executeScript` when a
   * message finds no listener (src/messages/tab-wake.ts), so a page nobody asks about never
   * touches the extension API at all.
   */
  listen(): Promise<boolean>;
  /** Loads and starts the engine once; null if it could not be loaded (or the loader stopped). */
  load(reason: EngineReason): Promise<Engine | null>;
  /** Stops watching, removes the listener, and stops the engine (which removes every highlight). */
  stop(): void;
}

/** Each hand-over global and what it holds. */
export interface HandOver {
  /** Set by the loader. */
  loader: LoaderHandle;
  /** Set by noted-page.js when it runs before the loader; the loader reads it once. */
  noted: true;
  /** Set by the loader, for browser tests and the bench. */
  debug: DebugHandle;
  /** Set by page-host.js. */
  host: HostModule;
  /** Set by page-engine.js. */
  engine: EngineModule;
  /** Set by page-ui.js. */
  pageUi: PageUiModule;
}

export type HandOverKey = keyof HandOver;

/**
 * The globals' names. Code in the extension reaches them through `handedOver`/`handOver`; a
 * function serialised into the page (tab-wake, test harnesses) gets its name as an argument.
 */
export const GLOBAL_NAMES = {
  loader: '__backstoryLoader',
  noted: '__backstoryNoted',
  debug: '__backstory',
  host: '__backstoryHost',
  engine: '__backstoryEngine',
  pageUi: '__backstoryPageUi',
} as const satisfies Record<HandOverKey, `__backstory${string}`>;

/** The packaged scripts, each of which leaves its module on the global of the same key. */
export const PACKAGED_SCRIPTS = {
  host: '/page-host.js',
  engine: '/page-engine.js',
  pageUi: '/page-ui.js',
} as const satisfies Partial<Record<HandOverKey, string>>;

export type PackagedKey = keyof typeof PACKAGED_SCRIPTS;

export function handedOver<K extends HandOverKey>(key: K): HandOver[K] | undefined {
  return (globalThis as Record<string, unknown>)[GLOBAL_NAMES[key]] as HandOver[K] | undefined;
}

export function handOver<K extends HandOverKey>(key: K, value: HandOver[K]): void {
  (globalThis as Record<string, unknown>)[GLOBAL_NAMES[key]] = value;
}

/** Removes a hand-over global (tests, between cases). */
export function withdraw(key: HandOverKey): void {
  delete (globalThis as Record<string, unknown>)[GLOBAL_NAMES[key]];
}
