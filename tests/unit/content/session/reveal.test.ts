import { afterEach, describe, expect, it, vi } from 'vitest';
import { revealForCard } from '../../../../src/content/session/reveal';
import { rangeOf } from './fakes';

function nameAt(top: number): Range {
  document.body.innerHTML = '<p>Officials said Jeff Sessions spoke.</p>';
  const range = rangeOf(document, 'Jeff Sessions');
  range.getBoundingClientRect = () => new DOMRect(40, top, 100, 20);
  return range;
}

afterEach(() => vi.restoreAllMocks());

describe('revealForCard', () => {
  it('scrolls a name low in the window up to a quarter of the way down, leaving the card room below', () => {
    vi.spyOn(window, 'innerHeight', 'get').mockReturnValue(800);
    const scrollBy = vi.spyOn(window, 'scrollBy').mockImplementation(() => undefined);
    Element.prototype.scrollIntoView = vi.fn();
    revealForCard(nameAt(600));
    expect(scrollBy).toHaveBeenCalledWith({ top: 400, behavior: 'instant' });
  });

  it('leaves a name already comfortably in view where it is', () => {
    vi.spyOn(window, 'innerHeight', 'get').mockReturnValue(800);
    const scrollBy = vi.spyOn(window, 'scrollBy').mockImplementation(() => undefined);
    Element.prototype.scrollIntoView = vi.fn();
    revealForCard(nameAt(200));
    expect(scrollBy).not.toHaveBeenCalled();
  });
});
