import { describe, expect, it } from 'vitest';
import { flatCopies, rebuildText, releaseText } from '../../../src/detect/model-text';
import { buildTextModel, buildTextModelOf, offsetAt, rangeCursor, rangeFor, textLengthOf } from '../../../src/detect/text-model';

const PAGE =
  '<h1>Zero tolerance</h1><p>Attorney General <a href="#">Jeff</a> <em>Sessions</em> said<br>“zero-tolerance” — in May.</p>' +
  '<div hidden>hidden words</div><ul><li>one</li><li>two <b>2,300 children</b></li></ul><script>var x = 1;</script><p>End.</p>';

function page(): HTMLElement {
  document.body.innerHTML = PAGE;
  return document.body;
}

/** Every span of a few lengths, as the text and as the range it makes. */
function spans(model: ReturnType<typeof buildTextModel>): Array<[number, number, string | null]> {
  const out: Array<[number, number, string | null]> = [];
  const length = textLengthOf(model);
  for (let start = 0; start < length; start += 3) {
    for (const size of [1, 5, 17]) out.push([start, start + size, rangeFor(model, start, start + size)?.toString() ?? null]);
  }
  return out;
}

describe('rebuildText', () => {
  it('gives the text the model was built with, separators and all', () => {
    const model = buildTextModel(page());
    expect(model.text).toContain('\n');
    expect(rebuildText(model)).toBe(model.text);
  });

  it('does so for a model of several roots', () => {
    const body = page();
    const model = buildTextModelOf([body.querySelector('h1')!, body.querySelector('ul')!, body.lastElementChild!]);
    expect(rebuildText(model)).toBe(model.text);
  });

  it('keeps every offset where it was when a node has since changed length', () => {
    const body = page();
    const model = buildTextModel(body);
    const original = model.text;
    const end = original.indexOf('End.');
    const li = body.querySelector('li')!.firstChild as Text;
    const at = original.indexOf('one');
    li.data = 'one more';
    let rebuilt = rebuildText(model);
    expect(rebuilt).toHaveLength(original.length);
    expect(rebuilt.slice(at, at + 3)).toBe('one');
    expect(rebuilt.slice(end)).toBe('End.');
    li.data = 'o';
    rebuilt = rebuildText(model);
    expect(rebuilt).toHaveLength(original.length);
    expect(rebuilt.slice(at, at + 3)).toBe('o  ');
    expect(rebuilt.slice(end)).toBe('End.');
  });
});

describe('releaseText', () => {
  it('reads the same text and the same ranges after the text is let go', () => {
    const model = buildTextModel(page());
    const text = model.text;
    const length = textLengthOf(model);
    const before = spans(model);
    const offsets = model.nodes.map((n) => offsetAt(model, n, 1));
    releaseText(model);
    expect(model.text).toBe(text);
    expect(textLengthOf(model)).toBe(length);
    expect(spans(model)).toEqual(before);
    expect(model.nodes.map((n) => offsetAt(model, n, 1))).toEqual(offsets);
    const cursor = rangeCursor(model);
    expect(before.map(([s, e]) => cursor(s, e)?.toString() ?? null)).toEqual(before.map(([, , r]) => r));
  });

  it('rebuilds the text when read, keeps it until told, and reads the nodes again after', () => {
    const body = page();
    const model = buildTextModel(body);
    const text = model.text;
    const drops: Array<() => void> = [];
    releaseText(model, (drop) => drops.push(drop));
    expect(drops).toHaveLength(0);
    expect(model.text).toBe(text);
    expect(model.text).toBe(text);
    // Read twice, rebuilt once.
    expect(drops).toHaveLength(1);
    const end = body.lastElementChild!.firstChild as Text;
    end.data = 'Fin.';
    // Still the text kept.
    expect(model.text).toBe(text);
    drops[0]!();
    expect(model.text).toBe(text.replace('End.', 'Fin.'));
    expect(drops).toHaveLength(2);
  });

  it('by default keeps the rebuilt text for the rest of the task only', async () => {
    const model = buildTextModel(page());
    const text = model.text;
    releaseText(model);
    expect(model.text).toBe(text);
    (model.nodes[0]!).data = 'Zero Tolerance';
    expect(model.text).toBe(text);
    await Promise.resolve();
    expect(model.text).toBe(text.replace('Zero tolerance', 'Zero Tolerance'));
  });
});

describe('flatCopies', () => {
  it('copies texts exactly, one copy per distinct text', () => {
    const copy = flatCopies();
    const source = '“Attorney General Jeff Sessions” 2,300 children 😀 ' + 'x'.repeat(10_000);
    for (const [start, end] of [[0, 33], [1, 32], [34, 48], [49, 51], [0, source.length]] as const) {
      const cut = source.slice(start, end);
      expect(copy(cut)).toBe(cut);
    }
    expect(copy('')).toBe('');
  });
});
