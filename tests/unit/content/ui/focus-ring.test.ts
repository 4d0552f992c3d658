import { describe, expect, it } from 'vitest';
import { nextInRing } from '../../../../src/content/ui/focus-ring';

describe('nextInRing', () => {
  const ring = ['a', 'b', 'c'].map((id) => Object.assign(document.createElement('button'), { id }));

  it('goes forward and back, round from one end to the other', () => {
    expect(nextInRing(ring, ring[0]!, false)?.id).toBe('b');
    expect(nextInRing(ring, ring[2]!, false)?.id).toBe('a');
    expect(nextInRing(ring, ring[0]!, true)?.id).toBe('c');
    expect(nextInRing(ring, ring[1]!, true)?.id).toBe('a');
  });

  it('starts at the first control (or, going back, the last) when focus is outside the ring', () => {
    expect(nextInRing(ring, null, false)?.id).toBe('a');
    expect(nextInRing(ring, document.body, true)?.id).toBe('c');
  });
});
