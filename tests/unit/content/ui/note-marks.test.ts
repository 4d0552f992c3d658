import { afterEach, describe, expect, it, vi } from 'vitest';
import { NoteMarks } from '../../../../src/content/ui/note-marks';

/** A range whose line boxes are `rects` (jsdom does no layout). */
function rangeAt(rects: Array<[number, number, number, number]>): Range {
  const range = document.createRange();
  let current = rects;
  range.getClientRects = () => current.map(([x, y, w, h]) => new DOMRect(x, y, w, h)) as unknown as DOMRectList;
  (range as Range & { move(r: typeof rects): void }).move = (r) => (current = r);
  return range;
}

function boxes(layer: HTMLElement) {
  return [...layer.children].map((b) => {
    const s = (b as HTMLElement).style;
    return [s.left, s.top, s.width, s.height].map((v) => parseFloat(v));
  });
}

/** jsdom has no layout, so no ResizeObserver: this one reports reflows when told. */
const observed: Array<() => void> = [];
class FakeResizeObserver {
  constructor(private readonly callback: () => void) {}
  observe() {
    if (!observed.includes(this.callback)) observed.push(this.callback);
  }
  disconnect() {
    if (observed.includes(this.callback)) observed.splice(observed.indexOf(this.callback), 1);
  }
}
vi.stubGlobal('ResizeObserver', FakeResizeObserver);

afterEach(() => vi.restoreAllMocks());

describe('NoteMarks', () => {
  it('draws one box per visible line box of each range, and none off screen', () => {
    const layer = document.createElement('div');
    const marks = new NoteMarks(layer, window);
    marks.set('note', [rangeAt([[10, 20, 100, 18], [0, 40, 50, 18], [0, innerHeight + 50, 50, 18]])]);
    expect(boxes(layer)).toEqual([[10, 20, 100, 18], [0, 40, 50, 18]]);
    marks.set('flash', [rangeAt([[5, 5, 5, 5]])]);
    expect(layer.children).toHaveLength(3);
    marks.set('note', []);
    expect(boxes(layer)).toEqual([[5, 5, 5, 5]]);
    marks.destroy();
    expect(layer.children).toHaveLength(0);
    expect(observed).toHaveLength(0);
  });

  it('follows the text on scroll, once a frame, and stops listening when nothing is left', () => {
    const frames: FrameRequestCallback[] = [];
    vi.spyOn(window, 'requestAnimationFrame').mockImplementation((cb) => frames.push(cb));
    const remove = vi.spyOn(window, 'removeEventListener');
    const layer = document.createElement('div');
    const marks = new NoteMarks(layer, window);
    const range = rangeAt([[10, 100, 40, 18]]);
    marks.set('note', [range]);
    (range as Range & { move(r: Array<[number, number, number, number]>): void }).move([[10, 60, 40, 18]]);
    window.dispatchEvent(new Event('scroll'));
    document.dispatchEvent(new Event('scroll'));
    expect(frames).toHaveLength(1);
    expect(boxes(layer)).toEqual([[10, 100, 40, 18]]);
    frames.shift()!(0);
    expect(boxes(layer)).toEqual([[10, 60, 40, 18]]);
    // A reflow (the page's text wrapped anew) moves the boxes too.
    (range as Range & { move(r: Array<[number, number, number, number]>): void }).move([[30, 60, 20, 18]]);
    observed[0]!();
    frames.shift()!(0);
    expect(boxes(layer)).toEqual([[30, 60, 20, 18]]);
    marks.set('note', []);
    expect(observed).toHaveLength(0);
    expect(remove).toHaveBeenCalledWith('scroll', expect.any(Function), { capture: true });
    expect(layer.children).toHaveLength(0);
  });
});
