/**
 * Not keeping a long page's text after its scan. The text model's string is the largest thing a
 * scan leaves (two bytes a character as soon as the page has a curly quote), and once the
 * mentions are drawn only the nodes and offsets are needed. The string stays alive as long as
 * anything holds a piece of it: V8 cuts a substring of 13 or more characters as a view into its
 * parent, so mention and figure texts must be copies of their own before it can go.
 */
import { nodeEndsOf, type TextModel } from './text-model';

const SEPARATOR = '\n';
const PAD = ' ';
const COPY_PIECE = 4096;

/**
 * A function returning a flat copy of a text, one copy per distinct text: a page names the same
 * few people tens of thousands of times. The copy is built from character codes, so it can never
 * be a view into the string the text was cut from.
 */
export function flatCopies(): (text: string) => string {
  const copies = new Map<string, string>();
  return (text) => {
    let copy = copies.get(text);
    if (copy === undefined) {
      copy = '';
      // In pieces: a call takes only so many arguments.
      for (let from = 0; from < text.length; from += COPY_PIECE) {
        const codes: number[] = [];
        for (let i = from; i < Math.min(text.length, from + COPY_PIECE); i++) codes.push(text.charCodeAt(i));
        copy += String.fromCharCode(...codes);
      }
      // Keyed by the copy: a key cut from the page's text would keep that text alive.
      copies.set(copy, copy);
    }
    return copy;
  };
}

/**
 * The model's text read again from its nodes, at the model's offsets: the text it was built with
 * while the page has not changed those nodes. A node whose text has since changed length is cut
 * or padded with spaces to its old length, so every later offset still points where it did.
 */
export function rebuildText(model: TextModel): string {
  const { nodes, starts } = model;
  const ends = nodeEndsOf(model);
  const parts: string[] = [];
  let at = 0;
  for (let i = 0; i < nodes.length; i++) {
    const start = starts[i]!;
    const length = ends[i]! - start;
    if (start > at) parts.push(SEPARATOR.repeat(start - at));
    const data = nodes[i]!.data;
    parts.push(data.length === length ? data : data.length > length ? data.slice(0, length) : data + PAD.repeat(length - data.length));
    at = start + length;
  }
  return parts.join('');
}

/**
 * Lets the model's text go: from now on `model.text` is rebuilt from the nodes when read
 * (`rebuildText`) and kept only until `drop` is called (by default once the current task's
 * microtasks have run, so the reads of one task rebuild it once). Offsets into it stay valid.
 */
export function releaseText(model: TextModel, keepUntil: (drop: () => void) => void = queueMicrotask): void {
  let kept: string | null = null;
  Object.defineProperty(model, 'text', {
    configurable: true,
    enumerable: true,
    get(): string {
      if (kept === null) {
        kept = rebuildText(model);
        keepUntil(() => (kept = null));
      }
      return kept;
    },
  });
}
