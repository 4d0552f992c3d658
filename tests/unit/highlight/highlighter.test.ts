import { describe, expect, it } from 'vitest';
import { createHighlighter, MARK_TAG } from '../../../src/highlight/highlighter';

function rangeOf(node: Text, start: number, end: number): Range {
  const r = document.createRange();
  r.setStart(node, start);
  r.setEnd(node, end);
  return r;
}

describe('the wrap fallback (no Custom Highlight API, as in jsdom)', () => {
  it('wraps ranges in an unregistered custom tag and restores the DOM exactly', () => {
    document.body.innerHTML = '<p id="p">Attorney General <a href="#">Jeff</a> Sessions said so. Sessions again.</p>';
    const before = document.body.innerHTML;
    const p = document.getElementById('p')!;
    const first = p.firstChild as Text;
    const a = p.querySelector('a')!.firstChild as Text;
    const tail = p.lastChild as Text;
    const highlighter = createHighlighter(document);
    expect(highlighter.mode).toBe('wrap');
    const spanning = document.createRange();
    spanning.setStart(a, 0);
    spanning.setEnd(tail, ' Sessions'.length);
    const drawn = highlighter.set('mention', [rangeOf(first, 0, 8), spanning, rangeOf(tail, 20, 28)]);
    expect(drawn).toHaveLength(3);
    expect(document.querySelectorAll(MARK_TAG).length).toBe(4);
    expect(p.textContent).toBe('Attorney General Jeff Sessions said so. Sessions again.');
    expect(drawn[1]!.toString()).toBe('Jeff Sessions');
    highlighter.set('note', [rangeOf(tail, 0, 4)].filter(() => false));
    highlighter.destroy();
    expect(document.body.innerHTML).toBe(before);
    expect(p.childNodes.length).toBe(3);
    expect(p.firstChild).toBe(first);
  });

  it('adds highlights to those already drawn, and still restores the DOM exactly', () => {
    document.body.innerHTML = '<p>Jeff Sessions met Stephen Miller and Gene Hamilton.</p>';
    const before = document.body.innerHTML;
    const text = document.querySelector('p')!.firstChild as Text;
    const h = createHighlighter(document);
    h.set('mention', [rangeOf(text, 0, 13)]);
    const rest = document.querySelector('p')!.lastChild as Text; // " met Stephen Miller and Gene Hamilton."
    const added = h.add('mention', [rangeOf(rest, 5, 19)]);
    expect(added.map((r) => r.toString())).toEqual(['Stephen Miller']);
    expect([...document.querySelectorAll(MARK_TAG)].map((m) => m.textContent)).toEqual(['Jeff Sessions', 'Stephen Miller']);
    h.destroy();
    expect(document.body.innerHTML).toBe(before);
  });

  it('marks carry !important inline styles so page rules cannot hide them', () => {
    document.body.innerHTML = '<p>Jeff Sessions</p>';
    const text = document.querySelector('p')!.firstChild as Text;
    const highlighter = createHighlighter(document);
    highlighter.set('mention', [rangeOf(text, 0, 4)]);
    const mark = document.querySelector(MARK_TAG) as HTMLElement;
    expect(mark.getAttribute('style')).toContain('display: inline !important');
    highlighter.destroy();
    expect(document.body.innerHTML).toBe('<p>Jeff Sessions</p>');
  });
});
