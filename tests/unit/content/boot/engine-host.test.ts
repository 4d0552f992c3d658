/**
 * The engine host (src/content/boot/engine-host.ts): what it answers itself on a page without the
 * engine, what makes it load the engine, and whom it refuses. A fake raw runtime stands in for
 * the extension API; the engine is a recording stub.
 */
import { describe, expect, it, vi } from 'vitest';
import type { Engine, EngineModule, EngineReason } from '../../../../src/content/boot/contract';
import { createEngineHost, type GateState, type LoaderRuntime } from '../../../../src/content/boot/engine-host';
import type { RawTabListener } from '../../../../src/messages/tab-listener';

const ID = 'backstory-test-id';
const PAGE = 'https://news.example/story';

function setUp(options: { gateMs?: number } = {}) {
  const listeners = new Set<RawTabListener>();
  const runtime: { id?: string } & LoaderRuntime = {
    id: ID,
    getURL: (p) => `chrome-extension://${ID}${p}`,
    onMessage: { addListener: (l) => void listeners.add(l), removeListener: (l) => void listeners.delete(l) },
  };
  const gate: GateState = { startedAt: 10, ms: options.gateMs ?? 1.234, passed: false, inEvaluation: true, done: null };
  const starts: EngineReason[] = [];
  const handled: unknown[] = [];
  const engineStop = vi.fn();
  const engine: Engine = {
    handle: (m) => (handled.push(m), Promise.resolve({ from: 'engine', type: m.type })),
    debug: { shadowRoot: () => null, highlightMode: () => null, orphans: () => [], perf: async () => ({ mode: 'engine', scanStartedAt: 0, scanMs: 5, highlightMs: 0, cardShownAt: 0, stages: null, textLength: 0, covered: true, mentions: 1 }) },
    stop: engineStop,
  };
  const importEngine = vi.fn(async (): Promise<EngineModule> => ({ start: (o) => (starts.push(o.reason), engine) }));
  const hooks = { onBusy: vi.fn(), onStop: vi.fn() };
  // The host reads only the page's address.
  const doc = { location: { href: PAGE } } as unknown as Document;
  const host = createEngineHost(gate, { doc, runtime: () => (runtime.id ? runtime : null), importEngine }, hooks);
  /** Sends as tabs.sendMessage does: the reply, or undefined when no listener keeps the channel open. */
  const send = (message: unknown, sender: { id?: string } = { id: ID }) =>
    new Promise<unknown>((resolve) => {
      let kept = false;
      for (const l of [...listeners]) if (l(message, sender, resolve) === true) kept = true;
      if (!kept) resolve(undefined);
    });
  return { host, runtime, listeners, starts, handled, engineStop, importEngine, hooks, send };
}

describe('the engine host on a page without the engine', () => {
  it('answers the page state and a settings change itself, without loading the engine', async () => {
    const t = setUp();
    expect(t.host.listen()).toBe(true);
    expect(await t.send({ type: 'backstory:page-state' })).toEqual({ covered: false, score: 0, mentions: [], scanMs: 1.23, published: null, publishedConfidence: null, figures: [] });
    expect(await t.send({ type: 'backstory:settings-changed', settings: {} })).toBeNull();
    expect(t.importEngine).not.toHaveBeenCalled();
    expect(t.host.busy()).toBe(false);
  });

  it('loads the engine for notes changed on this page, not for another page', async () => {
    const t = setUp();
    t.host.listen();
    expect(await t.send({ type: 'backstory:notes-changed', url: 'https://other.example/' })).toBeNull();
    expect(t.importEngine).not.toHaveBeenCalled();
    expect(await t.send({ type: 'backstory:notes-changed', url: PAGE })).toBeNull();
    await vi.waitFor(() => expect(t.starts).toEqual(['noted']));
    expect(t.hooks.onBusy).toHaveBeenCalled();
  });

  it('loads the engine for a message only it can answer, and passes the message on', async () => {
    const t = setUp();
    t.host.listen();
    expect(await t.send({ type: 'backstory:page-summary' })).toEqual({ from: 'engine', type: 'backstory:page-summary' });
    expect(t.starts).toEqual(['message']);
    // Once loaded, even what the host could answer goes to the engine.
    expect(await t.send({ type: 'backstory:page-state' })).toEqual({ from: 'engine', type: 'backstory:page-state' });
    expect(t.importEngine).toHaveBeenCalledTimes(1);
  });

  it('loads the engine when the reader asks for the page anyway, and passes the asking on', async () => {
    const t = setUp();
    t.host.listen();
    expect(await t.send({ type: 'backstory:scan-anyway' })).toEqual({ from: 'engine', type: 'backstory:scan-anyway' });
    expect(t.starts).toEqual(['message']);
  });

  it('refuses other extensions, pages and types outside the protocol', async () => {
    const t = setUp();
    t.host.listen();
    expect(await t.send({ type: 'backstory:page-summary' }, { id: 'another-extension' })).toBeUndefined();
    expect(await t.send({ type: 'backstory:page-summary' }, {})).toBeUndefined();
    expect(await t.send({ type: 'backstory:format-disk' })).toBeUndefined();
    expect(await t.send('backstory:page-summary')).toBeUndefined();
    expect(t.importEngine).not.toHaveBeenCalled();
  });

  it('stops, and stops its engine, when a message finds its extension gone', async () => {
    const t = setUp();
    t.host.listen();
    await t.host.load('gate');
    delete t.runtime.id;
    expect(await t.send({ type: 'backstory:page-state' })).toBeUndefined();
    expect(t.hooks.onStop).toHaveBeenCalledTimes(1);
    expect(t.engineStop).toHaveBeenCalledTimes(1);
    // Stopped once: a later message is not answered and stops nothing again.
    expect(await t.send({ type: 'backstory:page-summary' })).toBeUndefined();
    expect(t.hooks.onStop).toHaveBeenCalledTimes(1);
    expect(t.handled).toEqual([]);
    expect(t.host.listen()).toBe(false);
  });

  it('stop() removes its listener while the extension is alive', () => {
    const t = setUp();
    t.host.listen();
    expect(t.listeners.size).toBe(1);
    t.host.stop();
    expect(t.listeners.size).toBe(0);
    expect(t.hooks.onStop).toHaveBeenCalledTimes(1);
  });

  it('reports the gate as its figures while idle, and the engine’s with its load time once loaded', async () => {
    const t = setUp({ gateMs: 2 });
    expect(await t.host.debug.perf()).toMatchObject({ mode: 'idle', scanMs: 2, stages: { textModel: 0, coverage: 2, mentions: 0 }, gateInEvaluation: true });
    await t.host.load('gate');
    const perf = await t.host.debug.perf();
    expect(perf).toMatchObject({ mode: 'engine', scanMs: 5, covered: true });
    expect(typeof perf.engineLoadMs).toBe('number');
  });
});
