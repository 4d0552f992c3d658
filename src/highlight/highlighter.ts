/**
 * Draws highlights over page text without changing the page.
 *
 * It uses the CSS Custom Highlight API, which every supported browser has (the manifest's
 * minimum versions: Chrome 105, Firefox 140). It adds no nodes (no risk to a framework's
 * hydration), does no layout work, and page CSS cannot restyle it because the highlight
 * names carry a random suffix the page never learns. The one thing it needs in the page
 * is a `::highlight()` rule, which goes in through `adoptedStyleSheets` (no DOM node).
 */
import type { HighlightStyle } from '../settings/settings';

export type HighlightKind = 'mention' | 'figure' | 'note' | 'focus' | 'flash';

export interface Highlighter {
  /** How it draws: 'custom-highlight', or 'none' where the API is missing and nothing is drawn. */
  readonly mode: 'custom-highlight' | 'none';
  /** Replaces every highlight of one kind. Returns the ranges now drawn. */
  set(kind: HighlightKind, ranges: Range[]): Range[];
  /** Adds highlights of one kind to those already drawn (for drawing a long page in slices). Returns the ranges drawn. */
  add(kind: HighlightKind, ranges: Range[]): Range[];
  clear(kind: HighlightKind): void;
  setStyle(style: HighlightStyle): void;
  /** Removes everything this highlighter added. */
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
  // Only a browser below the minimum versions (or a test DOM) lacks the API: the page is left as it is.
  return NO_HIGHLIGHTS;
}

const NO_HIGHLIGHTS: Highlighter = {
  mode: 'none',
  set: () => [],
  add: () => [],
  clear: () => undefined,
  setStyle: () => undefined,
  destroy: () => undefined,
};

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
