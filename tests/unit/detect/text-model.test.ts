import { beforeEach, describe, expect, it } from 'vitest';
import { buildTextModel, buildTextModelOf, nearOffset, offsetAt, rangeCursor, rangeFor, spanOf, type TextModel } from '../../../src/detect/text-model';

function html(markup: string): HTMLElement {
  document.body.innerHTML = markup;
  return document.body;
}

/** The text of every node, to check that `starts` point at each node's data. */
function nodeTexts(model: TextModel): string[] {
  return model.nodes.map((n, i) => model.text.slice(model.starts[i], model.starts[i]! + n.data.length));
}

describe('buildTextModel', () => {
  beforeEach(() => {
    document.body.innerHTML = '';
  });

  it('joins inline elements without separators so split names read as one phrase', () => {
    const model = buildTextModel(html('<p>Attorney General <a href="#">Jeff</a> <em>Sessions</em> said <b>zero</b>-<i>tolerance</i>.</p>'));
    expect(model.text).toBe('Attorney General Jeff Sessions said zero-tolerance.');
    expect(nodeTexts(model)).toEqual(model.nodes.map((n) => n.data));
  });

  it('puts one separator between blocks and at <br>, never inside a node', () => {
    const model = buildTextModel(html('<h1>Headline</h1><p>First<br>line</p><div><p>Second</p>tail</div><ul><li>one</li><li>two</li></ul>'));
    expect(model.text).toBe('Headline\nFirst\nline\nSecond\ntail\none\ntwo');
    for (const [i, node] of model.nodes.entries()) expect(model.text.slice(model.starts[i], model.starts[i]! + node.data.length)).toBe(node.data);
  });

  it('keeps text in paragraphs, lists, blockquotes, captions, headings, pre and svg <text>', () => {
    const model = buildTextModel(
      html('<h2>H</h2><p>P</p><ul><li>L</li></ul><blockquote>Q</blockquote><figure><figcaption>C</figcaption></figure><pre>R</pre><svg><style>.x{}</style><text>S</text><title>T</title></svg>'),
    );
    expect(model.text.split('\n')).toEqual(['H', 'P', 'L', 'Q', 'C', 'R', 'S']);
  });

  it('skips scripts, styles, form fields, templates, hidden and editable regions', () => {
    const model = buildTextModel(
      html(`<p>kept</p><script>var x = "Jeff Sessions";</script><style>p{}</style><noscript>ns</noscript>
        <template><p>tpl</p></template><textarea>ta</textarea><select><option>opt</option></select><input value="in">
        <div hidden>hidden</div><div aria-hidden="true">aria</div><div contenteditable="true">edit</div>
        <div contenteditable="false">not editable</div><div style="display: none">inline hidden</div><div style="DISPLAY: None">shouted</div><p>end</p>`),
    );
    const words = model.text.split(/\s+/).filter(Boolean);
    expect(words).toEqual(['kept', 'not', 'editable', 'end']);
  });

  it('skips elements matched by options.skip and options.skipSelector', () => {
    const body = html('<p>one</p><backstory-ui><p>ours</p></backstory-ui><div class="mine">also ours</div><p>two</p>');
    const model = buildTextModel(body, { skip: (el) => el.localName === 'backstory-ui', skipSelector: '.mine' });
    expect(model.text).toBe('one\ntwo');
  });

  it('returns an empty model for a root inside a skipped region', () => {
    html('<div hidden><p id="x">secret</p></div>');
    expect(buildTextModel(document.getElementById('x')!).text).toBe('');
  });

  it('leaves out skipBlock subtrees below the root but not the root itself', () => {
    html('<div class="page-with-sidebar"><p>story <span class="sidebar">inline kept</span></p><aside>rail</aside><div class="sidebar">box</div></div>');
    const root = document.querySelector('.page-with-sidebar')!;
    const seen: string[] = [];
    const skipBlock = (el: Element, tag: string) => {
      seen.push(tag);
      return tag === 'aside' || el.classList.contains('sidebar');
    };
    expect(buildTextModel(root, { skipBlock }).text).toBe('story inline kept');
    expect(seen).toEqual(['p', 'aside', 'div']); // block-level tags only
  });

  it('models several roots with a separator between them', () => {
    html('<p id="a">Jeff</p><p id="b">Sessions</p>');
    const model = buildTextModelOf([document.getElementById('a')!, document.getElementById('b')!]);
    expect(model.text).toBe('Jeff\nSessions');
  });
});

describe('offsetAt', () => {
  it('maps a position in a node to the model and returns -1 for foreign nodes', () => {
    const model = buildTextModel(html('<p>alpha <b>beta</b></p><p>gamma</p>'));
    const gamma = model.nodes.find((n) => n.data === 'gamma')!;
    expect(offsetAt(model, gamma, 2)).toBe(model.text.indexOf('gamma') + 2);
    expect(offsetAt(model, document.createTextNode('x'), 0)).toBe(-1);
  });
});

describe('rangeFor', () => {
  it('spans several text nodes for a name split across inline elements', () => {
    const model = buildTextModel(html('<p>Said <a href="#">Jeff</a> Sessions today.</p>'));
    const start = model.text.indexOf('Jeff');
    const range = rangeFor(model, start, start + 'Jeff Sessions'.length)!;
    expect(range.toString()).toBe('Jeff Sessions');
    expect(range.startContainer).not.toBe(range.endContainer);
  });

  it('starts after a separator and returns null for empty or out-of-model spans', () => {
    const model = buildTextModel(html('<p>one</p><p>two</p>'));
    expect(rangeFor(model, 3, 7)!.toString()).toBe('two');
    expect(rangeFor(model, 2, 2)).toBeNull();
    expect(rangeFor(model, 0, 99)).toBeNull();
  });

  it('returns null when the page shortened the node since the model was built', () => {
    const model = buildTextModel(html('<p>Jeff Sessions</p>'));
    model.nodes[0]!.data = 'Jeff';
    expect(rangeFor(model, 5, 13)).toBeNull();
  });
});

describe('rangeCursor', () => {
  const describeRange = (r: Range | null) => (r ? [r.startContainer, r.startOffset, r.endContainer, r.endOffset, r.toString()] : null);

  it('gives the ranges rangeFor gives, for spans in text order, out of order and out of the model', () => {
    const model = buildTextModel(html('<h1>Zero tolerance</h1><p>Said <a href="#">Jeff</a> Sessions, then <em>Kirstjen</em> Nielsen.</p><p>two</p>'));
    const spans: Array<[number, number]> = [];
    for (let start = 0; start < model.text.length; start += 3) spans.push([start, Math.min(start + 9, model.text.length)]);
    spans.push([4, 4], [2, 1], [0, 999], [5, 12], [14, 15], [1, 30]);
    const cursor = rangeCursor(model);
    for (const [start, end] of spans) expect(describeRange(cursor(start, end)), `${start}–${end}`).toEqual(describeRange(rangeFor(model, start, end)));
  });
});

describe('spanOf', () => {
  it('gives a selection inside text nodes as offsets in the model', () => {
    const model = buildTextModel(html('<p>Zero <em>tolerance</em> policy.</p>'));
    const range = document.createRange();
    range.setStart(model.nodes[0]!, 2);
    range.setEnd(model.nodes[1]!, 4);
    expect(spanOf(model, range)).toEqual({ start: 2, end: 9 });
    expect(model.text.slice(2, 9)).toBe('ro tole');
  });

  it('moves boundaries on elements to the nearest text inside (a triple-click selects up to the next block)', () => {
    const body = html('<p>First paragraph.</p><p>Second one.</p>');
    const model = buildTextModel(body);
    const range = document.createRange();
    range.setStart(body, 0);
    range.setEnd(body.children[1]!, 0);
    const span = spanOf(model, range)!;
    expect(model.text.slice(span.start, span.end)).toBe('First paragraph.');
  });

  it('is null for a selection that covers none of the model’s text', () => {
    const body = html('<p>Text</p><p></p>');
    const model = buildTextModel(body);
    const range = document.createRange();
    range.selectNodeContents(body.children[1]!);
    expect(spanOf(model, range)).toBeNull();
  });
});

describe('nearOffset', () => {
  it('finds a position in a model node where offsetAt does, without an index', () => {
    document.body.innerHTML = '<p>One <b>two</b> three.</p><div hidden>left out</div><p>Four <i>five</i>.</p>';
    const model = buildTextModel(document.body);
    for (const node of model.nodes) {
      for (const offset of [0, 1, node.data.length, node.data.length + 3]) expect(nearOffset(model, node, offset)).toBe(offsetAt(model, node, offset));
    }
  });

  it('gives text the model left out the start of the next model node, and -1 after the last', () => {
    document.body.innerHTML = '<p>One two.</p><div hidden>left out</div><p>Three.</p><div hidden>tail</div>';
    const model = buildTextModel(document.body);
    const [left, tail] = Array.from(document.querySelectorAll('div'), (d) => d.firstChild!);
    expect(nearOffset(model, left!, 2)).toBe(model.text.indexOf('Three'));
    expect(nearOffset(model, left!.parentNode!, 0)).toBe(model.text.indexOf('Three'));
    expect(nearOffset(model, tail!, 0)).toBe(-1);
  });

  it('asks by node once the page has removed one of the model nodes', () => {
    document.body.innerHTML = '<p>One.</p><p>Two.</p><p>Three.</p>';
    const model = buildTextModel(document.body);
    // The search's first step meets the removed node.
    document.querySelectorAll('p')[1]!.remove();
    const three = model.nodes[2]!;
    expect(nearOffset(model, three, 1)).toBe(offsetAt(model, three, 1));
  });
});
