/**
 * Text lengths as a reader would count them, for weighing paragraphs and regions: saved markup is
 * often mostly indentation, and widgets inline scripts and styles, so neither counts.
 */

export function paragraphCount(el: Element): number {
  return el.getElementsByTagName('p').length;
}

export function textLength(el: Element): number {
  return el.textContent?.length ?? 0;
}

/**
 * Characters a reader could see: the text without white space (saved markup is often mostly
 * indentation) and without the scripts and styles that article markup often inlines.
 */
export function readableLength(el: Element): number {
  let length = visibleChars(el);
  for (const tag of NON_READABLE) for (const x of el.getElementsByTagName(tag)) length -= visibleChars(x);
  return length;
}

/** Text length with each run of white space counted as one (one native replace, no per-space array). */
export function visibleChars(el: Element): number {
  const text = el.textContent ?? '';
  return WHITE_SPACE_RUN.test(text) ? text.replace(WHITE_SPACE_RUNS, ' ').length : text.length;
}
const WHITE_SPACE_RUN = /\s\s/;
const WHITE_SPACE_RUNS = /\s{2,}/g;
const NON_READABLE = ['script', 'style', 'noscript', 'template'];

/** A paragraph's visible characters, without a <style> or <script> inside it (widgets inline them). */
export function unitLength(el: Element): number {
  let length = visibleChars(el);
  for (let child = el.firstElementChild; child; child = child.nextElementSibling) {
    if (NON_READABLE.includes(child.localName)) length -= visibleChars(child);
  }
  return length;
}

export function linkLength(el: Element): number {
  if (el.firstElementChild === null) return 0; // most paragraphs: plain text, no collection to make
  let length = 0;
  for (const a of el.getElementsByTagName('a')) length += visibleChars(a);
  return length;
}
