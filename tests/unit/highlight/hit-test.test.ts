import { describe, expect, it } from 'vitest';
import { HitIndex } from '../../../src/highlight/hit-test';

describe('HitIndex', () => {
  it('indexes a range under every text node it touches', () => {
    document.body.innerHTML = '<p>Attorney General <a href="#">Jeff</a> Sessions said. Then Sessions left.</p>';
    const before = document.body.firstChild!.firstChild as Text;
    const after = document.querySelector('a')!.nextSibling as Text;
    const across = document.createRange();
    across.setStart(before, 0);
    across.setEnd(after, ' Sessions'.length);
    const inOne = document.createRange();
    inOne.setStart(after, after.data.indexOf('Sessions left'));
    inOne.setEnd(after, after.data.indexOf(' left'));

    const alone = new HitIndex([{ range: inOne, value: 'short' }]);
    expect(alone.size).toBe(1);
    const both = new HitIndex([
      { range: across, value: 'title' },
      { range: inOne, value: 'short' },
    ]);
    expect(both.size).toBe(3); // the text before the link, the link's, and the text after it
  });
});
