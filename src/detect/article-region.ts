/**
 * Where the article is. Coverage must be decided by the story itself, not by the navigation,
 * related-story rails, comments, ads or footer around it, so the scanner reads only this region
 * and leaves out the furniture inside it (`ArticleRegion.skipBlock`, given to the text model).
 *
 * Content is the evidence; class names only advise (ideas from Mozilla Readability). One pass
 * weighs the page's paragraphs: <p>, <pre>, list items at half weight, and containers of bare
 * text (a <div> of lines broken by <br>). A paragraph weighs its visible characters less its
 * link text; one mostly of links weighs nothing, and so do hidden ones and those in <nav>,
 * <aside>, <footer>, <form> or ARIA landmarks. Then:
 * - A class or id word (share, related, comments…) marks furniture, except on an element that
 *   holds most of the paragraph text and the longest run of paragraphs: a wrapper, even
 *   <main class="social-share">, never hides the story.
 * - The seed is an articleBody microdata element, else the shown element with the most credit
 *   from story paragraphs (its child paragraphs in full, the next two levels less), or the body
 *   when its own paragraphs outweigh it.
 * - The seed grows to a parent whose children repeat its block (same tag and class, no id) and
 *   hold more of the story's runs, so steps, sections and posts are read whole while columns
 *   beside the story are not; then it widens to its <article> or to the element that also holds
 *   the <h1>, if that is not much bigger.
 * - Inside the region a named block is left out unless it holds a fair share of the region's
 *   paragraphs with few links (sections whose ids come from headings).
 *
 * Cheap on purpose (it runs only on pages that pass the gate): tag names, attributes and text
 * lengths, and the browser's visibility check for the few leading candidates only.
 */

import { runToEnd, unslicedClock, type SliceClock, type Steps } from './slices';
import { hiddenByAttribute } from './text-model';
import { BOILERPLATE_TAGS, hasBoilerplateName, isBoilerplate, isBoilerplateByTag } from './furniture';
import { linkLength, paragraphCount, readableLength, textLength, unitLength, visibleChars } from './text-lengths';

export interface ArticleRegion {
  /** The element whose text is the article. */
  root: Element;
  /** For the text model: blocks under `root` to leave out (furniture that holds little of the story). */
  skipBlock: (el: Element, tag: string) => boolean;
}

/** Below this much paragraph text (visible characters, as all lengths here), there is no article to find: read the body. */
const MIN_ARTICLE_CHARS = 200;
/** Text blocks shorter than this are bylines, buttons or captions, not story... */
const MIN_PARAGRAPH_CHARS = 20;
/** ...but a <p> this long may be a turn of a transcript ("VOSS: How many?"). */
const MIN_TURN_CHARS = 10;
/** List items are weaker evidence of story than paragraphs (references, link lists, menus). */
const LIST_ITEM_WEIGHT = 0.5;
/** A sentence's end: a full stop, question or exclamation mark before a space, a quote or the end. */
const SENTENCE_END = /[.!?。！？](?=[\s"”’)]|$)/;
/** A paragraph whose text is more link than this is a list of links, not story. */
const MAX_LINK_DENSITY = 0.5;
/** A class word never hides an element holding this share of the paragraph text; blocks that grow the region hold this share of its runs. */
const MOST_OF_STORY = 0.5;
/** The region grows to a parent whose blocks like the seed's hold this many times the region's runs... */
const GROW_BY = 1.5;
/** ...looking this many levels above the seed or the last growth. */
const GROW_TRIES = 4;
/** A region holding less than this share of the page's runs is no story of its own. */
const NO_STORY_SHARE = 0.05;
/** A run of paragraphs in one parent is part of the story when it is at least this share of the longest run. */
const RUN_SHARE = 0.2;
/** Inside the region, a block with a furniture word is still story if it holds this share of the region's text... */
const STORY_SHARE_IN_REGION = 0.2;
/** ...with links under this share of it. */
const STORY_MAX_LINKS = 0.1;
/** How many candidates, best first, may be looked at for the seed. */
const CANDIDATES = 8;
/** How much more than the story a widened region may hold: ×1.5 + 5 paragraphs; added text up to ×2 its paragraph text + 1,500 characters. */
const WIDEN_SLACK = 1.5;
const WIDEN_EXTRA_PARAGRAPHS = 5;
const WIDEN_TEXT_SLACK = 2;
const WIDEN_EXTRA_CHARS = 1500;

export function articleRegion(doc: Document): Element {
  return findArticle(doc).root;
}

export function findArticle(doc: Document): ArticleRegion {
  return runToEnd(findArticleSteps(doc, unslicedClock()));
}

/** What the paragraph pass learns about one element on some paragraph's ancestor chain. */
interface Held {
  /** Weighted paragraph text anywhere below. */
  text: number;
  /** Link text in those paragraphs. */
  links: number;
  /** Of the paragraphs not in furniture, those in its own child runs (second pass). */
  ownStory: number;
  /** Text of the story's runs below it: runs of at least a fifth of the longest one (third pass). */
  runs: number;
  /** Readability-style credit from story paragraphs: the parent gets one in full, the next two less (second pass). */
  credit: number;
  /** Weighted text of its own child paragraphs: one run of story. */
  own: number;
}

/** The paragraphs of one parent, weighed together. */
interface Run {
  weight: number;
  /** The parent and its ancestors up to and including the body, nearest first. */
  chain: Element[];
}

/** `findArticle` as resumable steps (see slices.ts), pausing between paragraphs. */
export function* findArticleSteps(doc: Document, clock: SliceClock): Steps<ArticleRegion> {
  const body = doc.body ?? doc.documentElement;
  const held = new Map<Element, Held>();
  const runs = yield* weighParagraphs(body, held, clock);

  // An element holding most of the paragraph text, and the longest run of paragraphs in one
  // parent, is the story whatever its class words say: a wrapper (even <main>) named for a
  // share-button hook never hides it. A comment thread longer than the story is many short
  // runs, so it stays furniture.
  let longestRun: Element | null = null;
  for (const [el, h] of held) if (h.own > (longestRun ? held.get(longestRun)!.own : 0)) longestRun = el;
  const total = held.get(body)?.text ?? 0;
  const holdsTheStory = (el: Element) => longestRun !== null && (held.get(el)?.text ?? 0) >= MOST_OF_STORY * total && el.contains(longestRun);
  const named = new Map<Element, boolean>();
  const isFurnitureName = (el: Element) => {
    let known = named.get(el);
    if (known === undefined) {
      known = el !== body && el.hasAttributes() && hasBoilerplateName(el) && !holdsTheStory(el);
      named.set(el, known);
    }
    return known;
  };
  for (const run of runs) {
    if (clock.due()) yield;
    if (run.chain.some(isFurnitureName)) continue;
    held.get(run.chain[0]!)!.ownStory += run.weight;
    for (let level = 0; level < 3 && level < run.chain.length; level++) held.get(run.chain[level]!)!.credit += run.weight / (level + 1);
  }

  const microdata = doc.querySelector('[itemprop~="articleBody"]');
  let seed: Element | null = null;
  if (microdata && (paragraphCount(microdata) >= 2 || textLength(microdata) >= MIN_ARTICLE_CHARS)) seed = microdata;
  seed ??= bestCandidate(body, held, isFurnitureName);
  if (!seed) return { root: body, skipBlock: (el, tag) => isBoilerplate(el, tag) };

  // A story told in several runs (steps, sections, posts, turns of a transcript) is read whole;
  // scattered short bits of text (widgets, captions, teasers) are not runs of it.
  let longestStoryRun = 0;
  for (const h of held.values()) if (h.ownStory > longestStoryRun) longestStoryRun = h.ownStory;
  for (const [el, h] of held) {
    if (h.ownStory === 0 || h.ownStory < RUN_SHARE * longestStoryRun) continue;
    for (let x: Element | null = el; x; x = x === body ? null : x.parentElement) held.get(x)!.runs += h.ownStory;
  }
  const root = seed === body ? body : widened(grown(seed, body, held), doc, held);
  const rootText = held.get(root)?.text ?? 0;
  return {
    root,
    skipBlock: (el, tag) => {
      if (!isBoilerplate(el, tag)) return false;
      if (isBoilerplateByTag(el, tag)) return true;
      // A named block that holds a fair share of the region's paragraphs, nearly free of links,
      // is story (sections whose ids come from headings such as "Sharing with a developer");
      // a rail of teasers is not.
      if (!isFurnitureName(el)) return false;
      const h = held.get(el);
      return !h || h.text < STORY_SHARE_IN_REGION * rootText || h.links > STORY_MAX_LINKS * h.text;
    },
  };
}

/**
 * Every paragraph's weight (length less link text), summed per parent and then added to the
 * parent's ancestors once. Hidden paragraphs and those in tag or role furniture count for
 * nothing: the text model never reads them either.
 */
function* weighParagraphs(body: Element, held: Map<Element, Held>, clock: SliceClock): Steps<Run[]> {
  const excluded = new Map<Element, boolean>();
  const isExcluded = (el: Element) => {
    let known = excluded.get(el);
    if (known === undefined) {
      known = el.hasAttributes() ? hiddenByAttribute(el) || isBoilerplateByTag(el, el.localName) : BOILERPLATE_TAGS.has(el.localName);
      excluded.set(el, known);
    }
    return known;
  };
  const byParent = new Map<Element, { weight: number; links: number }>();
  for (const p of yield* paragraphUnits(body, clock)) {
    if (clock.due()) yield;
    const parent = p.parentElement;
    if (!parent) continue;
    const length = unitLength(p);
    if (length < (p.localName === 'p' ? MIN_TURN_CHARS : MIN_PARAGRAPH_CHARS)) continue;
    // A <p> is prose by its tag; a list item or a block of bare text must read as prose too: a
    // list of words or data (a tag cloud, a table dump) holds no sentence.
    if (p.localName !== 'p' && !SENTENCE_END.test(p.textContent ?? '')) continue;
    const linkText = linkLength(p);
    if (linkText > MAX_LINK_DENSITY * length || isExcluded(p)) continue;
    let sum = byParent.get(parent);
    if (!sum) byParent.set(parent, (sum = { weight: 0, links: 0 }));
    sum.weight += (length - linkText) * (p.localName === 'li' ? LIST_ITEM_WEIGHT : 1);
    sum.links += linkText;
  }

  // Ancestor chains are shared by runs under the same elements: each element is tested once.
  const chains = new Map<Element, Element[] | null>();
  const chainOf = (el: Element): Element[] | null => {
    let chain = chains.get(el);
    if (chain === undefined) {
      const up = el === body ? [] : el.parentElement ? chainOf(el.parentElement) : null;
      chain = up === null || isExcluded(el) ? null : [el, ...up];
      chains.set(el, chain);
    }
    return chain;
  };
  const runs: Run[] = [];
  for (const [parent, sum] of byParent) {
    if (clock.due()) yield;
    const chain = chainOf(parent);
    if (chain === null) continue;
    for (let level = 0; level < chain.length; level++) {
      const el = chain[level]!;
      let h = held.get(el);
      if (!h) held.set(el, (h = { text: 0, links: 0, ownStory: 0, runs: 0, credit: 0, own: 0 }));
      h.text += sum.weight;
      h.links += sum.links;
      if (level === 0) h.own += sum.weight;
    }
    runs.push({ weight: sum.weight, chain });
  }
  return runs;
}

const PARAGRAPH_TAGS = ['p', 'pre'];
const SPREAD_AT_ONCE = 2048;
/** Containers whose text, when they hold no block of their own, is a paragraph (as Readability reads a <div> of text). */
const TEXT_BLOCK_CONTAINERS = ['div', 'td', 'li', 'blockquote', 'section', 'article'];
/** Children that make an element a container of blocks rather than a block of text. */
const BLOCK_CHILDREN = new Set([
  'address', 'article', 'aside', 'blockquote', 'div', 'dl', 'fieldset', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4',
  'h5', 'h6', 'header', 'hr', 'main', 'nav', 'ol', 'p', 'pre', 'section', 'table', 'ul',
]);

/** Paragraph-like elements: <p>, <pre>, and containers of text that hold no block (text laid out with <br> or bare). */
function* paragraphUnits(body: Element, clock: SliceClock): Steps<Element[]> {
  const units: Element[] = [];
  for (const tag of PARAGRAPH_TAGS) {
    const all = body.getElementsByTagName(tag);
    // A usual page's paragraphs in one native spread; a book-length page's (tens of thousands,
    // each getting a wrapper in this world) one by one, pausing when due.
    if (all.length <= SPREAD_AT_ONCE) {
      units.push(...all);
      continue;
    }
    for (let i = 0; i < all.length; i++) {
      if (clock.due()) yield;
      units.push(all[i]!);
    }
  }
  for (const tag of TEXT_BLOCK_CONTAINERS) {
    const all = body.getElementsByTagName(tag);
    for (let i = 0; i < all.length; i++) {
      if (clock.due()) yield;
      const el = all[i]!;
      if (holdsNoBlock(el)) units.push(el);
    }
  }
  return units;
}

function holdsNoBlock(el: Element): boolean {
  for (let child = el.firstElementChild; child; child = child.nextElementSibling) if (BLOCK_CHILDREN.has(child.localName)) return false;
  return true;
}

/**
 * The shown element with the most credit that is not inside furniture, or null when no
 * article-sized one exists. Visibility is asked of the browser (style and `hidden` toggles that
 * attributes alone do not show), only for these few candidates.
 */
function bestCandidate(body: Element, held: Map<Element, Held>, isFurnitureName: (el: Element) => boolean): Element | null {
  const ranked = [...held].filter(([, h]) => h.credit >= MIN_ARTICLE_CHARS).sort((a, b) => b[1].credit - a[1].credit);
  let best: Element | null = null;
  for (const [el] of ranked.slice(0, CANDIDATES)) {
    if (el === body || el.localName === 'html' || !isShown(el)) continue;
    let furniture = false;
    for (let x: Element | null = el; x && x !== body && !furniture; x = x.parentElement) furniture = isFurnitureName(x);
    if (!furniture) {
      best = el;
      break;
    }
  }
  // The body is the story when its own paragraphs outweigh every candidate inside it (a page
  // of bare <p>s); its credit from deeper levels may be hidden or furniture text.
  const bodyOwn = held.get(body)?.ownStory ?? 0;
  if (bodyOwn >= MIN_ARTICLE_CHARS && bodyOwn > (best ? held.get(best)!.credit : 0)) return body;
  return best;
}

function isShown(el: Element): boolean {
  const check = (el as Element & { checkVisibility?: () => boolean }).checkVisibility;
  return typeof check === 'function' ? check.call(el) : true;
}

/**
 * The seed, grown to an ancestor whose children repeat the seed's block (same tag and class)
 * and hold more of the story's runs between them: a story in steps, sections or posts is read
 * whole, while a story beside columns of teasers is not joined to them.
 */
function grown(seed: Element, body: Element, held: Map<Element, Held>): Element {
  const runs = (el: Element) => held.get(el)?.runs ?? 0;
  let region = seed;
  // No story dominates (a section front of equal teasers): read the part holding most of them.
  const all = runs(body);
  if (runs(seed) < NO_STORY_SHARE * all) {
    while (runs(region) < MOST_OF_STORY * all && region.parentElement && region.parentElement !== body) region = region.parentElement;
    return region;
  }
  let child = seed;
  for (let parent = seed.parentElement, tries = 0; parent && parent !== body && tries < GROW_TRIES; parent = parent.parentElement, tries++) {
    // Blocks with ids are unique places on the page (columns, rails), not repeats of one shape.
    if (!child.hasAttribute('id')) {
      const shape = child.getAttribute('class');
      let like = 0;
      for (let sibling = parent.firstElementChild; sibling; sibling = sibling.nextElementSibling) {
        if (sibling.localName === child.localName && sibling.getAttribute('class') === shape && !sibling.hasAttribute('id')) like += runs(sibling);
      }
      if (like >= GROW_BY * runs(region) && like >= MOST_OF_STORY * runs(parent)) {
        region = parent;
        tries = -1;
      }
    }
    child = parent;
  }
  return region;
}

/**
 * The story's <article>, or the ancestor that also holds the headline, if not much bigger: in
 * paragraphs (a live collection's length costs nothing) and in the visible text it adds, since
 * rails of links and teasers are seldom paragraphs. Only the added parts are read, never the
 * story's own text again.
 */
function widened(el: Element, doc: Document, held: Map<Element, Held>): Element {
  const story = held.get(el)?.text ?? 0;
  let paragraphs = -1;
  const withinLimit = (candidate: Element) => {
    if (paragraphs < 0) paragraphs = paragraphCount(el) * WIDEN_SLACK + WIDEN_EXTRA_PARAGRAPHS;
    if (paragraphCount(candidate) > paragraphs) return false;
    return addedChars(el, candidate, story * WIDEN_TEXT_SLACK + WIDEN_EXTRA_CHARS) >= 0;
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

/**
 * How much visible text `outer` holds besides `inner` (its descendant), or -1 once that passes
 * `limit`: the siblings along the path between them, read one by one.
 */
function addedChars(inner: Element, outer: Element, limit: number): number {
  let added = 0;
  for (let at = inner; at !== outer && at.parentElement; at = at.parentElement) {
    for (let sibling = at.parentElement.firstElementChild; sibling; sibling = sibling.nextElementSibling) {
      if (sibling === at) continue;
      added += readableLength(sibling);
      if (added > limit) return -1;
    }
  }
  return added;
}

function commonAncestor(a: Element, b: Element): Element | null {
  for (let el: Element | null = a; el; el = el.parentElement) if (el.contains(b)) return el;
  return null;
}
