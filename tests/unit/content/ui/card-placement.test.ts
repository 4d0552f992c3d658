import { describe, expect, it } from 'vitest';
import { anchorReference, sameAnchor } from '../../../../src/content/ui/card-placement';

function rangeWithRects(rects: DOMRect[]): Range {
  const p = document.createElement('p');
  p.textContent = 'A name that wraps';
  document.body.append(p);
  const range = document.createRange();
  range.selectNodeContents(p);
  range.getClientRects = () => rects as unknown as DOMRectList;
  return range;
}

describe('anchorReference', () => {
  it('hangs from the line of the name under the pointer, else from its first line', () => {
    const first = new DOMRect(10, 100, 80, 20);
    const second = new DOMRect(0, 120, 40, 20);
    const range = rangeWithRects([first, second]);
    expect(anchorReference(document, { range, rect: second }).getBoundingClientRect()).toBe(second);
    expect(anchorReference(document, { range }).getBoundingClientRect()).toBe(first);
  });
});

describe('sameAnchor', () => {
  it('is the same name and the same line of it', () => {
    const range = rangeWithRects([]);
    const line = new DOMRect(0, 10, 50, 20);
    expect(sameAnchor({ range, rect: line }, { range, rect: new DOMRect(0, 10, 60, 20) })).toBe(true);
    expect(sameAnchor({ range, rect: line }, { range, rect: new DOMRect(0, 30, 50, 20) })).toBe(false);
    expect(sameAnchor({ range }, { range, rect: line })).toBe(false);
    expect(sameAnchor({ range }, { range: document.createRange() })).toBe(false);
  });
});
