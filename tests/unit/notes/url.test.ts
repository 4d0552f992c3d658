import { describe, expect, it } from 'vitest';
import { hostnameOf, normalizePageUrl } from '../../../src/notes/url';

describe('normalizePageUrl', () => {
  it('drops the fragment', () => {
    expect(normalizePageUrl('https://example.com/story#comments')).toBe('https://example.com/story');
  });

  it('drops utm_* and the click-id tracking parameters but keeps the rest in order', () => {
    const url = 'https://example.com/story?utm_source=nl&id=42&fbclid=abc&page=2&gclid=x&mc_cid=1&mc_eid=2&igshid=3&UTM_Medium=email';
    expect(normalizePageUrl(url)).toBe('https://example.com/story?id=42&page=2');
  });

  it('keeps parameters in their original order and encoding', () => {
    expect(normalizePageUrl('https://example.com/?z=1&a=%7E&q=two+words')).toBe('https://example.com/?z=1&a=%7E&q=two+words');
  });

  it('drops the "?" when only tracking parameters were there', () => {
    expect(normalizePageUrl('https://example.com/story?utm_campaign=x')).toBe('https://example.com/story');
    expect(normalizePageUrl('https://example.com/story?')).toBe('https://example.com/story');
  });

  it('lowercases the host but not the path', () => {
    expect(normalizePageUrl('https://WWW.Example.COM/News/Story')).toBe('https://www.example.com/News/Story');
  });

  it('drops default ports and keeps others', () => {
    expect(normalizePageUrl('https://example.com:443/a')).toBe('https://example.com/a');
    expect(normalizePageUrl('http://example.com:80/a')).toBe('http://example.com/a');
    expect(normalizePageUrl('https://example.com:8443/a')).toBe('https://example.com:8443/a');
  });

  it('returns text that is not a URL unchanged', () => {
    expect(normalizePageUrl('not a url')).toBe('not a url');
    expect(normalizePageUrl('')).toBe('');
  });

  it('is idempotent', () => {
    for (const url of ['https://A.com:443/x?utm_a=1&b=2#f', 'https://a.com/?&&b=2', 'http://a.com/p?q', 'nonsense']) {
      const once = normalizePageUrl(url);
      expect(normalizePageUrl(once)).toBe(once);
    }
  });
});

describe('hostnameOf', () => {
  it('gives the lowercase host, or "" for a non-URL', () => {
    expect(hostnameOf('https://News.Example.com/a')).toBe('news.example.com');
    expect(hostnameOf('nope')).toBe('');
  });
});
