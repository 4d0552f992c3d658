/**
 * Renders only the rows in view, so a list of 10,000 notes stays smooth. Rows have a
 * fixed height (their text is clamped by CSS); one row may be taller while it is edited.
 */
import type { ComponentChildren } from 'preact';
import { useLayoutEffect, useRef, useState } from 'preact/hooks';

export interface VirtualListProps<T> {
  items: T[];
  rowHeight: number;
  /** Index of a row drawn taller (the one being edited), and its height. */
  tall?: { index: number; height: number };
  overscan?: number;
  render: (item: T, index: number) => ComponentChildren;
  keyOf: (item: T) => string;
  label: string;
}

export function VirtualList<T>(props: VirtualListProps<T>) {
  const { items, rowHeight, tall, overscan = 6 } = props;
  const scroller = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  // The window's height until the list's own is known: enough rows, and reading it forces no layout.
  const [viewport, setViewport] = useState(() => window.innerHeight || 480);

  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    // Reading el.clientHeight here would lay the page out in the middle of its first render;
    // the observer reports the size once the browser has laid it out anyway (and before it paints).
    if (typeof ResizeObserver !== 'function') {
      setViewport(el.clientHeight || 480);
      return;
    }
    const observer = new ResizeObserver(() => setViewport(el.clientHeight || 480));
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  const extra = tall && tall.index < items.length ? tall.height - rowHeight : 0;
  const top = (i: number) => i * rowHeight + (tall && i > tall.index ? extra : 0);
  const indexAt = (y: number) => {
    if (tall && y > top(tall.index) + tall.height) return Math.floor((y - extra) / rowHeight);
    if (tall && y >= top(tall.index)) return tall.index;
    return Math.floor(y / rowHeight);
  };
  const first = Math.max(0, indexAt(scrollTop) - overscan);
  const last = Math.min(items.length - 1, indexAt(scrollTop + viewport) + overscan);
  const rows = [];
  for (let i = first; i <= last; i++) {
    const item = items[i]!;
    const height = tall?.index === i ? tall.height : rowHeight;
    rows.push(
      <div key={props.keyOf(item)} role="listitem" class="vrow" style={{ top: `${top(i)}px`, height: `${height}px` }}>
        {props.render(item, i)}
      </div>,
    );
  }
  return (
    <div
      ref={scroller}
      class="vscroll"
      onScroll={(e) => setScrollTop((e.currentTarget as HTMLDivElement).scrollTop)}
    >
      <div role="list" aria-label={props.label} class="vspace" style={{ height: `${items.length * rowHeight + extra}px` }}>
        {rows}
      </div>
    </div>
  );
}
