/**
 * The CSS Custom Highlight API for jsdom, which has none: every browser Backstory installs in
 * has it, so tests that draw highlights give the window a stand-in registry. Returns the
 * registry and a function that takes the stand-in away again.
 */
export class FakeHighlight extends Set<Range> {
  priority = 0;
  constructor(...ranges: Range[]) {
    super(ranges);
  }
}

class FakeSheet {
  css = '';
  replaceSync(css: string): void {
    this.css = css;
  }
}

export function installHighlightApi(win: Window & typeof globalThis = window): { registry: Map<string, FakeHighlight>; uninstall: () => void } {
  const registry = new Map<string, FakeHighlight>();
  const target = win as unknown as Record<string, unknown>;
  const saved = { Highlight: target.Highlight, CSS: target.CSS, CSSStyleSheet: target.CSSStyleSheet };
  target.Highlight = FakeHighlight;
  target.CSS = { ...(saved.CSS as object | undefined), highlights: registry };
  target.CSSStyleSheet = FakeSheet;
  Object.defineProperty(win.document, 'adoptedStyleSheets', { value: [], writable: true, configurable: true });
  return {
    registry,
    uninstall: () => {
      Object.assign(target, saved);
      delete (win.document as unknown as Record<string, unknown>).adoptedStyleSheets;
    },
  };
}
