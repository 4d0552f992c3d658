import { afterEach, describe, expect, it, vi } from 'vitest';
import { articleRegion, findArticle } from '../../../src/detect/article-region';
import { buildTextModel } from '../../../src/detect/text-model';

const para = (text: string, n = 6) => Array.from({ length: n }, (_, i) => `<p>${text} Paragraph ${i} carries enough words to count as story text.</p>`).join('');

function page(body: string): Document {
  return new DOMParser().parseFromString(`<!doctype html><html><body>${body}</body></html>`, 'text/html');
}

/** The text the scanner reads: the region's root, less the blocks it leaves out. */
function regionText(doc: Document): string {
  const region = findArticle(doc);
  return buildTextModel(region.root, { skipBlock: region.skipBlock }).text;
}

const rail = (id: string) => `<div id="${id}">${Array.from({ length: 8 }, (_, i) => `<p><a href="/x${i}">Teaser ${i} on another story</a> and what it says, with a little more than a headline.</p>`).join('')}</div>`;

describe('articleRegion', () => {
  it('picks the <article> and widens to it from the densest paragraph container', () => {
    const doc = page(`<nav>${para('Menu', 2)}</nav><article id="a"><h1>Headline</h1><div class="body">${para('Story')}</div></article><footer>${para('Footer', 2)}</footer>`);
    expect(articleRegion(doc).id).toBe('a');
  });

  it('prefers [itemprop=articleBody], widened to the enclosing article', () => {
    const doc = page(`<div id="wrap"><h1>Headline</h1><div itemprop="articleBody">${para('Story')}</div></div><div class="rail">${para('Rail', 8)}</div>`);
    const region = articleRegion(doc);
    expect(region.id).toBe('wrap');
    expect(regionText(doc)).toContain('Headline');
    expect(regionText(doc)).not.toContain('Rail');
  });

  it('finds the story in div soup without semantic tags', () => {
    const doc = page(`<div class="top">${para('Top', 1)}</div><div><div><div class="txt">${para('Story', 6)}</div></div></div><div class="bottom">${para('Links', 2)}</div>`);
    expect(regionText(doc)).toContain('Story Paragraph 5');
    expect(regionText(doc)).not.toContain('Links');
  });

  it('takes the container of a live blog whose posts are separate articles', () => {
    const posts = Array.from({ length: 6 }, (_, i) => `<article class="post"><div class="post-body">${para(`Post${i}`, 1)}</div></article>`).join('');
    const doc = page(`<main><h1>Live</h1><div id="feed">${posts}</div></main><aside>${para('Rail', 3)}</aside>`);
    const text = regionText(doc);
    expect(text).toContain('Post0');
    expect(text).toContain('Post5');
    expect(text).not.toContain('Rail');
  });

  it('is not decided by a comment thread longer than the story', () => {
    const comments = Array.from({ length: 12 }, (_, i) => `<div class="comment">${para(`Comment${i}`, 2)}</div>`).join('');
    const doc = page(`<div id="story"><h1>Headline</h1>${para('Story', 5)}</div><section id="comments">${comments}</section>`);
    expect(articleRegion(doc).id).toBe('story');
  });

  it('leaves out related-story rails, ads and share bars inside the article', () => {
    const doc = page(`<article><h1>Headline</h1>${para('Story')}<div class="related-stories"><p>Sessions defends family separation policy in a related link</p></div><div class="ad-slot">Advertisement text here</div><ul class="share-tools"><li>Share this story on social media now</li></ul></article>`);
    const text = regionText(doc);
    expect(text).toContain('Story Paragraph 5');
    expect(text).not.toMatch(/Sessions|Advertisement|Share/);
  });

  it('knows furniture words in any case (class="Related-Stories", id="SIDEBAR")', () => {
    const doc = page(`<article><h1>Headline</h1>${para('Story')}<div class="Related-Stories"><p>Sessions defends family separation policy in a related link</p></div><div id="SIDEBAR"><p>Advertisement text here, at some length</p></div></article>`);
    const text = regionText(doc);
    expect(text).toContain('Story Paragraph 5');
    expect(text).not.toMatch(/Sessions|Advertisement/);
  });

  it('does not treat a body class such as "comments-open" as boilerplate', () => {
    const doc = page(`<div class="wrapper">${para('Story', 5)}</div>`);
    doc.body.className = 'single comments-open has-sidebar';
    expect(regionText(doc)).toContain('Story Paragraph 4');
  });

  it('falls back to the body when there is no article-sized text', () => {
    const doc = page('<p>Short.</p>');
    expect(articleRegion(doc)).toBe(doc.body);
  });
});

describe('articleRegion: content over class names', () => {
  afterEach(() => vi.restoreAllMocks());

  it('reads a story whose wrapper, even <main>, carries a share-button class', () => {
    const doc = page(`<nav>${para('Menu', 2)}</nav><main class="js-social-share-root"><h1>Headline</h1><div class="story-body share-hook">${para('Story', 8)}</div><div class="related">${rail('related-links')}</div></main><footer>${para('Footer', 2)}</footer>`);
    const text = regionText(doc);
    expect(text).toContain('Headline');
    expect(text).toContain('Story Paragraph 0');
    expect(text).toContain('Story Paragraph 7');
    expect(text).not.toMatch(/Teaser|Menu|Footer/);
  });

  it('keeps sections whose ids hold a furniture word when they hold a fair share of the story', () => {
    const doc = page(`<div class="document"><h1>Guide</h1>${para('Intro', 5)}<div class="section" id="sharing-with-a-single-developer"><h2>Sharing with a single developer</h2>${para('Single', 6)}</div><div class="section" id="sharing-with-many-developers"><h2>Sharing with many</h2>${para('Many', 6)}</div><div class="share-bar"><p>Share this page with your friends on every network.</p></div></div>`);
    const text = regionText(doc);
    expect(text).toContain('Single Paragraph 5');
    expect(text).toContain('Many Paragraph 5');
    expect(text).not.toContain('Share this page');
  });

  it('never picks a hidden toggle group as the region', () => {
    const doc = page(`<div class="tabs"><div class="panel" hidden>${para('Hidden', 12)}</div></div><div id="story"><h1>Headline</h1>${para('Story', 5)}</div>`);
    expect(regionText(doc)).toContain('Story Paragraph 4');
  });

  it('skips a candidate the browser reports as not shown (style, not attributes)', () => {
    const doc = page(`<div class="collapsed">${para('Folded', 12)}</div><div id="story"><h1>Headline</h1>${para('Story', 5)}</div>`);
    const shown = vi.fn(function (this: Element) {
      return !this.closest('.collapsed');
    });
    Object.defineProperty(Element.prototype, 'checkVisibility', { value: shown, configurable: true });
    try {
      expect(articleRegion(doc).id).toBe('story');
      expect(shown).toHaveBeenCalled();
    } finally {
      delete (Element.prototype as { checkVisibility?: unknown }).checkVisibility;
    }
  });

  it('reads a story told in repeated step blocks whole', () => {
    const steps = Array.from({ length: 6 }, (_, i) => `<div class="mod step"><div class="stepContent"><div class="content">${para(`Step${i}`, 4)}</div></div><figure class="thumb"></figure></div>`).join('');
    const headlines = Array.from({ length: 10 }, (_, i) => `<p><a href="/h${i}">Teaser ${i}: a headline that links to another story on the site</a></p>`).join('');
    const doc = page(`<div class="col-main"><article><h1>How to plan a party</h1>${steps}</article></div><div id="column-b">${headlines}</div>`);
    const text = regionText(doc);
    expect(text).toContain('Step0 Paragraph 0');
    expect(text).toContain('Step5 Paragraph 1');
    expect(text).not.toContain('Teaser');
  });

  it('reads text laid out in <div>s and <br>s, without <p>', () => {
    const lines = Array.from({ length: 8 }, (_, i) => `Line ${i} of the chapter goes on for a good many words here.<br>`).join('');
    const doc = page(`<div class="menu"><a href="/a">Home</a> <a href="/b">Fiction</a></div><div class="chapter-inner"><div>${lines}</div><div>${lines.replaceAll('Line', 'Verse')}</div></div><div class="page-prefooter">${para('Prefooter', 4)}</div>`);
    const text = regionText(doc);
    expect(text).toContain('Line 7 of the chapter');
    expect(text).toContain('Verse 7 of the chapter');
    expect(text).not.toContain('Prefooter');
  });

  it('does not let a column of link paragraphs outweigh the story', () => {
    const links = `<div class="list">${Array.from({ length: 14 }, (_, i) => `<p><a href="/s${i}">Another headline number ${i} that is only a link to elsewhere</a></p>`).join('')}</div>`;
    const doc = page(`${links}<div id="story"><h1>Headline</h1>${para('Story', 4)}</div>`);
    expect(regionText(doc)).toContain('Story Paragraph 3');
  });

  // Short turns count as paragraphs; growth must not join the story to the columns beside it.
  it('reads a broadcast transcript of short turns, not the teaser columns beside it', () => {
    const turns = ['KAREN VOSS, HOST: Tonight, the reversal.', 'VOSS: How many?', 'HOLLOWAY: About 2,000 children.', 'VOSS: Where are they?', 'HOLLOWAY: In shelters, some in other states.', 'ABERNATHY: No statute required this.', 'VOSS: Thank you both.']
      .map((t) => `<p>${t}</p>`)
      .join('');
    const doc = page(`<div id="page"><div id="left">${rail('column-a')}</div><div id="news"><article><h1>Panel transcript</h1><div class="wrapper">${turns}${turns}${turns}</div></article></div><div id="right">${rail('column-b')}</div></div>`);
    const text = regionText(doc);
    expect(text).toContain('KAREN VOSS, HOST');
    expect(text).toContain('VOSS: How many?');
    expect(text).not.toContain('Teaser');
  });

  it('reads the whole body when the story is the body itself', () => {
    const doc = page(`<p><b>A rant</b> by its author, with a title long enough to count.</p>${para('Body', 10)}<blockquote>${para('Quoted', 5)}</blockquote>${para('After', 4)}`);
    const text = regionText(doc);
    expect(text).toContain('Body Paragraph 0');
    expect(text).toContain('Quoted Paragraph 4');
    expect(text).toContain('After Paragraph 3');
  });

  it('does not let a long list of words or data outweigh the story: a list item must read as prose', () => {
    const words = Array.from({ length: 40 }, (_, i) => `<li>${Array.from({ length: 300 }, (_, j) => `w${(i + j) % 10}`).join(' ')}</li>`).join('');
    const doc = page(`<article id="a"><h1>Headline</h1>${para('Story')}</article><ul id="bulk">${words}</ul>`);
    expect(articleRegion(doc).id).toBe('a');
    const steps = page(`<article id="b"><h1>How to</h1><ol>${Array.from({ length: 6 }, (_, i) => `<li>Step ${i}: open the form, fill in the fields and press save.</li>`).join('')}</ol></article><ul>${words}</ul>`);
    expect(regionText(steps)).toContain('Step 5: open the form');
  });
});
