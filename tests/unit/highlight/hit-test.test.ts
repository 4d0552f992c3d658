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

  it('indexes on first use, under the nodes the ranges hold then; targets added before and after it are both there', () => {
    document.body.innerHTML = '<p>Jeff Sessions and Kirstjen Nielsen</p>';
    const text = document.body.firstChild!.firstChild as Text;
    const range = (from: string, to: number) => {
      const r = document.createRange();
      r.setStart(text, text.data.indexOf(from));
      r.setEnd(text, text.data.indexOf(from) + to);
      return r;
    };
    const index = new HitIndex([{ range: range('Jeff', 13), value: 'first' }]);
    // The page splits the text node inside the name before anyone points: the range now spans
    // both halves, and the index, built at the first lookup, files it under both.
    const rest = text.splitText(text.data.indexOf('Sessions'));
    expect(index.size).toBe(2);
    const later = document.createRange();
    later.setStart(rest, rest.data.indexOf('Kirstjen'));
    later.setEnd(rest, rest.data.length);
    index.add({ range: later, value: 'second' });
    expect(index.size).toBe(2); // 'Jeff ' and 'Sessions and Kirstjen Nielsen'
  });
});
