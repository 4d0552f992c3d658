import { describe, expect, it } from 'vitest';
import { reasonsOf, verdictOf } from '../../../../src/extension-pages/popup/verdict';
import type { PageSummary } from '../../../../src/messages/protocol';
import { DEFAULT_SETTINGS } from '../../../../src/settings/settings';

const summary = (over: Partial<PageSummary> = {}): PageSummary => ({
  url: 'https://news.example/story',
  title: 'Story',
  covered: true,
  score: 12.5,
  entities: [{ entityId: 'a', name: 'A', type: 'person', count: 2 }],
  orphanIds: [],
  paused: false,
  published: null,
  publishedConfidence: null,
  ...over,
});

describe('verdictOf', () => {
  it('reads a paused Backstory as paused, whatever the page last said', () => {
    expect(verdictOf(summary(), { ...DEFAULT_SETTINGS, paused: true }, 'news.example')).toEqual({ kind: 'paused' });
  });

  it('reads a site turned off as off, by host, case aside', () => {
    const settings = { ...DEFAULT_SETTINGS, disabledSites: ['news.example'] };
    expect(verdictOf(summary(), settings, 'News.Example')).toEqual({ kind: 'site-off', host: 'News.Example' });
  });

  it('gives the page’s verdict when Backstory is on', () => {
    expect(verdictOf(summary(), DEFAULT_SETTINGS, 'news.example')).toEqual({ kind: 'covered', score: 12.5 });
    expect(verdictOf(summary({ covered: false, score: 0 }), DEFAULT_SETTINGS, 'news.example')).toEqual({ kind: 'not-covered', score: 0 });
  });
});

describe('reasonsOf', () => {
  it('names the phrases found, weightiest first, apart from those pointing away, with the score and threshold', () => {
    const r = reasonsOf(
      summary({
        signals: [
          { text: 'border', weight: 0.5, count: 4 },
          { text: 'zero tolerance', weight: 3, count: 5 },
          { text: 'special counsel', weight: -2, count: 1 },
        ],
        namesFound: 8,
        threshold: 4,
      }),
    );
    expect(r).toEqual({
      toward: ['“zero tolerance” ×5', '“border” ×4'],
      away: ['“special counsel”'],
      names: 8,
      score: '12.50',
      threshold: '4.00',
    });
  });

  it('copes with a page that reports no signals (an older engine)', () => {
    expect(reasonsOf(summary())).toMatchObject({ toward: [], away: [], names: 1, threshold: null });
  });
});
