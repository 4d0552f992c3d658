import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { rowAt, rowOffsets, VirtualList } from '../../../../src/extension-pages/notes/VirtualList';

describe('row offsets', () => {
  it('places each row below the one before, and finds the row at a height', () => {
    const offsets = rowOffsets([100, 50, 120], (h) => h);
    expect([...offsets]).toEqual([0, 100, 150, 270]);
    expect([0, 99, 100, 149, 150, 269, 270, 10_000].map((y) => rowAt(offsets, y))).toEqual([0, 0, 1, 1, 2, 2, 2, 2]);
    expect(rowAt(rowOffsets([], () => 1), 0)).toBe(0);
  });
});

/** jsdom lays nothing out: a ResizeObserver the test reports sizes through, as the browser would after layout. */
class FakeResizeObserver {
  static current: FakeResizeObserver | null = null;
  readonly watched = new Set<Element>();
  constructor(private readonly callback: ResizeObserverCallback) {
    FakeResizeObserver.current = this;
  }
  observe(target: Element) {
    this.watched.add(target);
  }
  unobserve(target: Element) {
    this.watched.delete(target);
  }
  disconnect() {
    this.watched.clear();
  }
  report(sizes: Array<[Element, number]>) {
    const entries = sizes.map(([target, blockSize]) => ({ target, borderBoxSize: [{ blockSize, inlineSize: 400 }] }));
    act(() => this.callback(entries as unknown as ResizeObserverEntry[], this as unknown as ResizeObserver));
  }
}

interface Item {
  id: string;
  height: number;
}

describe('the virtual list', () => {
  let root: HTMLElement;
  beforeEach(() => {
    vi.stubGlobal('ResizeObserver', FakeResizeObserver);
    root = document.createElement('div');
    document.body.append(root);
  });
  afterEach(() => {
    render(null, root);
    root.remove();
    vi.unstubAllGlobals();
  });

  // Every row is taller than its 120 px estimate, some more than others.
  const items: Item[] = Array.from({ length: 1000 }, (_, i) => ({ id: `n${i}`, height: i % 2 ? 130 : 150 }));
  const list = () => (
    <VirtualList
      items={items}
      estimate={() => 120}
      initialViewport={300}
      keyOf={(item) => item.id}
      label="Notes"
      render={(item) => <p>{item.id}</p>}
    />
  );
  /** Draws the list, and lets the effects after its first paint run. */
  const show = async () => {
    render(list(), root);
    await act(() => new Promise((resolve) => setTimeout(resolve, 150)));
  };
  const rows = () => [...root.querySelectorAll<HTMLElement>('.vrow')];
  const scroller = () => root.querySelector<HTMLElement>('.vscroll')!;
  const space = () => parseFloat(root.querySelector<HTMLElement>('.vspace')!.style.height);
  const scrollTo = (y: number) =>
    act(() => {
      scroller().scrollTop = y;
      scroller().dispatchEvent(new Event('scroll'));
    });
  /** Reports every drawn row at its item's real height. */
  const measure = () => FakeResizeObserver.current!.report(rows().map((row) => [row, items[Number(row.dataset.index)]!.height]));

  it('draws only the rows in view for the first frame, the overscan after it is painted', async () => {
    render(list(), root);
    // 300 px of 120 px estimates: rows 0 to 2.
    expect(rows().map((r) => r.textContent)).toEqual(['n0', 'n1', 'n2']);
    await act(() => new Promise((resolve) => setTimeout(resolve, 150)));
    expect(rows().map((r) => r.textContent)).toEqual(['n0', 'n1', 'n2', 'n3', 'n4', 'n5', 'n6', 'n7', 'n8']);
  });

  it('places rows by estimate until they are measured, then by their heights', async () => {
    await show();
    expect(space()).toBe(1000 * 120);
    expect(rows().every((row) => FakeResizeObserver.current!.watched.has(row))).toBe(true);
    measure();
    const drawn = rows().map((row) => items[Number(row.dataset.index)]!.height);
    expect(space()).toBe(drawn.reduce((a, b) => a + b, 0) + (1000 - drawn.length) * 120);
    expect(rows().map((r) => r.getAttribute('aria-posinset'))).toEqual(rows().map((r) => String(Number(r.dataset.index) + 1)));
    expect(root.querySelector('[role=list]')!.getAttribute('aria-label')).toBe('Notes');
  });

  it('draws more rows when the list turns out taller than planned', async () => {
    await show();
    const before = rows().length;
    Object.defineProperty(scroller(), 'clientHeight', { value: 900, configurable: true });
    FakeResizeObserver.current!.report([[scroller(), 900]]);
    // 900 px of 120 px rows: rows 0 to 7, and 6 more below.
    expect(rows().map((r) => r.textContent)).toEqual(Array.from({ length: 14 }, (_, i) => `n${i}`));
    expect(rows().length).toBeGreaterThan(before);
  });

  it('keeps the rows in view still when a row above them turns out taller than planned', async () => {
    await show();
    measure();
    const measured = new Set(rows().map((row) => row.dataset.index));
    scrollTo(5000);
    const offsets = rowOffsets(items, (item) => (measured.has(item.id.slice(1)) ? item.height : 120));
    const anchor = rowAt(offsets, 5000);
    // Rows drawn for the first time above the one at the top of the view.
    const above = rows().filter((row) => Number(row.dataset.index) < anchor);
    expect(above.length).toBeGreaterThan(0);
    const change = above.reduce((sum, row) => sum + items[Number(row.dataset.index)]!.height - 120, 0);
    measure();
    expect(scroller().scrollTop).toBe(5000 + change);
  });
});
