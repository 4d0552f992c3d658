/**
 * The visible text under a DOM node as one string, with a map back to the text nodes it came
 * from. Inline elements add nothing, so a name split across `<a>Jeff</a> Sessions` reads as one
 * phrase; block boundaries and <br> add a '\n' separator (in no node) so words of different
 * blocks never fuse.
 *
 * Cheap on purpose: non-text subtrees are known by tag name, attribute-hidden ones come from one
 * existence-only querySelectorAll, and boilerplate from the caller's `skipBlock`, asked only at
 * block elements. Nothing here asks for layout or computed style, so "hidden" means what
 * attributes and tags say (hidden, aria-hidden, contenteditable, inline display:none).
 */

import { runToEnd, unslicedClock, type SliceClock, type Steps } from './slices';
import { firstReached } from './sorted';

export interface TextModel {
  /** Concatenation of the nodes' data, with '\n' separators between blocks. */
  text: string;
  nodes: Text[];
  /** starts[i] is the offset in `text` of nodes[i]. */
  starts: number[];
}

export interface TextModelOptions {
  /** Elements to leave out with their subtree (e.g. the extension's own UI host). Called per element. */
  skip?: (el: Element) => boolean;
  /** Same as `skip`, as a CSS selector, resolved once natively per model. */
  skipSelector?: string;
  /**
   * Block elements to leave out below the roots (the roots' own ancestors are not tested), e.g.
   * the boilerplate inside an article region. Called only for block-level tags, with the tag name.
   */
  skipBlock?: (el: Element, tag: string) => boolean;
}

/** Subtrees whose text a reader does not see as page text, by tag (lowercase local names). */
const NON_TEXT_TAGS = new Set([
  'script', 'style', 'noscript', 'template', 'textarea', 'input', 'select', 'option', 'button', 'iframe',
  'object', 'embed', 'canvas', 'video', 'audio', 'head', 'title', 'desc',
]);

/**
 * Attributes that can hide a subtree. Only existence tests, so the native query stays on its fast
 * path; the values (contenteditable="false", the inline style) are checked in `hiddenByAttribute`.
 */
const HIDING_ATTRIBUTES = '[hidden],[aria-hidden],[contenteditable],[style]';
const INLINE_HIDDEN = /display\s*:\s*none|visibility\s*:\s*hidden/;

export function hiddenByAttribute(el: Element): boolean {
  if (el.hasAttribute('hidden')) return true;
  if (el.getAttribute('aria-hidden') === 'true') return true;
  const editable = el.getAttribute('contenteditable');
  if (editable !== null && editable !== 'false') return true;
  const style = el.getAttribute('style');
  return style !== null && INLINE_HIDDEN.test(style.toLowerCase());
}

/** Elements whose edges separate words (by tag, not by computed style, to stay cheap). */
const BLOCK_TAGS = new Set([
  'address', 'article', 'aside', 'blockquote', 'body', 'caption', 'center', 'dd', 'details', 'dialog',
  'div', 'dl', 'dt', 'fieldset', 'figcaption', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5',
  'h6', 'header', 'hgroup', 'hr', 'legend', 'li', 'main', 'menu', 'nav', 'ol', 'p', 'pre', 'section',
  'summary', 'table', 'tbody', 'td', 'tfoot', 'th', 'thead', 'tr', 'ul', 'img', 'picture', 'svg', 'text',
  'foreignObject',
]);

const SEPARATOR = '\n';
const CHUNK_PARTS = 4096;
const ELEMENT_NODE = 1;
const TEXT_NODE = 3;

/** Each node's end offset in `text`, kept aside so the public shape stays the agreed one. */
const nodeEnds = new WeakMap<TextModel, number[]>();

export function buildTextModel(root: Node, options: TextModelOptions = {}): TextModel {
  return runToEnd(textModelSteps([root], options, unslicedClock()));
}

/**
 * One model over several roots in order (e.g. the nodes a dynamic page added in one batch),
 * with a separator between roots. Roots inside skipped regions are left out.
 */
export function buildTextModelOf(roots: readonly Node[], options: TextModelOptions = {}): TextModel {
  return runToEnd(textModelSteps(roots, options, unslicedClock()));
}

/**
 * `buildTextModelOf` as resumable steps (see slices.ts): a plain loop over the tree in document
 * order, pausing between nodes when the clock says so. If the page removes the node the walk
 * stands on during a pause, the walk ends there (the model is still consistent, only shorter).
 * One loop, not helpers: it runs cold on every covered page, where each call costs more than its body.
 */
export function* textModelSteps(roots: readonly Node[], options: TextModelOptions, clock: SliceClock): Steps<TextModel> {
  const { skip, skipBlock } = options;
  const parts: string[] = [];
  const nodes: Text[] = [];
  const starts: number[] = [];
  const ends: number[] = [];
  let length = 0;
  // Separators are written lazily, before the next text, so there is never one at either end
  // nor two in a row.
  let separatorDue = false;

  // The text is joined a chunk of parts at a time, so a book-length page never joins all of its
  // hundred thousand parts in one step.
  const chunks: string[] = [];

  const addText = (node: Text) => {
    const data = node.data;
    if (data.length === 0) return;
    if (separatorDue && length > 0) {
      parts.push(SEPARATOR);
      length += 1;
    }
    separatorDue = false;
    nodes.push(node);
    starts.push(length);
    parts.push(data);
    length += data.length;
    ends.push(length);
    if (parts.length >= CHUNK_PARTS) {
      chunks.push(parts.join(''));
      parts.length = 0;
    }
  };

  for (const root of roots) {
    separatorDue = true;
    if (isInSkippedRegion(root, options)) continue;
    if (root.nodeType === TEXT_NODE) {
      addText(root as Text);
      continue;
    }
    const hidden = hiddenElementsUnder(root, options.skipSelector);
    // Pre-order walk below `root`: descend into kept elements, else move to the next sibling,
    // climbing out of finished elements (a block's end is a word boundary too).
    let node: Node | null = root.firstChild;
    while (node !== null) {
      const type = node.nodeType;
      // Each DOM property read is a call into the browser, cold on every page: read each once.
      let next: Node | null = null;
      if (type === TEXT_NODE) {
        addText(node as Text);
      } else if (type === ELEMENT_NODE) {
        const el = node as Element;
        const tag = el.localName;
        if (tag === 'br') {
          separatorDue = true;
        } else {
          const block = BLOCK_TAGS.has(tag);
          if (block) separatorDue = true;
          const left =
            NON_TEXT_TAGS.has(tag) ||
            (hidden.size !== 0 && hidden.has(el)) ||
            (skip !== undefined && skip(el)) ||
            (block && skipBlock !== undefined && skipBlock(el, tag));
          if (!left) next = el.firstChild;
          if (next === null && block) separatorDue = true;
        }
      }
      if (next === null) {
        // Climb out of finished elements to the next sibling.
        let at: Node | null = node;
        while (at !== null && at !== root && (next = at.nextSibling) === null) {
          at = at.parentNode;
          if (at !== null && at !== root && BLOCK_TAGS.has((at as Element).localName)) separatorDue = true;
        }
        if (at === null || at === root) next = null;
      }
      node = next;
      if (node !== null && clock.due()) {
        yield;
        // The page ran in between: stop if the walk's place is no longer under the root.
        if (!root.contains(node)) break;
      }
    }
  }

  chunks.push(parts.join(''));
  // Exact-size copies: the room `push` leaves (up to half again) would live as long as the model.
  const model: TextModel = { text: chunks.length === 1 ? chunks[0]! : chunks.join(''), nodes: nodes.slice(), starts: starts.slice() };
  nodeEnds.set(model, ends.slice());
  return model;
}

/** Elements under `root` hidden by attributes (or matching the caller's selector), in one native query. */
function hiddenElementsUnder(root: Node, skipSelector: string | undefined): Set<Element> {
  const hidden = new Set<Element>();
  if (!('querySelectorAll' in root)) return hidden;
  const selector = skipSelector ? `${HIDING_ATTRIBUTES},${skipSelector}` : HIDING_ATTRIBUTES;
  for (const el of (root as ParentNode).querySelectorAll(selector)) {
    if (hiddenByAttribute(el) || (skipSelector !== undefined && el.matches(skipSelector))) hidden.add(el);
  }
  return hidden;
}

/** Whether `node` is, or sits inside, an element the model leaves out. */
function isInSkippedRegion(node: Node, options: TextModelOptions): boolean {
  for (let el = node.nodeType === ELEMENT_NODE ? (node as Element) : node.parentElement; el; el = el.parentElement) {
    if (NON_TEXT_TAGS.has(el.localName) || hiddenByAttribute(el) || options.skip?.(el)) return true;
    if (options.skipSelector && el.matches(options.skipSelector)) return true;
  }
  return false;
}

const positionsOfModel = new WeakMap<TextModel, Map<Text, number>>();

/** Offset in `model.text` of a position inside one of its nodes; -1 when the node is not in it. */
export function offsetAt(model: TextModel, node: Text, offsetInNode: number): number {
  let positions = positionsOfModel.get(model);
  if (!positions) {
    positions = new Map(model.nodes.map((n, i) => [n, i]));
    positionsOfModel.set(model, positions);
  }
  const i = positions.get(node);
  if (i === undefined) return -1;
  const start = model.starts[i]!;
  const clamped = Math.max(0, Math.min(offsetInNode, endOf(model, i) - start));
  return start + clamped;
}

/**
 * About where a point of the page is in `model`: the offset of a position in one of its text
 * nodes, else the start of the first of its nodes after it (text the model left out, such as a
 * caption). A binary search by document order: no index of the nodes is built (on a book-length
 * page that is a hundred thousand entries). -1 when the point is after every node.
 */
export function nearOffset(model: TextModel, node: Node, offset: number): number {
  const { nodes, starts } = model;
  let low = 0;
  let high = nodes.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    const other = nodes[mid]!;
    if (other === node) return starts[mid]! + Math.max(0, Math.min(offset, other.data.length));
    const where = node.compareDocumentPosition(other);
    // The page removed one of the model's nodes: its order is unknown, ask by node instead.
    if (where & Node.DOCUMENT_POSITION_DISCONNECTED) return node.nodeType === Node.TEXT_NODE ? offsetAt(model, node as Text, offset) : -1;
    // Nodes inside `node` (an element) count as after the point.
    if (where & (Node.DOCUMENT_POSITION_FOLLOWING | Node.DOCUMENT_POSITION_CONTAINED_BY)) high = mid;
    else low = mid + 1;
  }
  return low < nodes.length ? starts[low]! : -1;
}

/**
 * A DOM Range over model.text[start, end), across as many text nodes as it takes; null when the
 * span is empty, outside the model, or the page has since changed those nodes.
 */
export function rangeFor(model: TextModel, start: number, end: number): Range | null {
  if (!(start < end) || start < 0 || end > textLengthOf(model)) return null;
  // First node that ends after `start` (skips a separator at `start`).
  const first = firstNodeEndingAfter(nodeEndsOf(model), start);
  return first === -1 ? null : rangeFrom(model, first, start, end);
}

/**
 * `rangeFor` for spans given in text order (a scan's mentions): each span's first node is found
 * by going on from the previous span's, not by a search. Same ranges as `rangeFor`.
 */
export function rangeCursor(model: TextModel): (start: number, end: number) => Range | null {
  const ends = nodeEndsOf(model);
  const length = textLengthOf(model);
  let at = 0;
  return (start, end) => {
    if (!(start < end) || start < 0 || end > length) return null;
    // A span before the last one: start again from the first node.
    if (at > 0 && ends[at - 1]! > start) at = 0;
    while (at < ends.length && ends[at]! <= start) at++;
    return at === ends.length ? null : rangeFrom(model, at, start, end);
  };
}

/** The range over [start, end) from node `first` (the first node ending after `start`). */
function rangeFrom(model: TextModel, first: number, start: number, end: number): Range | null {
  const { nodes, starts } = model;
  const ends = nodeEndsOf(model);
  // Last node that starts before `end`: most spans lie in one node, which spares a second search.
  const last = ends[first]! >= end && starts[first]! < end ? first : lastNodeStartingBefore(starts, end);
  if (last === -1 || last < first) return null;
  const firstNode = nodes[first]!;
  const lastNode = nodes[last]!;
  const startOffset = Math.max(0, start - starts[first]!);
  const endOffset = Math.min(end, ends[last]!) - starts[last]!;
  const firstLength = firstNode.data.length;
  if (startOffset > firstLength || endOffset > (lastNode === firstNode ? firstLength : lastNode.data.length)) return null;
  const range = (firstNode.ownerDocument ?? document).createRange();
  try {
    range.setStart(firstNode, startOffset);
    range.setEnd(lastNode, endOffset);
  } catch {
    return null; // the nodes moved or were removed since the model was built
  }
  return range;
}

/**
 * Where a DOM range (a reader's selection) starts and ends in `model.text`; null when it covers
 * none of the model's text.
 */
export function spanOf(model: TextModel, range: Range): { start: number; end: number } | null {
  const start = boundaryOffset(model, range.startContainer, range.startOffset, 'start');
  const end = boundaryOffset(model, range.endContainer, range.endOffset, 'end');
  return start < 0 || end <= start ? null : { start, end };
}

/**
 * A range boundary as an offset in the model. Boundaries may sit on elements (triple-click
 * selects up to the next block): those move to the nearest model text inside or after (start),
 * or before (end), the boundary.
 */
export function boundaryOffset(model: TextModel, container: Node, offset: number, side: 'start' | 'end'): number {
  if (container.nodeType === Node.TEXT_NODE) {
    const at = offsetAt(model, container as Text, offset);
    if (at >= 0) return at;
  }
  const doc = container.ownerDocument;
  if (!doc) return -1;
  const probe = doc.createRange();
  const count = model.nodes.length;
  for (let k = 0; k < count; k++) {
    const i = side === 'start' ? k : count - 1 - k;
    const node = model.nodes[i]!;
    probe.selectNodeContents(node);
    let where: number;
    try {
      where = probe.comparePoint(container, offset);
    } catch {
      return -1;
    }
    if (side === 'start' && where <= 0) return model.starts[i]!;
    if (side === 'end' && where >= 0) return model.starts[i]! + node.data.length;
  }
  return -1;
}

/**
 * The length of `model.text`, read from the nodes' offsets: the text itself may have been let go
 * (model-text.ts) and is rebuilt only when read.
 */
export function textLengthOf(model: TextModel): number {
  const ends = nodeEndsOf(model);
  return ends.length === 0 ? 0 : ends[ends.length - 1]!;
}

/** Each node's end offset: kept when the model was built, else computed (a model made elsewhere). */
export function nodeEndsOf(model: TextModel): readonly number[] {
  let ends = nodeEnds.get(model);
  if (!ends) {
    ends = model.nodes.map((node, i) => model.starts[i]! + node.data.length);
    nodeEnds.set(model, ends);
  }
  return ends;
}

function endOf(model: TextModel, i: number): number {
  return nodeEndsOf(model)[i]!;
}

/** Index of the first node ending after `offset`; -1 when none does. */
function firstNodeEndingAfter(ends: readonly number[], offset: number): number {
  const i = firstReached(ends.length, (j) => ends[j]! > offset);
  return i === ends.length ? -1 : i;
}

/** Index of the last node starting before `offset`; -1 when none does. */
function lastNodeStartingBefore(starts: readonly number[], offset: number): number {
  return firstReached(starts.length, (j) => starts[j]! >= offset) - 1;
}
