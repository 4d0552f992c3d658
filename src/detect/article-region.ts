/**
 * Where the article is. Coverage must be decided by the story itself, not by the navigation,
 * related-story rails, comments, ads or footer around it, so the scanner reads only this region
 * and leaves out the boilerplate inside it (BOILERPLATE_SELECTOR).
 *
 * Order of evidence: an explicit articleBody microdata element; else the element holding the most
 * paragraph text (each paragraph credits its parent fully and its next two ancestors less, as in
 * Readability), ignoring paragraphs in boilerplate; else <body>. The winner is widened to its
 * <article> (or to the element that also holds the page's <h1>) so the headline counts too.
 * Everything here is native queries and textContent lengths: no layout.
 */

/** Parts of a page (or of an article) that are not the story. Matched natively, once per scan. */
export const BOILERPLATE_SELECTOR = [
  'nav',
  'aside',
  'footer',
  'form',
  '[role="navigation"]',
  '[role="complementary"]',
  '[role="contentinfo"]',
  '[role="banner"]',
  '[role="dialog"]',
  '[aria-label*="related" i]',
  '[class~="ad"]',
  '[class~="ads"]',
  '[class*="advert" i]',
  '[id^="ad-"]',
  '[class^="ad-"]',
  '[class*=" ad-"]',
  '[class*="-ad "]',
  '[class$="-ad"]',
  'ins.adsbygoogle',
  '[class*="sponsor" i]',
  '[class*="promo" i]',
  '[class*="related" i]',
  '[id*="related" i]',
  '[class*="recirc" i]',
  '[class*="more-stories" i]',
  '[class*="most-popular" i]',
  '[class*="most-read" i]',
  '[class*="trending" i]',
  '[class*="sidebar" i]',
  '[id*="sidebar" i]',
  '[class~="rail"]',
  '[class*="-rail" i]',
  '[class*="comment" i]',
  '[id*="comment" i]',
  '[class*="newsletter" i]',
  '[class*="subscribe" i]',
  '[class*="share-" i]',
  '[class~="share"]',
  '[class*="social" i]',
  '[class*="breadcrumb" i]',
  '[class*="outbrain" i]',
  '[class*="taboola" i]',
  '[class*="site-header" i]',
  '[class*="site-footer" i]',
].join(',');

const PARAGRAPHS = 'p, pre, blockquote, li';
/** Below this much paragraph text, there is no article to find: read the body. */
const MIN_ARTICLE_CHARS = 250;
/** How much more text than the article's own a widened region may hold. */
const WIDEN_SLACK = 1.5;

export function articleRegion(doc: Document): Element {
  const body = doc.body ?? doc.documentElement;
  const microdata = doc.querySelector('[itemprop~="articleBody"]');
  if (microdata && textLength(microdata) >= MIN_ARTICLE_CHARS) return widened(microdata, doc);

  const best = densestParagraphContainer(body);
  return best ? widened(best, doc) : body;
}

/** The element credited with the most paragraph text, or null when no article-sized one exists. */
function densestParagraphContainer(body: Element): Element | null {
  const credit = new Map<Element, number>();
  for (const p of body.querySelectorAll(PARAGRAPHS)) {
    const length = textLength(p);
    if (length < 25) continue; // bylines, buttons, one-word list items
    let ancestor = p.parentElement;
    for (let level = 1; ancestor && level <= 3; level++, ancestor = ancestor.parentElement) {
      credit.set(ancestor, (credit.get(ancestor) ?? 0) + length / level);
    }
  }
  const ranked = [...credit].sort((a, b) => b[1] - a[1]);
  // Only the winner(s) pay for the boilerplate check: skip rails and comment threads.
  for (const [el, score] of ranked.slice(0, 8)) {
    if (score < MIN_ARTICLE_CHARS) break;
    if (el === body || el.localName === 'html') continue; // the fallback anyway
    if (!inBoilerplate(el, body)) return el;
  }
  return null;
}

/** The story's <article>, or the ancestor that also holds the headline, if not much bigger. */
function widened(el: Element, doc: Document): Element {
  const ownLength = textLength(el);
  const article = el.closest('article');
  if (article && article !== el && textLength(article) <= ownLength * WIDEN_SLACK + 1000) el = article;

  const headline = doc.querySelector('h1');
  if (headline && !el.contains(headline)) {
    const common = commonAncestor(el, headline);
    if (common && common !== doc.body && common !== doc.documentElement && textLength(common) <= ownLength * WIDEN_SLACK + 1000) {
      return common;
    }
  }
  return el;
}

/**
 * Whether `node` sits in boilerplate below `top` (`top` itself and its ancestors do not count:
 * a <body class="comments-open"> or a wrapper with "sidebar" in its class is not boilerplate).
 */
export function inBoilerplate(node: Node, top: Element): boolean {
  const start = node.nodeType === 1 ? (node as Element) : node.parentElement;
  for (let x = start; x && x !== top; x = x.parentElement) if (x.matches(BOILERPLATE_SELECTOR)) return true;
  return false;
}

function commonAncestor(a: Element, b: Element): Element | null {
  for (let el: Element | null = a; el; el = el.parentElement) if (el.contains(b)) return el;
  return null;
}

function textLength(el: Element): number {
  return el.textContent?.length ?? 0;
}
