/**
 * The bench's instruments (`npm run bench`, scripts/bench/page-run.ts), kept out of the session's
 * jobs: the session calls a `SessionProbe` at a few points, and does nothing when it has none.
 * The engine gives it the recording probe here, and hands the figures over in its debug handle
 * (the debug global of src/content/boot/contract.ts).
 */
import type { DebugHandle, EngineReason, PagePerf } from '../boot/contract';

/** The session's side of the hook. Times are performance.now() values. */
export interface SessionProbe {
  /** A full scan begins: the slices that follow belong to it. */
  scanStarted(): void;
  /** One slice of main-thread work of the current scan or of its drawing. */
  slice(start: number, end: number): void;
  /** The current scan and its first drawing are done (a cancelled scan never gets here). */
  scanDone(scan: { startedAt: number; endedAt: number; highlightMs: number }): void;
  /** A hover card's intent delay was up at `at`. */
  cardDue(at: number): void;
  /** A card was shown. */
  cardShown(at: number): void;
}

/** What the session tells the debug handle about its page. */
export interface SessionReadings {
  shadowRoot: ShadowRoot | null;
  highlightMode: string | null;
  orphanIds: string[];
  scanMs: number;
  stages: PagePerf['stages'];
  textLength: number;
  covered: boolean;
  mentions: number;
  pendingMentions: number;
  noteEditorReadyMs: number | null;
}

/** Slices kept per scan for the bench's attribution of long tasks; a 5 MB page makes a few hundred. */
const MAX_RECORDED_SLICES = 5000;

type Recorded = Pick<PagePerf, 'scanStartedAt' | 'scanEndedAt' | 'highlightMs' | 'cardShownAt' | 'cardDueAt' | 'slices'>;

export class BenchProbe implements SessionProbe {
  private current: Array<[number, number]> = [];
  private recorded: Recorded = { scanStartedAt: 0, scanEndedAt: 0, highlightMs: 0, cardShownAt: 0, cardDueAt: 0, slices: [] };

  scanStarted(): void {
    this.current = [];
  }

  slice(start: number, end: number): void {
    if (this.current.length < MAX_RECORDED_SLICES) this.current.push([start, end]);
  }

  scanDone(scan: { startedAt: number; endedAt: number; highlightMs: number }): void {
    this.recorded = { ...this.recorded, scanStartedAt: scan.startedAt, scanEndedAt: scan.endedAt, highlightMs: scan.highlightMs, slices: this.current };
  }

  cardDue(at: number): void {
    this.recorded.cardDueAt = at;
  }

  cardShown(at: number): void {
    this.recorded.cardShownAt = at;
  }

  /**
   * The debug handle for browser tests and the bench: the closed shadow root cannot be reached
   * any other way, and the figures wait for the first scan.
   */
  debugHandle(session: { readonly firstScan: Promise<void>; readings(): SessionReadings }, reason: EngineReason): DebugHandle {
    return {
      shadowRoot: () => session.readings().shadowRoot,
      highlightMode: () => session.readings().highlightMode,
      orphans: () => session.readings().orphanIds,
      perf: () =>
        session.firstScan.then((): PagePerf => {
          const { shadowRoot: _root, highlightMode: _mode, orphanIds: _orphans, ...figures } = session.readings();
          return { ...this.recorded, ...figures, mode: 'engine', reason };
        }),
    };
  }
}
