import { describe, expect, it } from 'vitest';
import type { Mention } from '../../../../src/detect/mentions';
import { buildTextModel } from '../../../../src/detect/text-model';
import { figuresIn, hoverTargets } from '../../../../src/content/session/hover-targets';
import type { Target } from '../../../../src/content/session/pointer-cards';
import { rangeOf } from './fakes';

describe('hoverTargets', () => {
  it('puts notes first, offering the card of a name inside the noted passage, then names, then counts', () => {
    document.body.innerHTML = '<p>Jeff Sessions issued the memo. Stephen Miller spoke. About 2,300 children.</p>';
    const jeff: Mention = { entityId: 'jeff-sessions', start: 0, end: 13, text: 'Jeff Sessions' };
    const miller: Mention = { entityId: 'stephen-miller', start: 31, end: 45, text: 'Stephen Miller' };
    const ranges = [rangeOf(document, 'Jeff Sessions'), rangeOf(document, 'Stephen Miller')];
    const noted = rangeOf(document, 'Jeff Sessions issued the memo.');
    const note: Target = { range: noted, value: { kind: 'note', note: { id: 'n1' } as never } };
    const elsewhere: Target = { range: rangeOf(document, 'spoke'), value: { kind: 'note', note: { id: 'n2' } as never } };
    const count: Target = { range: rangeOf(document, '2,300 children'), value: { kind: 'figure', figure: {} as never } };
    const targets = hoverTargets({ mentions: [jeff, miller], ranges }, [note, elsewhere], [count], (id) => (id === 'jeff-sessions' ? 'Jeff Sessions (pack)' : undefined));
    expect(targets.map((t) => t.value.kind)).toEqual(['note', 'note', 'mention', 'mention', 'figure']);
    expect(targets[0]!.value).toMatchObject({ kind: 'note', about: { entityId: 'jeff-sessions', name: 'Jeff Sessions (pack)', mentionText: 'Jeff Sessions' } });
    expect(targets[1]).toBe(elsewhere);
    expect(targets[2]!.range).toBe(ranges[0]);
    expect(targets[4]).toBe(count);
  });
});

describe('figuresIn', () => {
  it('gives each count its range and its words', () => {
    document.body.innerHTML = '<p>Officials said about 2,300 children were separated.</p>';
    const model = buildTextModel(document.body);
    const start = model.text.indexOf('about 2,300 children');
    const found = figuresIn(model, [{ measureId: 'm', count: 2300, start, end: start + 'about 2,300 children'.length } as never], ['about 2,300 children']);
    expect(found).toHaveLength(1);
    expect(found[0]!.figure.text).toBe('about 2,300 children');
    expect(found[0]!.range.toString()).toBe('about 2,300 children');
  });
});
