/**
 * Draws highlights over page text without changing the page.
 *
 * Preferred: the CSS Custom Highlight API. It adds no nodes (no risk to a framework's
 * hydration), does no layout work, and page CSS cannot restyle it because the highlight
 * names carry a random suffix the page never learns. The one thing it needs in the page
 * is a `::highlight()` rule, which goes in through `adoptedStyleSheets` (no DOM node).
 *
 * Fallback, where the API is missing: wrap each range in an unregistered custom tag
 * (`<backstory-mark>`), styled inline with `!important` so page rules cannot hide it,
 * and undo every split on removal so the DOM is restored exactly.
 */
import type { HighlightStyle } from '../settings/settings';

export type HighlightKind = 'mention' | 'figure' | 'note' | 'focus' | 'flash';

export interface Highlighter {
  readonly mode: 'custom-highlight' | 'wrap';
  /** Replaces every highlight of one kind. Returns the ranges now drawn (wrap mode returns fresh ranges). */
  set(kind: HighlightKind, ranges: Range[]): Range[];
  /** Adds highlights of one kind to those already drawn (for drawing a long page in slices). Returns the ranges drawn. */
  add(kind: HighlightKind, ranges: Range[]): Range[];
  clear(kind: HighlightKind): void;
  setStyle(style: HighlightStyle): void;
  /** Removes everything this highlighter added, restoring the page exactly. */
  destroy(): void;
}

const PRIORITY: Record<HighlightKind, number> = { mention: 1, figure: 1, note: 2, focus: 3, flash: 4 };

function colors(style: HighlightStyle): Record<HighlightKind, string> {
  // Translucent colours stay legible on light and dark pages; the text colour is never changed.
  const mention =
    style === 'background'
      ? 'background-color: rgba(250, 204, 21, 0.32);'
      : 'text-decoration: underline 2px dotted rgba(217, 119, 6, 0.95); background-color: rgba(250, 204, 21, 0.12);';
  return {
    mention,
    // A count is quieter than a name: a thin dotted line of another colour, no fill, whatever the style.
    figure: 'text-decoration: underline 1.5px dotted rgba(13, 148, 136, 0.95);',
    note: 'background-color: rgba(56, 152, 236, 0.30); text-decoration: underline 2px solid rgba(37, 99, 235, 0.9);',
    focus: 'background-color: rgba(124, 58, 237, 0.32); text-decoration: underline 3px solid rgba(124, 58, 237, 1);',
    flash: 'background-color: rgba(37, 99, 235, 0.45);',
  };
}

export function supportsCustomHighlights(win: Window & typeof globalThis = window): boolean {
  const css = (win as unknown as { CSS?: { highlights?: unknown } }).CSS;
  return typeof win.Highlight === 'function' && !!css?.highlights && 'adoptedStyleSheets' in win.document;
}

export function createHighlighter(doc: Document = document, style: HighlightStyle = 'underline'): Highlighter {
  const win = doc.defaultView as (Window & typeof globalThis) | null;
  if (win && supportsCustomHighlights(win)) return new CustomHighlighter(doc, win, style);
  return new WrapHighlighter(doc, style);
}

class CustomHighlighter implements Highlighter {
  readonly mode = 'custom-highlight' as const;
  private readonly suffix = Math.random().toString(36).slice(2, 10);
  private readonly sheet: CSSStyleSheet;
  private readonly names = new Map<HighlightKind, string>();

  constructor(
    private readonly doc: Document,
    private readonly win: Window & typeof globalThis,
    style: HighlightStyle,
  ) {
    this.sheet = new win.CSSStyleSheet();
    this.setStyle(style);
    doc.adoptedStyleSheets = [...doc.adoptedStyleSheets, this.sheet];
  }

  private nameOf(kind: HighlightKind): string {
    return `backstory-${kind}-${this.suffix}`;
  }

  setStyle(style: HighlightStyle): void {
    const rules = colors(style);
    const css = (Object.keys(rules) as HighlightKind[])
      .map((kind) => `::highlight(${this.nameOf(kind)}) { ${rules[kind]} }`)
      .join('\n');
    this.sheet.replaceSync(css);
  }

  set(kind: HighlightKind, ranges: Range[]): Range[] {
    const registry = this.win.CSS.highlights;
    if (ranges.length === 0) {
      this.clear(kind);
      return [];
    }
    const highlight = new this.win.Highlight(...ranges);
    highlight.priority = PRIORITY[kind];
    registry.set(this.nameOf(kind), highlight);
    this.names.set(kind, this.nameOf(kind));
    return ranges;
  }

  add(kind: HighlightKind, ranges: Range[]): Range[] {
    const existing = this.names.has(kind) ? this.win.CSS.highlights.get(this.nameOf(kind)) : undefined;
    if (!existing) return this.set(kind, ranges);
    for (const range of ranges) existing.add(range);
    return ranges;
  }

  clear(kind: HighlightKind): void {
    const name = this.names.get(kind);
    if (name) this.win.CSS.highlights.delete(name);
    this.names.delete(kind);
  }

  destroy(): void {
    for (const kind of [...this.names.keys()]) this.clear(kind);
    this.doc.adoptedStyleSheets = this.doc.adoptedStyleSheets.filter((s) => s !== this.sheet);
  }
}

export const MARK_TAG = 'backstory-mark';

/** Fallback: wraps text in custom-tag elements and restores the original text nodes on removal. */
class WrapHighlighter implements Highlighter {
  readonly mode = 'wrap' as const;
  private readonly marks = new Map<HighlightKind, HTMLElement[]>();
  /** Original text node → its data before any split, so removal can merge the pieces back. */
  private readonly originals = new Map<Text, string>();
  /** Text nodes created by splitting → the original they came from; removed on restore. */
  private readonly pieces = new Map<Text, Text>();
  private style: HighlightStyle;

  constructor(
    private readonly doc: Document,
    style: HighlightStyle,
  ) {
    this.style = style;
  }

  setStyle(style: HighlightStyle): void {
    this.style = style;
    for (const [kind, marks] of this.marks) for (const m of marks) m.setAttribute('style', this.inlineStyle(kind));
  }

  private inlineStyle(kind: HighlightKind): string {
    return `${colors(this.style)[kind]} display: inline; visibility: visible; opacity: 1`
      .split(';')
      .filter((d) => d.trim())
      .map((d) => `${d.trim()} !important`)
      .join('; ');
  }

  set(kind: HighlightKind, ranges: Range[]): Range[] {
    this.clear(kind);
    return this.add(kind, ranges);
  }

  add(kind: HighlightKind, ranges: Range[]): Range[] {
    const made: HTMLElement[] = this.marks.get(kind) ?? [];
    const drawn: Range[] = [];
    for (const range of ranges) {
      const segments = this.textSegments(range);
      const wrapped: HTMLElement[] = [];
      for (const [node, start, end] of segments) {
        const mark = this.wrap(node, start, end, kind);
        if (mark) wrapped.push(mark);
      }
      made.push(...wrapped);
      if (wrapped.length > 0) {
        const r = this.doc.createRange();
        r.setStartBefore(wrapped[0]!);
        r.setEndAfter(wrapped[wrapped.length - 1]!);
        drawn.push(r);
      }
    }
    if (made.length > 0) this.marks.set(kind, made);
    return drawn;
  }

  /** The [text node, start, end] pieces a range covers, computed before any DOM change. */
  private textSegments(range: Range): Array<[Text, number, number]> {
    const out: Array<[Text, number, number]> = [];
    const root = range.commonAncestorContainer;
    if (root.nodeType === Node.TEXT_NODE) {
      out.push([root as Text, range.startOffset, range.endOffset]);
      return out;
    }
    const walker = this.doc.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const t = n as Text;
      if (!range.intersectsNode(t)) continue;
      const start = t === range.startContainer ? range.startOffset : 0;
      const end = t === range.endContainer ? range.endOffset : t.data.length;
      if (end > start) out.push([t, start, end]);
    }
    return out;
  }

  private wrap(node: Text, start: number, end: number, kind: HighlightKind): HTMLElement | null {
    if (!node.parentNode) return null;
    const origin = this.originOf(node);
    if (!this.originals.has(origin)) this.originals.set(origin, origin.data);
    let target = node;
    if (start > 0) {
      target = node.splitText(start);
      this.pieces.set(target, origin);
    }
    if (end - start < target.data.length) {
      this.pieces.set(target.splitText(end - start), origin);
    }
    const mark = this.doc.createElement(MARK_TAG);
    mark.setAttribute('style', this.inlineStyle(kind));
    target.parentNode!.insertBefore(mark, target);
    mark.appendChild(target);
    return mark;
  }

  /** The original text node a piece was split from (itself when it is not a piece). */
  private originOf(node: Text): Text {
    return this.pieces.get(node) ?? node;
  }

  clear(kind: HighlightKind): void {
    const marks = this.marks.get(kind) ?? [];
    for (const mark of marks) {
      const parent = mark.parentNode;
      if (!parent) continue;
      while (mark.firstChild) parent.insertBefore(mark.firstChild, mark);
      parent.removeChild(mark);
    }
    this.marks.delete(kind);
    if (this.marks.size === 0) this.mergePieces();
  }

  /** Puts every split text node back together, so the DOM is exactly as before. */
  private mergePieces(): void {
    for (const piece of this.pieces.keys()) piece.parentNode?.removeChild(piece);
    for (const [origin, data] of this.originals) origin.data = data;
    this.pieces.clear();
    this.originals.clear();
  }

  destroy(): void {
    for (const kind of [...this.marks.keys()]) this.clear(kind);
    this.mergePieces();
  }
}
