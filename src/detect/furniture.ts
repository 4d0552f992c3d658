/**
 * Page furniture: what is never the story (navigation, asides, footers, forms, ARIA landmarks) and
 * what class or id words mark as rails, ads, share bars and comment threads. The tag and role are
 * final; a name is only a sign, which the article finder overrules where an element holds the story.
 */

/** Tags that are never the story. (<header> is not here: an article's own header holds its headline.) */
export const BOILERPLATE_TAGS = new Set(['nav', 'aside', 'footer', 'form']);
const BOILERPLATE_ROLES = new Set(['navigation', 'complementary', 'contentinfo', 'banner', 'dialog']);
/**
 * Class or id words of rails, ads, share bars, comment threads and site chrome, matched in
 * lowercased names: a case-insensitive regex costs about twice as much to compile, and this one
 * is compiled cold on every page that passes the gate.
 */
const BOILERPLATE_NAME =
  /(?:^|[\s_-])(?:ads?|advert\w*|adsbygoogle|sponsor\w*|promo\w*|related|recirc\w*|rail|sidebar|comments?|newsletter|subscribe|share|sharing|social|breadcrumbs?|outbrain|taboola|trending|most-(?:read|popular|viewed)|more-stories|site-(?:header|footer)|widget-area)(?:$|[\s_-])/;

/** Furniture by tag or ARIA role: never story, whatever it holds. */
export function isBoilerplateByTag(el: Element, tag: string): boolean {
  if (BOILERPLATE_TAGS.has(tag)) return true;
  const role = el.getAttribute('role');
  return role !== null && BOILERPLATE_ROLES.has(role);
}

/** Furniture by a class or id word: a sign that content can overrule. */
export function hasBoilerplateName(el: Element): boolean {
  const names = `${el.getAttribute('class') ?? ''} ${el.id}`;
  return names.length > 1 && BOILERPLATE_NAME.test(names.toLowerCase());
}

/**
 * Whether an element looks like page furniture rather than story: by tag, ARIA role, or a
 * class/id word. `tag` is the element's local name, passed in by callers that already read it.
 * (Inside a region found by `findArticle`, its `skipBlock` also weighs what the element holds.)
 */
export function isBoilerplate(el: Element, tag: string = el.localName): boolean {
  if (BOILERPLATE_TAGS.has(tag)) return true;
  // Most story paragraphs carry no attribute at all: one native call instead of three reads.
  if (!el.hasAttributes()) return false;
  return isBoilerplateByTag(el, tag) || hasBoilerplateName(el);
}

/**
 * Whether `node` sits in boilerplate below `top` (`top` itself and its ancestors do not count:
 * a <body class="comments-open"> or a wrapper with "sidebar" in its class is not boilerplate),
 * by `skipBlock` (a region's own, from `findArticle`) or else by `isBoilerplate`.
 */
export function inBoilerplate(node: Node, top: Element, skipBlock: (el: Element, tag: string) => boolean = isBoilerplate): boolean {
  const start = node.nodeType === 1 ? (node as Element) : node.parentElement;
  for (let x = start; x && x !== top; x = x.parentElement) if (skipBlock(x, x.localName)) return true;
  return false;
}
