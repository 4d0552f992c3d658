/**
 * Stand-ins for the session modules' tests: a surface that records what is drawn and shown
 * instead of touching the page, and a background that answers with canned replies.
 */
import { vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { HighlightKind, Highlighter } from '../../../../src/highlight/highlighter';
import type { PageSurface } from '../../../../src/content/session/surface';

export function fakeHighlighter() {
  const drawn = new Map<HighlightKind, Range[]>();
  const highlighter = {
    mode: 'custom-highlight' as const,
    drawn,
    set: vi.fn((kind: HighlightKind, ranges: Range[]) => (drawn.set(kind, [...ranges]), ranges)),
    add: vi.fn((kind: HighlightKind, ranges: Range[]) => (drawn.set(kind, [...(drawn.get(kind) ?? []), ...ranges]), ranges)),
    clear: vi.fn((kind: HighlightKind) => void drawn.delete(kind)),
    setStyle: vi.fn(),
    destroy: vi.fn(() => drawn.clear()),
  };
  return highlighter satisfies Highlighter;
}

/** The calls a page UI receives, each recorded by a mock. */
export function fakeUi() {
  return {
    current: null as unknown,
    writingNote: false,
    focusInside: false,
    navigating: false,
    shadowRoot: null,
    setNav: vi.fn(),
    focusNav: vi.fn(),
    focusFloating: vi.fn(),
    closeFloating: vi.fn(),
    showCard: vi.fn(),
    patchCard: vi.fn(),
    showNote: vi.fn(),
    showFigures: vi.fn(),
    patchFigures: vi.fn(),
    showEditor: vi.fn(),
    readyCard: vi.fn(),
    dropReadyCard: vi.fn(),
    prepare: vi.fn(),
    warm: vi.fn(async () => undefined),
    setMarks: vi.fn(),
    contains: vi.fn(() => false),
    destroy: vi.fn(),
  };
}

export type FakeUi = ReturnType<typeof fakeUi>;

/** A surface whose highlighter and UI are the fakes above, made on first use as the real one does. */
export function fakeSurface() {
  const surface = {
    highlighter: null as ReturnType<typeof fakeHighlighter> | null,
    ui: null as FakeUi | null,
    ensureHighlighter: () => (surface.highlighter ??= fakeHighlighter()),
    ensureUi: async () => (surface.ui ??= fakeUi()),
    clear: () => {
      surface.highlighter = null;
      surface.ui = null;
    },
  };
  return surface;
}

export const asSurface = (fake: ReturnType<typeof fakeSurface>) => fake as unknown as PageSurface;

/** The background: `reply(type, message)` answers each request; every request is kept in `sent`. */
export function fakeBackground(reply: (type: string, message: Record<string, unknown>) => unknown) {
  const sent: Array<Record<string, unknown> & { type: string }> = [];
  fakeBrowser.runtime.onMessage.addListener((message: unknown) => {
    const m = message as Record<string, unknown> & { type: string };
    sent.push(m);
    return Promise.resolve(reply(m.type, m));
  });
  return { sent, types: () => sent.map((m) => m.type) };
}

/** A document whose body is `html`, and a range over the first occurrence of `text` in it. */
export function rangeOf(doc: Document, text: string): Range {
  const walker = doc.createTreeWalker(doc.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
    const at = node.data.indexOf(text);
    if (at < 0) continue;
    const range = doc.createRange();
    range.setStart(node, at);
    range.setEnd(node, at + text.length);
    return range;
  }
  throw new Error(`"${text}" is not on the page`);
}

/** jsdom lays nothing out: every range gets one box, as if drawn on one line. */
export function layOutRangesOnOneLine(): void {
  const rect = () => new DOMRect(40, 100, 120, 18);
  Range.prototype.getClientRects = function () {
    return [rect()] as unknown as DOMRectList;
  };
  Range.prototype.getBoundingClientRect = rect;
}
