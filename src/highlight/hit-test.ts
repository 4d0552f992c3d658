/**
 * Finds which highlighted range lies under the pointer. Custom highlights add no
 * elements, so there is nothing to receive mouse events: we ask the browser for the
 * caret position under the point, look up the ranges in that text node, and confirm
 * the point is inside one of the range's line boxes (the caret API also answers for
 * points in the margin beside a line).
 */

export interface HitTarget<T> {
  range: Range;
  value: T;
}

export interface CaretPoint {
  node: Node;
  offset: number;
}

export function caretAt(doc: Document, x: number, y: number): CaretPoint | null {
  const d = doc as Document & {
    caretPositionFromPoint?: (x: number, y: number) => { offsetNode: Node; offset: number } | null;
    caretRangeFromPoint?: (x: number, y: number) => Range | null;
  };
  if (typeof d.caretPositionFromPoint === 'function') {
    const p = d.caretPositionFromPoint(x, y);
    return p ? { node: p.offsetNode, offset: p.offset } : null;
  }
  if (typeof d.caretRangeFromPoint === 'function') {
    const r = d.caretRangeFromPoint(x, y);
    return r ? { node: r.startContainer, offset: r.startOffset } : null;
  }
  return null;
}

/** The client rect of `range` that contains the point, if any. */
export function rectAt(range: Range, x: number, y: number, slop = 1): DOMRect | null {
  for (const rect of Array.from(range.getClientRects())) {
    if (x >= rect.left - slop && x <= rect.right + slop && y >= rect.top - slop && y <= rect.bottom + slop) {
      return rect;
    }
  }
  return null;
}

/**
 * An index of ranges by the text nodes they touch, for point lookups. Built on the first lookup,
 * not when made: a covered page draws its highlights without paying for the index (it is part of
 * the scan's cost otherwise), and it is read from the ranges as they are then.
 */
export class HitIndex<T> {
  private byNode: Map<Node, HitTarget<T>[]> | null = null;
  private readonly pending: HitTarget<T>[];

  constructor(targets: Iterable<HitTarget<T>>) {
    this.pending = Array.from(targets);
  }

  add(target: HitTarget<T>): void {
    if (this.byNode) indexUnder(this.byNode, target);
    else this.pending.push(target);
  }

  private nodes(): Map<Node, HitTarget<T>[]> {
    if (!this.byNode) {
      const byNode = new Map<Node, HitTarget<T>[]>();
      for (let i = 0; i < this.pending.length; i++) indexUnder(byNode, this.pending[i]!);
      this.pending.length = 0;
      this.byNode = byNode;
    }
    return this.byNode;
  }

  /** How many text nodes hold a target. */
  get size(): number {
    return this.nodes().size;
  }

  /** The target under the point, with the line rect the point is in. */
  at(doc: Document, x: number, y: number): { target: HitTarget<T>; rect: DOMRect } | null {
    const caret = caretAt(doc, x, y);
    if (!caret) return null;
    const candidates = this.nodes().get(caret.node);
    if (!candidates) return null;
    for (const target of candidates) {
      const rect = rectAt(target.range, x, y);
      if (rect) return { target, rect };
    }
    return null;
  }
}

function indexUnder<T>(byNode: Map<Node, HitTarget<T>[]>, target: HitTarget<T>): void {
  const range = target.range;
  const start = range.startContainer;
  // Most ranges lie in one text node: no list, no iterator (this runs once per mention).
  if (start === range.endContainer && start.nodeType === Node.TEXT_NODE) {
    addTo(byNode, start, target);
    return;
  }
  const nodes = nodesOf(range);
  for (let i = 0; i < nodes.length; i++) addTo(byNode, nodes[i]!, target);
}

function addTo<T>(byNode: Map<Node, HitTarget<T>[]>, node: Node, target: HitTarget<T>): void {
  const list = byNode.get(node);
  if (list) list.push(target);
  else byNode.set(node, [target]);
}

/** The text nodes a range over several nodes covers (its start container when none is text). */
function nodesOf(range: Range): Node[] {
  const start = range.startContainer;
  const out: Node[] = [];
  const root = range.commonAncestorContainer;
  const doc = root.ownerDocument ?? (root as Document);
  const walker = doc.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) if (range.intersectsNode(n)) out.push(n);
  if (out.length === 0) out.push(start);
  return out;
}
