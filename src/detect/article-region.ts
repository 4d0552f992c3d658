/**
 * Where the article is. Coverage must be decided by the story itself, not by the navigation,
 * related-story rails, comments, ads or footer around it, so the scanner reads only this region
 * and leaves out the boilerplate inside it (`isBoilerplate`, given to the text model).
 *
 * Order of evidence: an explicit articleBody microdata element; else the element holding the most
 * paragraph text (each paragraph credits its parent fully and its next two ancestors less, as in
 * Readability), ignoring candidates in boilerplate; else <body>. The winner is widened to its
 * <article> (or to the element that also holds the page's <h1>) so the headline counts too.
 *
 * Cheap on purpose (it runs on every page): tag names, class/id/role strings and textContent
 * lengths only; no layout, and no substring attribute selectors, which defeat the browser's
 * fast paths for querySelectorAll.
 */

import { runToEnd, unslicedClock, type SliceClock, type Steps } from './slices';

/** Tags that are never the story. (<header> is not here: an article's own header holds its headline.) */
const BOILERPLATE_TAGS = new Set(['nav', 'aside', 'footer', 'form']);
const BOILERPLATE_ROLES = new Set(['navigation', 'complementary', 'contentinfo', 'banner', 'dialog']);
/** Class or id words of rails, ads, share bars, comment threads and site chrome. */
const BOILERPLATE_NAME =
  /(?:^|[\s_-])(?:ads?|advert\w*|adsbygoogle|sponsor\w*|promo\w*|related|recirc\w*|rail|sidebar|comments?|newsletter|subscribe|share|sharing|social|breadcrumbs?|outbrain|taboola|trending|most-(?:read|popular|viewed)|more-stories|site-(?:header|footer)|widget-area)(?:$|[\s_-])/i;

/**
 * Whether an element is page furniture rather than story: by tag, ARIA role, or a class/id word.
 * `tag` is the element's local name, passed in by callers that already read it.
 */
export function isBoilerplate(el: Element, tag: string = el.localName): boolean {
  if (BOILERPLATE_TAGS.has(tag)) return true;
  // Most story paragraphs carry no attribute at all: one native call instead of three reads.
  if (!el.hasAttributes()) return false;
  const role = el.getAttribute('role');
  if (role !== null && BOILERPLATE_ROLES.has(role)) return true;
  const names = `${el.getAttribute('class') ?? ''} ${el.id}`;
  return names.length > 1 && BOILERPLATE_NAME.test(names);
}

/**
 * Whether `node` sits in boilerplate below `top` (`top` itself and its ancestors do not count:
 * a <body class="comments-open"> or a wrapper with "sidebar" in its class is not boilerplate).
 */
export function inBoilerplate(node: Node, top: Element): boolean {
  const start = node.nodeType === 1 ? (node as Element) : node.parentElement;
  for (let x = start; x && x !== top; x = x.parentElement) if (isBoilerplate(x)) return true;
  return false;
}

/** Below this much paragraph text, there is no article to find: read the body. */
const MIN_ARTICLE_CHARS = 250;
/** Paragraphs shorter than this are bylines, buttons or captions, not story. */
const MIN_PARAGRAPH_CHARS = 25;
/** How many more paragraphs than the story's own a widened region may hold: ×1.5 + 5. */
const WIDEN_SLACK = 1.5;
const WIDEN_EXTRA_PARAGRAPHS = 5;

export function articleRegion(doc: Document): Element {
  return runToEnd(articleRegionSteps(doc, unslicedClock()));
}

/** `articleRegion` as resumable steps (see slices.ts), pausing between paragraphs. */
export function* articleRegionSteps(doc: Document, clock: SliceClock): Steps<Element> {
  const body = doc.body ?? doc.documentElement;
  const microdata = doc.querySelector('[itemprop~="articleBody"]');
  if (microdata && (paragraphCount(microdata) >= 2 || textLength(microdata) >= MIN_ARTICLE_CHARS)) return widened(microdata, doc);

  const best = yield* densestParagraphContainer(body, clock);
  return best ? widened(best, doc) : body;
}

/** The element credited with the most paragraph text, or null when no article-sized one exists. */
function* densestParagraphContainer(body: Element, clock: SliceClock): Steps<Element | null> {
  const credit = new Map<Element, number>();
  const paragraphs = body.getElementsByTagName('p');
  for (let i = 0; i < paragraphs.length; i++) {
    if (clock.due()) yield;
    const p = paragraphs[i]!;
    const length = textLength(p);
    if (length < MIN_PARAGRAPH_CHARS) continue;
    let ancestor = p.parentElement;
    for (let level = 1; ancestor && level <= 3; level++, ancestor = ancestor.parentElement) {
      credit.set(ancestor, (credit.get(ancestor) ?? 0) + length / level);
    }
  }
  const ranked = [...credit].sort((a, b) => b[1] - a[1]);
  // Only the leaders pay for the boilerplate check: skip rails and comment threads.
  for (const [el, score] of ranked.slice(0, 8)) {
    if (score < MIN_ARTICLE_CHARS) break;
    if (el === body || el.localName === 'html') continue; // the fallback anyway
    if (!inBoilerplate(el, body)) return el;
  }
  return null;
}

/**
 * The story's <article>, or the ancestor that also holds the headline, if not much bigger.
 * Sizes are paragraph counts: a live collection's length costs nothing, while textContent of a
 * 100 KB article builds a 100 KB string.
 */
function widened(el: Element, doc: Document): Element {
  let limit = -1;
  const withinLimit = (candidate: Element) => {
    if (limit < 0) limit = paragraphCount(el) * WIDEN_SLACK + WIDEN_EXTRA_PARAGRAPHS;
    return paragraphCount(candidate) <= limit;
  };
  const article = el.parentElement?.closest('article');
  if (article && withinLimit(article)) el = article;

  const headline = doc.querySelector('h1');
  if (headline && !el.contains(headline)) {
    const common = commonAncestor(el, headline);
    if (common && common !== doc.body && common !== doc.documentElement && withinLimit(common)) return common;
  }
  return el;
}

function commonAncestor(a: Element, b: Element): Element | null {
  for (let el: Element | null = a; el; el = el.parentElement) if (el.contains(b)) return el;
  return null;
}

function paragraphCount(el: Element): number {
  return el.getElementsByTagName('p').length;
}

function textLength(el: Element): number {
  return el.textContent?.length ?? 0;
}
