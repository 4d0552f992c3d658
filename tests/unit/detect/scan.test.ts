import { describe, expect, it } from 'vitest';
import { compilePackIndex } from '../../../src/detect/pack-index';
import { scanDocument, someTextPassesGate } from '../../../src/detect/scan';
import { rangeFor } from '../../../src/detect/text-model';
import { testPack } from './test-pack';

const index = compilePackIndex(testPack({ gate: ['toleran', 'separat'] }));

function page(body: string): Document {
  return new DOMParser().parseFromString(`<!doctype html><html><body>${body}</body></html>`, 'text/html');
}

const story = `<article><h1>Memo set off family separation</h1>
  <p>Attorney General <a href="#">Jeff</a> Sessions issued the zero tolerance memo, and children were separated from their parents.</p>
  <p>Sessions defended it; critics called the family separation policy cruel. Stephen Miller agreed with Sessions.</p>
  <aside class="related"><p>Gene Hamilton profile and more zero tolerance stories</p></aside></article>
  <div id="comments"><p>Sessions should resign over family separation and zero tolerance!</p></div>`;

describe('scanDocument', () => {
  it('returns mentions with ranges on a covered page, reading only the article', () => {
    const doc = page(story);
    const result = scanDocument(doc, index);
    expect(result.covered).toBe(true);
    expect(result.mentions.map((m) => m.text)).toEqual(['Attorney General Jeff Sessions', 'zero tolerance', 'Sessions', 'Stephen Miller', 'Sessions']);
    expect(result.model.text).not.toContain('Gene Hamilton');
    expect(result.model.text).not.toContain('resign');
    const first = result.mentions[0]!;
    expect(rangeFor(result.model, first.start, first.end)!.toString()).toBe('Attorney General Jeff Sessions');
  });

  it('finds names a page hyphenates with soft hyphens, and highlights them with the hyphens inside', () => {
    const doc = page(story.replaceAll('Sessions', 'Ses\u00adsions').replace('Stephen Miller', 'Ste\u00adphen Mil\u00adler\u00ad'));
    const result = scanDocument(doc, index);
    expect(result.covered).toBe(true);
    expect(result.mentions.map((m) => m.text)).toEqual(['Attorney General Jeff Sessions', 'zero tolerance', 'Sessions', 'Stephen Miller', 'Sessions']);
    const ranges = result.mentions.map((m) => rangeFor(result.model, m.start, m.end)!.toString());
    expect(ranges).toEqual(['Attorney General Jeff Ses\u00adsions', 'zero tolerance', 'Ses\u00adsions', 'Ste\u00adphen Mil\u00adler', 'Ses\u00adsions']);
  });

  it('covers a page whose gate words are all hyphenated with soft hyphens', () => {
    const hyphenated = story.replaceAll('tolerance', 'tol\u00ader\u00adance').replaceAll('separat', 'sep\u00ada\u00adrat');
    const doc = page(hyphenated);
    expect(someTextPassesGate(doc.body, index)).toBe(true);
    const result = scanDocument(doc, index);
    expect(result.covered).toBe(true);
    expect(result.mentions.map((m) => m.text)).toEqual(['Attorney General Jeff Sessions', 'zero tolerance', 'Sessions', 'Stephen Miller', 'Sessions']);
    expect(rangeFor(result.model, result.mentions[1]!.start, result.mentions[1]!.end)!.toString()).toBe('zero tol\u00ader\u00adance');
    expect(result.score).toBeCloseTo(scanDocument(page(story), index).score, 6);
  });

  it('stops after the gate on an unrelated page: no mentions, score 0', () => {
    const doc = page('<article><h1>Budget</h1><p>Attorney General Jeff Sessions spoke about the city budget and parks for a long while today.</p></article>');
    const result = scanDocument(doc, index);
    expect(result).toMatchObject({ covered: false, score: 0, mentions: [] });
    expect(result.timings.mentions).toBe(0);
    expect(result.model.text).toBe(''); // nothing beyond the gate's walk was built
  });

  it('keeps a page dark whose only topical words are in a sidebar link', () => {
    const doc = page(`<main><article><h1>Flood warning</h1><p>${'Rain will fall across the region through Friday, forecasters said. '.repeat(8)}</p></article>
      <aside><ul><li><a href="#">Sessions defends family separation and zero tolerance</a></li></ul></aside></main>`);
    const result = scanDocument(doc, index);
    expect(result.covered).toBe(false);
    // The stem in the rail let the page past the gate, but the article's own text has none.
    expect(result.model.text).toContain('Flood warning');
    expect(result.timings.mentions).toBe(0);
  });

  it('leaves out the skip callback’s elements and reports timings from the given clock', () => {
    let t = 0;
    const doc = page(story.replace('<article>', '<article><backstory-ui><p>zero tolerance family separation Jeff Sessions</p></backstory-ui>'));
    const result = scanDocument(doc, index, { skip: (el) => el.localName === 'backstory-ui', now: () => (t += 1) });
    expect(result.mentions).toHaveLength(5);
    expect(result.timings).toEqual({ textModel: 1, mentions: 1, coverage: 1 });
  });
});

describe('scanDocument, forced (the reader asked for the page anyway)', () => {
  const unrelated = '<article><h1>Budget</h1><p>Attorney General Jeff Sessions spoke about the city budget and parks for a long while today.</p></article>';

  it('finds the names on a page with no gate phrase, and keeps its verdict: not covered, nothing weighed', () => {
    const result = scanDocument(page(unrelated), index, { forced: true });
    expect(result.mentions.map((m) => m.text)).toEqual(['Attorney General Jeff Sessions']);
    expect(result).toMatchObject({ covered: false, score: 0, coverage: { signals: [], entities: [] } });
  });

  it('finds the names on a page past the gate that the coverage test turns down, with the same score as unasked', () => {
    const thin = `<article><h1>Town news</h1><p>${'The council met to discuss roads and schools. '.repeat(20)}Stephen Miller attended; the word separation came up once.</p></article>`;
    const asked = scanDocument(page(thin), index, { forced: true });
    const unasked = scanDocument(page(thin), index);
    expect(unasked).toMatchObject({ covered: false, mentions: [] });
    expect(asked.covered).toBe(false);
    expect(asked.score).toBe(unasked.score);
    expect(asked.mentions.map((m) => m.text)).toEqual(['Stephen Miller']);
  });

  it('finds nothing on a page without a name, asked or not', () => {
    expect(scanDocument(page('<article><p>Rain all week.</p></article>'), index, { forced: true }).mentions).toEqual([]);
  });

  it('changes nothing on a covered page', () => {
    expect(scanDocument(page(story), index, { forced: true }).mentions).toEqual(scanDocument(page(story), index).mentions);
  });
});

describe('someTextPassesGate', () => {
  const gated = compilePackIndex(testPack({ gate: ['zero tolerance', 'separated famil'] }));
  const passes = (body: string) => someTextPassesGate(page(body).body, gated);

  it('finds a gate phrase in any text node, in any case', () => {
    expect(passes('<p>Nothing here.</p><div><p>The ZERO TOLERANCE rule</p></div>')).toBe(true);
    expect(passes('<p>Nothing here.</p><p>Nor here: tolerance, separated.</p>')).toBe(false);
  });

  it('catches phrases split across inline elements', () => {
    expect(passes('<p>the zero <em>tolerance</em> policy</p>')).toBe(true);
    expect(passes('<p>the <a href="#">separated</a> families</p>')).toBe(true);
  });

  it('passes every page when the pack has no gate', () => {
    expect(someTextPassesGate(page('<p>x</p>').body, compilePackIndex(testPack()))).toBe(true);
  });
});
