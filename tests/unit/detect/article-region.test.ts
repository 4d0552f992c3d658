import { describe, expect, it } from 'vitest';
import { articleRegion, isBoilerplate } from '../../../src/detect/article-region';
import { buildTextModel } from '../../../src/detect/text-model';

const para = (text: string, n = 6) => Array.from({ length: n }, (_, i) => `<p>${text} Paragraph ${i} carries enough words to count as story text.</p>`).join('');

function page(body: string): Document {
  return new DOMParser().parseFromString(`<!doctype html><html><body>${body}</body></html>`, 'text/html');
}

const regionText = (doc: Document) => buildTextModel(articleRegion(doc), { skipBlock: isBoilerplate }).text;

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
