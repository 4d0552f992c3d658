/**
 * The loader (src/content/boot/loader.ts) and its engine host (src/content/boot/engine-host.ts): what every page
 * pays, and when the engine is started. A fake runtime stands in for the extension API; the engine
 * is a recording stub module. Messages reach an idle loader only once it is woken, as the
 * background does through `scripting.executeScript` (src/messages/tab-wake.ts).
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { LoaderRuntime } from '../../../../src/content/boot/engine-host';
import { GLOBAL_NAMES, handedOver, handOver, withdraw, type Engine, type EngineModule, type EngineStart, type LoaderHandle } from '../../../../src/content/boot/contract';
import { createEngineHost } from '../../../../src/content/boot/engine-host';
import { gateOf, hugePageGate, isHugePage, passesGate, passesGateInSlices } from '../../../../src/content/boot/gate';
import { startLoader, type Gate } from '../../../../src/content/boot/loader';
import { listenInPage } from '../../../../src/messages/tab-wake';

const GATE: Gate = { pattern: 'zero[\\s-]+tolerance|family[\\s-]+separation', prefilter: 'toleran|separat' };
const ID = 'backstory-test-id';

type Listener = Parameters<LoaderRuntime['onMessage']['addListener']>[0];

function fakeRuntime() {
  const listeners = new Set<Listener>();
  const runtime: LoaderRuntime & { id?: string } = {
    id: ID,
    getURL: (p) => `chrome-extension://${ID}${p}`,
    onMessage: { addListener: (l) => void listeners.add(l), removeListener: (l) => void listeners.delete(l) },
  };
  /** Sends like tabs.sendMessage: resolves with the reply, or undefined when no listener answers. */
  const send = (message: unknown, sender = { id: ID }) =>
    new Promise<unknown>((resolve) => {
      let kept = false;
      for (const l of listeners) if (l(message, sender, resolve) === true) kept = true;
      if (!kept) resolve(undefined);
    });
  /** How often the loader looked up the extension API. */
  const lookups = { count: 0 };
  const getter = () => (lookups.count++, runtime);
  return { runtime, getter, lookups, listeners, send };
}

/** Starts a loader on `doc` as entrypoints/page-loader.ts does, with the fake runtime and a stub engine. */
function boot(doc: Document, fake: ReturnType<typeof fakeRuntime>, stub: ReturnType<typeof stubEngine>): LoaderHandle {
  return startLoader(GATE, { doc, runtime: fake.getter, importEngine: stub.importEngine, importHost: async () => ({ createEngineHost, gateOf, hugePageGate }) });
}

/** What the background does before its first message to an idle page (src/messages/tab-wake.ts). */
function wake(): Promise<boolean> {
  return Promise.resolve(listenInPage(GLOBAL_NAMES.loader));
}

function stubEngine() {
  const starts: EngineStart[] = [];
  const handled: unknown[] = [];
  const stop = vi.fn();
  const engine: Engine = {
    handle: (m) => {
      handled.push(m);
      return Promise.resolve({ from: 'engine', type: m.type });
    },
    debug: {
      shadowRoot: () => null,
      highlightMode: () => 'highlight-api',
      orphans: () => [],
      perf: async () => ({ mode: 'engine', scanStartedAt: 1, scanMs: 2, highlightMs: 0, cardShownAt: 0, stages: null, textLength: 5, covered: true, mentions: 3 }),
    },
    stop,
  };
  const importEngine = vi.fn(async (): Promise<EngineModule> => ({ start: (o) => (starts.push(o), engine) }));
  return { starts, handled, stop, importEngine };
}

function page(html: string): Document {
  document.body.innerHTML = html;
  return document;
}

afterEach(() => {
  withdraw('noted');
  withdraw('loader');
  withdraw('debug');
  vi.useRealTimers();
});

describe('passesGate', () => {
  it('finds a gate phrase across inline elements and ignores its absence', () => {
    expect(passesGate(page('<p>The <em>zero</em> tolerance policy</p>').body, GATE)).toBe(true);
    expect(passesGate(page('<p>Stocks rose on Tuesday.</p>').body, GATE)).toBe(false);
    // The prefilter's stem alone is not enough: the phrase itself must be there.
    expect(passesGate(page('<p>A separate tolerance test.</p>').body, GATE)).toBe(false);
  });

  it('reads a gate phrase hyphenated with soft hyphens as the page shows it', () => {
    expect(passesGate(page('<p>The zero tol&shy;er&shy;ance policy</p>').body, GATE)).toBe(true);
    expect(passesGate(page('<p>Fam&shy;i&shy;ly sep&shy;a&shy;ra&shy;tion</p>').body, GATE)).toBe(true);
    expect(passesGate(page('<p>A sep&shy;a&shy;rate tol&shy;er&shy;ance test.</p>').body, GATE)).toBe(false);
  });

  it('lets every page through when the pack has no gate', () => {
    expect(passesGate(page('<p>Anything</p>').body, { pattern: null, prefilter: null })).toBe(true);
  });
});

describe('the gate on a huge page', () => {
  /** `count` paragraphs of filler, each its own text node, with `insert` at paragraph `at`. */
  function bigBody(count: number, at = -1, insert = ''): HTMLElement {
    const doc = document.implementation.createHTMLDocument('big');
    const filler = 'Markets rose on Tuesday as investors weighed earnings and consumer data. '.repeat(4);
    for (let i = 0; i < count; i++) {
      const p = doc.createElement('p');
      p.textContent = i === at ? insert : filler;
      doc.body.append(p);
    }
    return doc.body;
  }

  it('reads the text in slices, finds a phrase split across two chunks, and yields in between', async () => {
    // ~300 chars per paragraph: a 64 K chunk closes about every 220 paragraphs.
    const body = bigBody(2000);
    const paragraphs = body.querySelectorAll('p');
    // Find where the first chunk closes and split the phrase there.
    let size = 0;
    let split = 0;
    while (size < 65_536) size += paragraphs[split++]!.textContent!.length;
    paragraphs[split - 1]!.textContent = `${paragraphs[split - 1]!.textContent} the zero`;
    paragraphs[split]!.textContent = ` tolerance policy ${paragraphs[split]!.textContent}`;
    let clock = 0;
    // Each look at the clock advances it 5 ms, so a slice ends after every chunk or two.
    const tick = () => (clock += 5);
    const found = await passesGateInSlices(body, GATE, tick);
    expect(found.passed).toBe(true);
    expect(passesGate(body, GATE)).toBe(true);

    const timers = vi.spyOn(globalThis, 'setTimeout');
    const absent = await passesGateInSlices(bigBody(2000), GATE, tick);
    expect(absent.passed).toBe(false);
    expect(timers.mock.calls.length).toBeGreaterThan(1);
    timers.mockRestore();
  });

  it('agrees with the one-read gate wherever the phrase is', async () => {
    for (const at of [0, 777, 1999]) {
      const body = bigBody(2000, at, 'Children were separated from their parents under the zero-tolerance policy.');
      expect((await passesGateInSlices(body, GATE)).passed).toBe(true);
    }
  });

  it('counts a page as huge by its number of elements (jsdom has no navigation timing)', () => {
    expect(isHugePage(bigBody(100).ownerDocument)).toBe(false);
    expect(isHugePage(bigBody(20_001).ownerDocument)).toBe(true);
  });

  it('on a huge page that passes the gate, whoever waits for the gate finds the engine started', async () => {
    const fake = fakeRuntime();
    const stub = stubEngine();
    const body = bigBody(20_001, 15_000, 'The zero tolerance policy separated families.');
    boot(body.ownerDocument, fake, stub);
    const perf = await handedOver('debug')!.perf();
    expect(perf).toMatchObject({ mode: 'engine', covered: true });
    expect(stub.starts.map((s) => s.reason)).toEqual(['gate']);
  });

  it('lets the loader finish its evaluation first, then answers once the gate is known', async () => {
    const fake = fakeRuntime();
    const stub = stubEngine();
    const body = bigBody(20_001);
    boot(body.ownerDocument, fake, stub);
    const perf = await handedOver('debug')!.perf();
    expect(perf).toMatchObject({ mode: 'idle', gateInEvaluation: false });
    expect(await wake()).toBe(true);
    expect(await fake.send({ type: 'backstory:page-state' })).toMatchObject({ covered: false });
    expect(stub.importEngine).not.toHaveBeenCalled();
  });
});

describe('the loader on a page without the topic', () => {
  it('touches no extension API and registers no listener until Backstory wakes it', async () => {
    const fake = fakeRuntime();
    const stub = stubEngine();
    boot(page('<p>Stocks rose on Tuesday.</p>'), fake, stub);
    expect(fake.lookups.count).toBe(0);
    expect(fake.listeners.size).toBe(0);
    // Nothing answers yet, as with tabs.sendMessage to a tab without a listener.
    expect(await fake.send({ type: 'backstory:page-state' })).toBeUndefined();
    expect(await wake()).toBe(true);
    expect(await wake()).toBe(true);
    expect(fake.listeners.size).toBe(1);
    expect(await fake.send({ type: 'backstory:page-state' })).toMatchObject({ covered: false });
  });

  it('answers page-state itself once woken, and never loads the engine', async () => {
    const fake = fakeRuntime();
    const stub = stubEngine();
    boot(page('<p>Stocks rose on Tuesday.</p>'), fake, stub);
    await wake();
    const state = (await fake.send({ type: 'backstory:page-state' })) as { covered: boolean; mentions: unknown[] };
    expect(state).toMatchObject({ covered: false, score: 0, mentions: [] });
    expect(await fake.send({ type: 'backstory:settings-changed', settings: {} })).toBeNull();
    expect(await fake.send({ type: 'backstory:notes-changed', url: 'https://elsewhere.example/' })).toBeNull();
    expect(stub.importEngine).not.toHaveBeenCalled();
    const perf = await handedOver('debug')!.perf();
    expect(perf).toMatchObject({ mode: 'idle', covered: false, mentions: 0 });
  });

  it('ignores messages from other extensions and messages that are not its own', async () => {
    const fake = fakeRuntime();
    const stub = stubEngine();
    boot(page('<p>Stocks.</p>'), fake, stub);
    await wake();
    expect(await fake.send({ type: 'backstory:page-summary' }, { id: 'other-extension' })).toBeUndefined();
    expect(await fake.send({ type: 'page:boot' })).toBeUndefined();
    expect(await fake.send('backstory:page-state')).toBeUndefined();
    expect(stub.importEngine).not.toHaveBeenCalled();
  });

  it('loads the engine for what only the engine can answer, once, and passes the message on', async () => {
    const fake = fakeRuntime();
    const stub = stubEngine();
    boot(page('<p>Stocks.</p>'), fake, stub);
    await wake();
    const [a, b] = await Promise.all([fake.send({ type: 'backstory:page-summary' }), fake.send({ type: 'backstory:note-selection' })]);
    expect(a).toEqual({ from: 'engine', type: 'backstory:page-summary' });
    expect(b).toEqual({ from: 'engine', type: 'backstory:note-selection' });
    expect(stub.importEngine).toHaveBeenCalledTimes(1);
    expect(stub.starts.map((s) => s.reason)).toEqual(['message']);
    // From now on the engine answers everything, page-state included.
    expect(await fake.send({ type: 'backstory:page-state' })).toEqual({ from: 'engine', type: 'backstory:page-state' });
  });

  it('starts the engine when a note for this page changes elsewhere', async () => {
    const fake = fakeRuntime();
    const stub = stubEngine();
    const doc = page('<p>Stocks.</p>');
    boot(doc, fake, stub);
    await wake();
    await fake.send({ type: 'backstory:notes-changed', urls: ['https://elsewhere.example/a', 'https://elsewhere.example/b'] });
    expect(stub.importEngine).not.toHaveBeenCalled();
    await fake.send({ type: 'backstory:notes-changed', urls: ['https://elsewhere.example/a', `${doc.location.href}#section`] });
    await vi.waitFor(() => expect(stub.starts.map((s) => s.reason)).toEqual(['noted']));
  });

  it('tests the gate again after text arrives, and starts the engine when it passes', async () => {
    vi.useFakeTimers();
    const fake = fakeRuntime();
    const stub = stubEngine();
    const doc = page('<main><p>Stocks rose.</p></main>');
    boot(doc, fake, stub);
    doc.querySelector('main')!.append(Object.assign(doc.createElement('p'), { textContent: 'More market news.' }));
    await vi.advanceTimersByTimeAsync(1100);
    expect(stub.importEngine).not.toHaveBeenCalled();
    doc.querySelector('main')!.append(Object.assign(doc.createElement('p'), { textContent: 'The zero-tolerance policy separated families.' }));
    // The page kept changing without passing, so the next test waits longer (2 s).
    await vi.advanceTimersByTimeAsync(1100);
    expect(stub.importEngine).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1000);
    expect(stub.starts.map((s) => s.reason)).toEqual(['gate']);
    // The engine's page listens: the popup and the context menu reach it without waking.
    expect(fake.listeners.size).toBe(1);
  });

  it('stops and answers nothing once its extension context is gone', async () => {
    const fake = fakeRuntime();
    const stub = stubEngine();
    boot(page('<p>Stocks.</p>'), fake, stub);
    await wake();
    delete (fake.runtime as { id?: string }).id;
    expect(await fake.send({ type: 'backstory:page-summary' })).toBeUndefined();
    expect(fake.listeners.size).toBe(0);
    expect(stub.importEngine).not.toHaveBeenCalled();
    // A stopped (orphaned) copy cannot be woken again.
    expect(await wake()).toBe(false);
  });

  it('cannot be woken when its extension is gone (an orphaned copy after an update)', async () => {
    const fake = fakeRuntime();
    delete (fake.runtime as { id?: string }).id;
    boot(page('<p>Stocks.</p>'), fake, stubEngine());
    expect(await wake()).toBe(false);
    expect(fake.listeners.size).toBe(0);
  });
});

describe('the loader on a page that needs the engine', () => {
  it('starts it at once when the gate passes, listens, and hands over its figures', async () => {
    const fake = fakeRuntime();
    const stub = stubEngine();
    boot(page('<p>The zero tolerance policy.</p>'), fake, stub);
    const perf = await handedOver('debug')!.perf();
    expect(perf).toMatchObject({ mode: 'engine', covered: true, mentions: 3 });
    expect(typeof perf.engineLoadMs).toBe('number');
    expect(stub.starts).toHaveLength(1);
    expect(stub.starts[0]!.reason).toBe('gate');
    expect(stub.starts[0]!.gateMs).toBeGreaterThanOrEqual(0);
    expect(fake.listeners.size).toBe(1);
    expect(await fake.send({ type: 'backstory:page-summary' })).toEqual({ from: 'engine', type: 'backstory:page-summary' });
  });

  it('starts it when the gate phrase is hyphenated with soft hyphens (the inline test)', async () => {
    const stub = stubEngine();
    boot(page('<p>The zero tol&shy;er&shy;ance policy.</p>'), fakeRuntime(), stub);
    await handedOver('debug')!.perf();
    expect(stub.starts.map((s) => s.reason)).toEqual(['gate']);
  });

  it('starts it on a page with notes, whether noted-page.js ran before or after the loader', async () => {
    const before = stubEngine();
    handOver('noted', true);
    boot(page('<p>Stocks.</p>'), fakeRuntime(), before);
    await vi.waitFor(() => expect(before.starts.map((s) => s.reason)).toEqual(['noted']));

    withdraw('noted');
    const after = stubEngine();
    boot(page('<p>Stocks.</p>'), fakeRuntime(), after);
    expect(after.importEngine).not.toHaveBeenCalled();
    handedOver('loader')!.noted();
    await vi.waitFor(() => expect(after.starts.map((s) => s.reason)).toEqual(['noted']));
  });

  it('stop() stops the engine and removes the listener', async () => {
    const fake = fakeRuntime();
    const stub = stubEngine();
    const loader = boot(page('<p>Zero tolerance.</p>'), fake, stub);
    await vi.waitFor(() => expect(stub.starts).toHaveLength(1));
    loader.stop();
    expect(stub.stop).toHaveBeenCalledTimes(1);
    expect(fake.listeners.size).toBe(0);
  });

  it('a failed engine import is retried on the next need', async () => {
    const fake = fakeRuntime();
    const stub = stubEngine();
    const real = stub.importEngine.getMockImplementation()!;
    stub.importEngine.mockImplementationOnce(async () => {
      throw new Error('network hiccup');
    });
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    boot(page('<p>Stocks.</p>'), fake, stub);
    await wake();
    expect(await fake.send({ type: 'backstory:page-summary' })).toBeUndefined();
    stub.importEngine.mockImplementation(real);
    expect(await fake.send({ type: 'backstory:page-summary' })).toEqual({ from: 'engine', type: 'backstory:page-summary' });
    expect(warn).toHaveBeenCalled();
    warn.mockRestore();
  });
});
