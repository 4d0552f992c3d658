import { describe, expect, it } from 'vitest';
import { isoDay, publishedDate, textDay } from '../../../src/detect/published-date';

function doc(head: string, body: string): Document {
  return new DOMParser().parseFromString(`<!doctype html><html><head>${head}</head><body>${body}</body></html>`, 'text/html');
}

describe('publishedDate', () => {
  it('reads article:published_time and keeps the day the publisher wrote', () => {
    const d = doc('<meta property="article:published_time" content="2018-06-20T22:15:00-04:00">', '<article><p>Story</p></article>');
    expect(publishedDate(d, d.querySelector('article'))).toEqual({ date: '2018-06-20', confidence: 'high', from: 'meta' });
  });

  it('reads datePublished from JSON-LD, inside @graph too, and skips broken JSON-LD', () => {
    const d = doc(
      `<script type="application/ld+json">{broken</script>
       <script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"WebPage"},{"@type":"NewsArticle","datePublished":"2021-01-14T10:00:00-05:00","dateModified":"2021-01-15"}]}</script>`,
      '<article><p>Story</p></article>',
    );
    expect(publishedDate(d, d.querySelector('article'))).toMatchObject({ date: '2021-01-14', from: 'json-ld' });
  });

  it('falls back to dateModified only when nothing else dates the page', () => {
    const d = doc('<script type="application/ld+json">{"@type":"NewsArticle","dateModified":"2019-10-25"}</script>', '<article><p>No date in the text.</p></article>');
    expect(publishedDate(d, d.querySelector('article'))).toEqual({ date: '2019-10-25', confidence: 'low', from: 'modified' });
  });

  it('prefers a <time> marked as the publication over the first one in the article', () => {
    const d = doc('', '<article><time datetime="2020-01-02">Updated</time><time class="published" datetime="2018-07-26T09:00">July 26</time></article>');
    expect(publishedDate(d, d.querySelector('article'))).toEqual({ date: '2018-07-26', confidence: 'high', from: 'time' });
  });

  it('looks for <time> only inside the article when one is given (rails carry other dates)', () => {
    const d = doc('', '<aside><time datetime="2024-03-01">Mar 1</time></aside><article><p>By Ana Ruiz. Published June 26, 2018</p><p>Story text.</p></article>');
    expect(publishedDate(d, d.querySelector('article'))).toEqual({ date: '2018-06-26', confidence: 'medium', from: 'byline' });
  });

  it('reads day-month-year bylines and dates in the URL path', () => {
    const byline = doc('', '<article><p>20 June 2018</p><p>Text</p></article>');
    expect(publishedDate(byline, byline.querySelector('article'))?.date).toBe('2018-06-20');
    const fromUrl = doc('', '<article><p>Text with no date.</p></article>');
    expect(publishedDate(fromUrl, fromUrl.querySelector('article'), 'https://news.example/2018/06/17/story.html')).toEqual({ date: '2018-06-17', confidence: 'low', from: 'url' });
  });

  it('reads compact YYYYMMDD metadata', () => {
    const d = doc('<meta name="pubdate" content="20180727">', '<article><p>Story</p></article>');
    expect(publishedDate(d, d.querySelector('article'))?.date).toBe('2018-07-27');
  });

  it('takes no date from the story\'s own sentences, only from a byline or a line of its own', () => {
    const d = doc('', '<article><p>The count runs from July 1, 2017, to Jan. 20, 2021.</p><p>Later, in testimony on Feb. 7, 2019, officials spoke.</p></article>');
    expect(publishedDate(d, d.querySelector('article'))).toBeNull();
  });

  it('returns null for a page with no date anywhere', () => {
    const d = doc('', '<article><p>Undated text.</p></article>');
    expect(publishedDate(d, d.querySelector('article'))).toBeNull();
  });

  it('keeps the earlier date when metadata and the byline disagree by more than a day, and says so', () => {
    const d = doc('<meta property="article:published_time" content="2021-02-04">', '<article><p>Updated March 3, 2021</p><p>Text.</p></article>');
    const found = publishedDate(d, d.querySelector('article'));
    expect(found).toMatchObject({ date: '2021-02-04', confidence: 'medium', conflicting: '2021-03-03' });
  });

  it('takes the visible day over a UTC timestamp that falls on the next day', () => {
    const d = doc('<meta property="article:published_time" content="2018-06-21T02:30:00Z">', '<article><time datetime="2018-06-20">June 20, 2018</time><p>Text.</p></article>');
    expect(publishedDate(d, d.querySelector('article'))?.date).toBe('2018-06-20');
  });
});

describe('isoDay and textDay', () => {
  it('take the calendar day and reject impossible dates', () => {
    expect(isoDay('2018-06-20T23:59:59+09:00')).toBe('2018-06-20');
    expect(isoDay('2018-02-30')).toBeNull();
    expect(isoDay('Wed, 20 Jun 2018 14:00:00 GMT')).toBe('2018-06-20');
    expect(textDay('Posted Sept. 4, 2019 at 5 p.m.')).toBe('2019-09-04');
    expect(textDay('nothing here 12345')).toBeNull();
  });
});
