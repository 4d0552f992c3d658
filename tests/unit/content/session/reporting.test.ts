import { describe, expect, it } from 'vitest';
import { BadgeReport, distinctNames, pageStateOf, summaryOf, type PageReport } from '../../../../src/content/session/reporting';
import { fakeBackground } from './fakes';

const report: PageReport = {
  url: 'https://news.example/a',
  title: 'A story',
  covered: true,
  score: 3.14159,
  scanMs: 12.3456,
  mentions: [
    { entityId: 'b', start: 0, end: 1, text: 'B' },
    { entityId: 'a', start: 2, end: 3, text: 'A' },
    { entityId: 'c', start: 4, end: 5, text: 'C' },
    { entityId: 'c', start: 6, end: 7, text: 'C' },
    { entityId: 'gone', start: 8, end: 9, text: 'G' },
  ],
  published: { date: '2018-06-20', confidence: 'high', from: 'meta' },
  figures: [{ measureId: 'children-separated', count: 2300, text: 'about 2,300 children' }],
  orphanIds: ['n1'],
  paused: false,
  signals: [{ text: 'zero tolerance', weight: 3, count: 2 }],
  namesFound: 4,
  threshold: 8,
  forced: false,
};

describe('reporting', () => {
  it('gives the published page state, rounded to hundredths', () => {
    expect(pageStateOf(report)).toEqual({
      covered: true,
      score: 3.14,
      scanMs: 12.35,
      mentions: report.mentions.map(({ entityId, text }) => ({ entityId, text })),
      published: '2018-06-20',
      publishedConfidence: 'high',
      figures: [{ measureId: 'children-separated', count: 2300, text: 'about 2,300 children' }],
    });
  });

  it('says null for the date of a page that gives none', () => {
    expect(pageStateOf({ ...report, published: null, figures: [] })).toMatchObject({ published: null, publishedConfidence: null, figures: [] });
  });

  it('summarises names most mentioned first, then by name, and names unknown entities by id', () => {
    const summary = summaryOf(report, { a: { name: 'Alpha', type: 'person' }, b: { name: 'Beta', type: 'organization' }, c: { name: 'Gamma', type: 'person' } });
    expect(summary.entities).toEqual([
      { entityId: 'c', name: 'Gamma', type: 'person', count: 2 },
      { entityId: 'a', name: 'Alpha', type: 'person', count: 1 },
      { entityId: 'b', name: 'Beta', type: 'organization', count: 1 },
      { entityId: 'gone', name: 'gone', type: 'term', count: 1 },
    ]);
    expect(summary).toMatchObject({ url: report.url, title: 'A story', covered: true, score: 3.14, orphanIds: ['n1'], paused: false, forced: false, published: '2018-06-20', publishedConfidence: 'high' });
  });

  it('says a page was scanned because the reader asked, and keeps its verdict not covered', () => {
    const asked = { ...report, covered: false, score: 0.5, forced: true };
    expect(pageStateOf(asked)).toEqual({
      covered: false,
      score: 0.5,
      scanMs: 12.35,
      mentions: report.mentions.map(({ entityId, text }) => ({ entityId, text })),
      published: '2018-06-20',
      publishedConfidence: 'high',
      figures: report.figures,
      forced: true,
    });
    expect(summaryOf(asked, {})).toMatchObject({ covered: false, forced: true, entities: expect.arrayContaining([expect.objectContaining({ entityId: 'c', count: 2 })]) });
  });

  it('does not call a page forced once it is covered on its own (text that arrived later)', () => {
    const both = { ...report, forced: true };
    expect(pageStateOf(both)).not.toHaveProperty('forced');
    expect(summaryOf(both, {}).forced).toBe(false);
  });

  it('passes the signals found and the threshold to the popup, and counts distinct names for the badge', () => {
    expect(summaryOf(report, {})).toMatchObject({ signals: report.signals, namesFound: 4, threshold: 8 });
    expect(distinctNames(report.mentions)).toBe(4);
  });
});

describe('BadgeReport', () => {
  it('tells the background the count of names, only when there is one to tell or it changed', async () => {
    const background = fakeBackground(() => ({ ok: true, value: null }));
    const badge = new BadgeReport();
    const reports = () => background.sent.filter((m) => m.type === 'page:report').map(({ highlighting, names }) => ({ highlighting, names }));
    // Nothing highlighted yet: nothing to say.
    badge.report(false, report.mentions);
    badge.report(true, []);
    badge.report(true, report.mentions);
    badge.report(true, report.mentions, true);
    badge.report(true, report.mentions.slice(0, 2), true);
    // Names were shown, and are no longer: the badge is cleared.
    badge.report(false, report.mentions);
    await Promise.resolve();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(reports()).toEqual([
      { highlighting: true, names: 4 },
      { highlighting: true, names: 2 },
      { highlighting: false, names: 0 },
    ]);
  });
});
