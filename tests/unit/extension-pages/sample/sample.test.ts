import { describe, expect, it } from 'vitest';
import { writeSample } from '../../../../src/extension-pages/sample/sample';
import type { SampleArticle } from '../../../../src/messages/protocol';

const sample = (text: string): SampleArticle => ({
  title: 'A topic',
  source: { id: 's1', title: 'A “headline”', author: 'A. Writer', publisher: 'The Paper', date: '2021-01-14' },
  passages: [
    { text, locator: 'paragraph 3' },
    { text: 'Second passage.' },
  ],
});

describe('writeSample', () => {
  it('sets out each passage as a quotation, paragraphs kept, with its place in the source and the source named', () => {
    const article = document.createElement('article');
    writeSample(article, sample('First paragraph.\n\nSecond paragraph.'));
    expect(article.querySelector('h1')?.textContent).toBe('A topic');
    expect(article.querySelector('.dek')?.textContent).toBe('Passages quoted from “A “headline””, by A. Writer, The Paper, 2021-01-14.');
    const quotes = [...article.querySelectorAll('blockquote')].map((q) => [...q.querySelectorAll('p')].map((p) => p.textContent));
    expect(quotes).toEqual([['First paragraph.', 'Second paragraph.', '(paragraph 3)'], ['Second passage.']]);
    expect(article.querySelector('footer a')?.getAttribute('href')).toBe('/source.html?source=s1');
  });

  it('writes passages as text, never as markup', () => {
    const article = document.createElement('article');
    writeSample(article, sample('<img src=x onerror="alert(1)"> and <b>bold</b>'));
    expect(article.querySelector('img, b')).toBeNull();
    expect(article.querySelector('blockquote p')?.textContent).toBe('<img src=x onerror="alert(1)"> and <b>bold</b>');
  });
});
