/**
 * One CDP session per page, opened before navigation and kept for the page's life: evaluates
 * in Backstory's isolated world (like the harness's `inContentScript`, without a new session
 * and `Runtime.enable` per call), traces the renderer, and reads the JS heap.
 */
import type { BrowserContext, CDPSession, Page } from 'playwright-core';
import { GLOBAL_NAMES } from '../../src/content/boot/contract';

interface ContextInfo {
  id: number;
  auxData?: { type?: string; frameId?: string };
}

/** A trace event as Chromium reports it (timestamps and durations in microseconds). */
export interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  tid: number;
  pid: number;
  args?: { data?: Record<string, unknown> } & Record<string, unknown>;
}

export class PageProbe {
  private readonly contexts = new Map<number, ContextInfo>();
  private backstoryContext: number | null = null;
  /** Contexts of documents navigated away from: never evaluated in again. */
  private readonly stale = new Set<number>();
  private traceEvents: TraceEvent[] = [];

  private constructor(readonly cdp: CDPSession) {
    cdp.on('Runtime.executionContextCreated', (e: { context: ContextInfo }) => this.contexts.set(e.context.id, e.context));
    cdp.on('Runtime.executionContextDestroyed', (e: { executionContextId: number }) => {
      this.contexts.delete(e.executionContextId);
      if (this.backstoryContext === e.executionContextId) this.backstoryContext = null;
    });
    cdp.on('Runtime.executionContextsCleared', () => {
      this.contexts.clear();
      this.backstoryContext = null;
    });
    cdp.on('Tracing.dataCollected', (e) => {
      for (const event of e.value as unknown as TraceEvent[]) this.traceEvents.push(event);
    });
  }

  static async attach(context: BrowserContext, page: Page): Promise<PageProbe> {
    const probe = new PageProbe(await context.newCDPSession(page));
    await probe.cdp.send('Runtime.enable');
    return probe;
  }

  /**
   * Evaluates `(b) => …` with `b` the debug global (GLOBAL_NAMES.debug) in the content script's isolated
   * world, waiting for the content script to appear.
   */
  async inBackstory<T>(fn: string, timeoutMs = 20_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    let lastError = '';
    while (Date.now() < deadline) {
      const ids = this.backstoryContext !== null
        ? [this.backstoryContext]
        : [...this.contexts.values()].filter((c) => c.auxData?.type === 'isolated' && !this.stale.has(c.id)).map((c) => c.id);
      for (const id of ids) {
        const result = (await this.cdp
          .send('Runtime.evaluate', {
            expression: `(async () => { const b = globalThis.${GLOBAL_NAMES.debug}; if (!b) return { __missing: true }; return await (${fn})(b); })()`,
            contextId: id,
            awaitPromise: true,
            returnByValue: true,
          })
          .catch((e: Error) => ({ exceptionDetails: { text: e.message } }))) as {
          result?: { value?: unknown };
          exceptionDetails?: { text?: string; exception?: { description?: string } };
        };
        if (result.exceptionDetails) {
          lastError = result.exceptionDetails.exception?.description ?? result.exceptionDetails.text ?? 'error';
          continue;
        }
        const value = result.result?.value as { __missing?: boolean } | undefined;
        if (value && typeof value === 'object' && value.__missing) continue;
        this.backstoryContext = id;
        return value as T;
      }
      await new Promise((r) => setTimeout(r, 20));
    }
    throw new Error(`Backstory's content script did not answer: ${lastError || 'no isolated world'}`);
  }

  /** Call before navigating: the next `inBackstory` answers from the new document only. */
  forgetDocument(): void {
    for (const id of this.contexts.keys()) this.stale.add(id);
    this.backstoryContext = null;
  }

  async startTrace(): Promise<void> {
    this.traceEvents = [];
    await this.cdp.send('Tracing.start', {
      // disabled-by-default-devtools.timeline: every main-thread task as DevTools shows it
      // (RunTask, including the microtask checkpoint after it, where Backstory's scan runs);
      // devtools.timeline: EvaluateScript, ParseHTML; blink.user_timing: our marks, which also
      // map trace time to performance.now().
      categories: 'disabled-by-default-devtools.timeline,devtools.timeline,blink.user_timing',
      transferMode: 'ReportEvents',
    } as never);
  }

  async stopTrace(): Promise<TraceEvent[]> {
    const done = new Promise<void>((resolve) => this.cdp.once('Tracing.tracingComplete', () => resolve()));
    await this.cdp.send('Tracing.end');
    await done;
    return this.traceEvents;
  }

  /** Used JS heap of the page's isolate (every world in it) after a full garbage collection. */
  async heapAfterGc(): Promise<number> {
    await this.cdp.send('HeapProfiler.collectGarbage');
    const usage = (await this.cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
    return usage.usedSize;
  }

  async detach(): Promise<void> {
    await this.cdp.detach().catch(() => undefined);
  }
}
