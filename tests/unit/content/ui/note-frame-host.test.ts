import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NoteFrameHost } from '../../../../src/content/ui/note-frame-host';
import type { FrameShow, FrameSignal } from '../../../../src/messages/note-frame';

/** A card port as the card sees it: what it posted, and the background's side to answer or drop it. */
interface FakePort {
  name: string;
  posted: unknown[];
  postMessage(m: unknown): void;
  disconnect(): void;
  onMessage: { addListener(l: (m: unknown) => void): void };
  onDisconnect: { addListener(l: () => void): void };
  answer(m: FrameSignal): void;
  drop(): void;
}

let ports: FakePort[];
/** The test set-up's fake `browser`, put aside: the host takes `browser` first when it has a runtime. */
let browserGlobal: unknown;

function fakePort(name: string): FakePort {
  const onMessage: Array<(m: unknown) => void> = [];
  const onDisconnect: Array<() => void> = [];
  return {
    name,
    posted: [],
    postMessage(m) {
      this.posted.push(m);
    },
    disconnect() {},
    onMessage: { addListener: (l) => onMessage.push(l) },
    onDisconnect: { addListener: (l) => onDisconnect.push(l) },
    answer: (m) => onMessage.forEach((l) => l(m)),
    drop: () => onDisconnect.forEach((l) => l()),
  };
}

const shows = (port: FakePort) => port.posted as FrameShow[];

beforeEach(() => {
  ports = [];
  browserGlobal = (globalThis as { browser?: unknown }).browser;
  delete (globalThis as { browser?: unknown }).browser;
  (globalThis as { chrome?: unknown }).chrome = {
    runtime: {
      id: 'backstory',
      getURL: (path: string) => `chrome-extension://backstory${path}`,
      connect: ({ name }: { name: string }) => {
        const port = fakePort(name);
        ports.push(port);
        return port;
      },
    },
  };
});

afterEach(() => {
  delete (globalThis as { chrome?: unknown }).chrome;
  (globalThis as { browser?: unknown }).browser = browserGlobal;
  document.body.replaceChildren();
});

function setUp() {
  const signals: FrameSignal[] = [];
  const host = new NoteFrameHost(document, document.body, (s) => signals.push(s));
  const slot = document.createElement('div');
  document.body.append(slot);
  const frame = host.box.querySelector('iframe')!;
  return { host, slot, frame, signals };
}

describe('NoteFrameHost', () => {
  it('shows the frame only on the signal of the latest show, not on a late one from an earlier show', () => {
    const { host, slot, signals } = setUp();
    ports[0]!.answer({ kind: 'paired' });
    host.clear();
    host.show({ mode: 'note', noteId: 'n1' }, slot, 'light');
    const [hidden, note] = shows(ports[0]!);
    expect(note!.seq).toBeGreaterThan(hidden!.seq);
    ports[0]!.answer({ kind: 'shown', height: 0, seq: hidden!.seq });
    expect(host.showing).toBe(false);
    expect(signals).toEqual([]);
    ports[0]!.answer({ kind: 'shown', height: 120, seq: note!.seq });
    expect(host.showing).toBe(true);
    expect(slot.style.height).toBe('120px');
  });

  it('gives back the height it gave the slot when cleared: the slot\'s element may live on as the card\'s actions', () => {
    const { host, slot } = setUp();
    ports[0]!.answer({ kind: 'paired' });
    host.show({ mode: 'note', noteId: 'n1' }, slot, 'light');
    const note = shows(ports[0]!).at(-1)!;
    ports[0]!.answer({ kind: 'shown', height: 250, seq: note.seq });
    expect(slot.style.height).toBe('250px');
    host.clear();
    expect(slot.style.height).toBe('');
  });

  it('makes a lost pair again when the frame is next wanted: a new port and a fresh load of the frame', () => {
    const { host, slot, frame } = setUp();
    const first = frame.src;
    ports[0]!.answer({ kind: 'paired' });
    ports[0]!.drop();
    // Nothing shown: an idle page waits, and does not wake the background.
    expect(ports).toHaveLength(1);
    host.show({ mode: 'note', noteId: 'n1' }, slot, 'light');
    expect(ports).toHaveLength(2);
    expect(frame.src).not.toBe(first);
    expect(frame.src.startsWith('chrome-extension://backstory/note-frame.html?')).toBe(true);
    // Shown once the new pair is made.
    expect(shows(ports[1]!)).toEqual([]);
    ports[1]!.answer({ kind: 'paired' });
    expect(shows(ports[1]!).map((m) => m.view.mode)).toEqual(['note']);
  });

  it('rejoins at once a pair lost while showing, and never retries a port refused before pairing', () => {
    const { host, slot } = setUp();
    ports[0]!.answer({ kind: 'paired' });
    host.show({ mode: 'note', noteId: 'n1' }, slot, 'light');
    ports[0]!.drop();
    expect(ports).toHaveLength(2);
    // Refused (dropped before any pairing): no loop of new ports.
    ports[1]!.drop();
    expect(ports).toHaveLength(2);
  });
});
