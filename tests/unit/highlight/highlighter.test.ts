import { afterEach, describe, expect, it } from 'vitest';
import { createHighlighter } from '../../../src/highlight/highlighter';
import { installHighlightApi } from '../highlight-api';

let uninstall: (() => void) | undefined;
afterEach(() => {
  uninstall?.();
  uninstall = undefined;
});

/** The document, with the CSS Custom Highlight API as the browser gives it (jsdom has none). */
function withHighlightApi() {
  const api = installHighlightApi();
  uninstall = api.uninstall;
  return { doc: document as Document & { adoptedStyleSheets: Array<{ css: string }> }, registry: api.registry };
}

function rangeOf(node: Text, start: number, end: number): Range {
  const r = document.createRange();
  r.setStart(node, start);
  r.setEnd(node, end);
  return r;
}

describe('the highlighter', () => {
  it('registers each kind under a name the page cannot guess, with its priority, and styles it in an adopted sheet', () => {
    const { doc, registry } = withHighlightApi();
    document.body.innerHTML = '<p>Jeff Sessions met Stephen Miller.</p>';
    const text = document.querySelector('p')!.firstChild as Text;
    const h = createHighlighter(doc, 'background');
    expect(h.mode).toBe('custom-highlight');
    h.set('mention', [rangeOf(text, 0, 13)]);
    h.add('mention', [rangeOf(text, 18, 32)]);
    h.set('focus', [rangeOf(text, 0, 4)]);
    const names = [...registry.keys()];
    expect(names).toHaveLength(2);
    expect(names[0]).toMatch(/^backstory-mention-[a-z0-9]+$/);
    expect([...registry.get(names[0]!)!].map(String)).toEqual(['Jeff Sessions', 'Stephen Miller']);
    expect(registry.get(names[1]!)!.priority).toBeGreaterThan(registry.get(names[0]!)!.priority);
    const [sheet] = doc.adoptedStyleSheets;
    expect(sheet!.css).toContain(`::highlight(${names[0]})`);
    expect(sheet!.css).toContain('background-color');
    h.setStyle('underline');
    expect(sheet!.css).toContain('dotted');
  });

  it('removes what it registered, and its sheet, leaving the page text alone', () => {
    const { doc, registry } = withHighlightApi();
    document.body.innerHTML = '<p>Jeff Sessions.</p>';
    const before = document.body.innerHTML;
    const text = document.querySelector('p')!.firstChild as Text;
    const h = createHighlighter(doc);
    h.set('mention', [rangeOf(text, 0, 13)]);
    h.set('note', [rangeOf(text, 5, 13)]);
    h.clear('note');
    expect(registry.size).toBe(1);
    h.set('mention', []);
    expect(registry.size).toBe(0);
    h.set('flash', [rangeOf(text, 0, 4)]);
    h.destroy();
    expect(registry.size).toBe(0);
    expect(doc.adoptedStyleSheets).toEqual([]);
    expect(document.body.innerHTML).toBe(before);
  });

  it('draws nothing and changes nothing where the API is missing', () => {
    document.body.innerHTML = '<p>Jeff Sessions.</p>';
    const before = document.body.innerHTML;
    const h = createHighlighter(document);
    expect(h.mode).toBe('none');
    expect(h.set('mention', [rangeOf(document.querySelector('p')!.firstChild as Text, 0, 4)])).toEqual([]);
    h.destroy();
    expect(document.body.innerHTML).toBe(before);
  });
});
