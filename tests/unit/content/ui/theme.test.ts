import { afterEach, describe, expect, it, vi } from 'vitest';
import { luminance, pageTheme, parseRgb } from '../../../../src/content/ui/theme';

function page(html: string, bodyStyle = ''): Document {
  document.body.setAttribute('style', bodyStyle);
  document.body.innerHTML = html;
  return document;
}

/** jsdom has no matchMedia: stand in for the reader's system colour scheme. */
function prefersDark(dark: boolean) {
  window.matchMedia = vi.fn((query: string) => ({ matches: dark && query.includes('dark'), media: query }) as MediaQueryList);
}

afterEach(() => {
  delete (window as Partial<Window>).matchMedia;
  document.body.removeAttribute('style');
  document.documentElement.removeAttribute('style');
  document.body.innerHTML = '';
});

describe('parseRgb and luminance', () => {
  it('read computed colours, with alpha', () => {
    expect(parseRgb('rgb(18, 18, 18)')).toEqual([18, 18, 18, 1]);
    expect(parseRgb('rgba(0, 0, 0, 0)')).toEqual([0, 0, 0, 0]);
    expect(parseRgb('rgb(255 255 255 / 50%)')).toEqual([255, 255, 255, 0.5]);
    expect(parseRgb('transparent')).toBeNull();
    expect(luminance([255, 255, 255])).toBeCloseTo(1);
    expect(luminance([0, 0, 0])).toBe(0);
  });
});

describe('pageTheme', () => {
  it('is dark on a page whose body is dark, whatever the system says', () => {
    prefersDark(false);
    expect(pageTheme(page('<p>text</p>', 'background-color: rgb(18, 18, 18)'))).toBe('dark');
  });

  it('is light on a light page on a dark system', () => {
    prefersDark(true);
    expect(pageTheme(page('<p>text</p>', 'background-color: rgb(251, 250, 247)'))).toBe('light');
  });

  it('looks behind the text the card is about: a dark wrapper on a light body', () => {
    prefersDark(false);
    const doc = page('<div style="background-color: rgb(20, 20, 24)"><p id="t">text</p></div><p id="u">other</p>', 'background-color: rgb(255, 255, 255)');
    expect(pageTheme(doc, doc.getElementById('t'))).toBe('dark');
    expect(pageTheme(doc, doc.getElementById('u'))).toBe('light');
  });

  it('ignores a faint tint and keeps looking further out', () => {
    prefersDark(false);
    const doc = page('<div style="background-color: rgba(255, 255, 255, 0.1)"><p id="t">text</p></div>', 'background-color: rgb(10, 10, 10)');
    expect(pageTheme(doc, doc.getElementById('t'))).toBe('dark');
  });

  it('goes by the text colour when nothing opaque is behind it: light text means a dark page', () => {
    prefersDark(false);
    const doc = page('<p id="t" style="color: rgb(235, 235, 235)">text</p>');
    expect(pageTheme(doc, doc.getElementById('t'))).toBe('dark');
  });

  it('goes by the text colour when a background image (unreadable) is behind it', () => {
    prefersDark(true);
    const doc = page(
      '<div style="background-image: linear-gradient(#fff, #eee)"><p id="t" style="color: rgb(30, 30, 30)">text</p></div>',
      'background-color: rgb(0, 0, 0)',
    );
    expect(pageTheme(doc, doc.getElementById('t'))).toBe('light');
  });

  it('falls back to the system colour scheme when the page says nothing', () => {
    const doc = page('<p id="t" style="color: rgb(128, 128, 128)">text</p>');
    prefersDark(true);
    expect(pageTheme(doc, doc.getElementById('t'))).toBe('dark');
    prefersDark(false);
    expect(pageTheme(doc, doc.getElementById('t'))).toBe('light');
  });
});
