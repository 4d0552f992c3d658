/**
 * Renders only the rows in view, so a list of 10,000 notes stays smooth. Rows take their
 * natural height: the rows in view are laid out one after another (so they can never
 * overlap or leave gaps), each is measured once drawn, and rows never drawn are placed by
 * an estimate. A measured row above the top of the view that turns out taller or shorter
 * than planned moves the scroll position by the difference, so what the reader sees stays put.
 */
import type { ComponentChildren } from 'preact';
import { useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import { useAfterPaint } from './after-paint';

export interface VirtualListProps<T> {
  items: T[];
  /** A row's height in pixels until it has been drawn and measured. */
  estimate: (item: T) => number;
  /** Rows drawn beyond each end of the view, once the first frame is painted. */
  overscan?: number;
  /** The list's height to plan the first frame for, before its own is known (the window's, by default). */
  initialViewport?: number;
  render: (item: T, index: number) => ComponentChildren;
  keyOf: (item: T) => string;
  label: string;
}

/** Where each row starts (one more entry than rows: the last is the whole height). */
export function rowOffsets<T>(items: readonly T[], heightOf: (item: T) => number): Float64Array {
  const offsets = new Float64Array(items.length + 1);
  for (let i = 0; i < items.length; i++) offsets[i + 1] = offsets[i]! + heightOf(items[i]!);
  return offsets;
}

/** The row at height y: the last whose start is at or above it (0 for an empty list). */
export function rowAt(offsets: Float64Array, y: number): number {
  let lo = 0;
  let hi = Math.max(0, offsets.length - 2);
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (offsets[mid]! <= y) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/**
 * The list itself. One component: scroll position, measured heights and the anchor that keeps the
 * view still are read and written together in one layout effect.
 */
export function VirtualList<T>(props: VirtualListProps<T>) {
  const { items, estimate, keyOf } = props;
  const scroller = useRef<HTMLDivElement>(null);
  const rowsBox = useRef<HTMLDivElement>(null);
  /** Measured heights by key; kept across searches and filters, so a row is measured once. */
  const measured = useRef(new Map<string, number>());
  const [measures, setMeasures] = useState(0);
  const [scrollTop, setScrollTop] = useState(0);
  // Until the list's own height is known: reading it would lay the page out in the middle of its
  // first render; the observer below reports it once the browser has laid it out anyway (before it paints).
  // A ref, not state: a new height re-renders only when it shows other rows (see the observer).
  const viewportRef = useRef<number>(0);
  viewportRef.current ||= props.initialViewport ?? (window.innerHeight || 480);
  const viewport = viewportRef.current;
  // The first frame draws only the rows in view; the overscan follows once it has been painted.
  const painted = useAfterPaint(true, false);

  const heightOf = (item: T) => measured.current.get(keyOf(item)) ?? estimate(item);
  const offsets = useMemo(() => rowOffsets(items, heightOf), [items, measures]);
  // Read by the resize callback, which runs outside render.
  const latest = useRef({ items, offsets, scrollTop });
  latest.current = { items, offsets, scrollTop };

  const overscan = painted ? (props.overscan ?? 6) : 0;
  const first = Math.max(0, rowAt(offsets, scrollTop) - overscan);
  const last = Math.min(items.length - 1, rowAt(offsets, scrollTop + viewport) + overscan);

  const observer = useMemo(() => {
    if (typeof ResizeObserver !== 'function') return null;
    return new ResizeObserver((entries) => {
      const { items, offsets, scrollTop } = latest.current;
      const el = scroller.current;
      let changed = false;
      let shift = 0;
      const anchor = rowAt(offsets, scrollTop);
      for (const entry of entries) {
        const row = entry.target as HTMLElement;
        if (row === el) {
          const height = el.clientHeight;
          if (height <= 0 || height === viewportRef.current) continue;
          if (rowAt(offsets, scrollTop + height) !== rowAt(offsets, scrollTop + viewportRef.current)) changed = true;
          viewportRef.current = height;
          continue;
        }
        if (!row.isConnected) {
          observer?.unobserve(row);
          continue;
        }
        const index = Number(row.dataset.index);
        const item = items[index];
        if (item === undefined) continue;
        const key = keyOf(item);
        const height = entry.borderBoxSize?.[0]?.blockSize ?? row.offsetHeight;
        const before = measured.current.get(key) ?? estimate(item);
        measured.current.set(key, height);
        if (Math.abs(height - before) < 0.5) continue;
        changed = true;
        // A row above the one at the top of the view pushes that one down (or pulls it up).
        if (index < anchor) shift += height - before;
      }
      if (el && shift !== 0) el.scrollTop += shift;
      if (changed) setMeasures((m) => m + 1);
    });
  }, []);

  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    if (!observer) {
      viewportRef.current = el.clientHeight || 480;
      setMeasures((m) => m + 1);
      return;
    }
    observer.observe(el);
    return () => observer.disconnect();
  }, [observer]);

  // Watch each drawn row once (observing one again would report it again).
  const watched = useRef(new WeakSet<Element>());
  useLayoutEffect(() => {
    if (!observer || !rowsBox.current) return;
    for (const row of rowsBox.current.children) {
      if (watched.current.has(row)) continue;
      watched.current.add(row);
      observer.observe(row);
    }
  });

  const rows = [];
  for (let i = first; i <= last; i++) {
    const item = items[i]!;
    rows.push(
      <div key={keyOf(item)} role="listitem" class="vrow" data-index={i} aria-setsize={items.length} aria-posinset={i + 1}>
        {props.render(item, i)}
      </div>,
    );
  }
  return (
    <div ref={scroller} class="vscroll" onScroll={(e) => setScrollTop((e.currentTarget as HTMLDivElement).scrollTop)}>
      <div class="vspace" style={{ height: `${offsets[items.length]}px` }}>
        <div ref={rowsBox} role="list" aria-label={props.label} class="vrows" style={{ transform: `translateY(${offsets[first]}px)` }}>
          {rows}
        </div>
      </div>
    </div>
  );
}
