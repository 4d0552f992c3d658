import { afterEach, describe, expect, it } from 'vitest';
import { render } from 'preact';
import axe from 'axe-core';
import { zeroTolerancePack as pack } from '../../../../src/pack/packs/zero-tolerance';
import { SourceViewer, findQuote, readSourceParams, sourcePageTitle } from '../../../../src/extension-pages/source/SourceViewer';
import type { Pack } from '../../../../src/pack/schema';
import { formatIsoDate } from '../../../../src/components/format';

let root: HTMLElement | null = null;

function show(search: string, from: Pack = pack): HTMLElement {
  root = document.createElement('div');
  document.body.append(root);
  render(<SourceViewer pack={from} {...readSourceParams(search)} />, root);
  return root;
}

afterEach(() => {
  if (root) {
    render(null, root);
    root.remove();
    root = null;
  }
});

const q = (text: string) => encodeURIComponent(text);

describe('SourceViewer', () => {
  it('shows the source’s metadata in readers’ terms', () => {
    const page = show('?source=d02');
    expect(page.querySelector('h1')!.textContent).toBe(
      "Review of the Department of Justice's Planning and Implementation of Its Zero Tolerance Policy and Its Coordination with the Departments of Homeland Security and Health and Human Services",
    );
    expect(page.querySelector('.sv-kind')!.textContent).toBe('Report');
    const meta = page.querySelector('dl')!.textContent!;
    expect(meta).toContain('DOJ Office of the Inspector General (Inspector General Michael E. Horowitz)');
    expect(meta).toContain('U.S. Department of Justice, Office of the Inspector General');
    expect(meta).toContain('Jan. 14, 2021');
    expect(meta).toContain('21-028');
    expect(page.querySelector('time')!.getAttribute('datetime')).toBe('2021-01-14');
  });

  it('marks the quote inside the excerpt, with the locator', () => {
    const quote = 'The attorney general was aware of White House desires for further action related to combating illegal immigration';
    const page = show(`?source=d01&excerpt=d01-para-3&quote=${q(quote)}`);
    const marks = page.querySelectorAll('blockquote mark');
    expect(marks).toHaveLength(1);
    expect(marks[0]!.textContent).toBe(quote);
    // The surrounding text of the article is there too, unmarked.
    expect(page.querySelector('blockquote')!.textContent).toContain('Mr. Hamilton is quoted as saying in the report');
    expect(page.textContent).toContain('Location in the source: paragraph 3');
  });

  it('finds the excerpt from the quote when no excerpt is named, keeping paragraphs apart', () => {
    const quote = 'It was a failed policy that never should have been proposed or implemented. I wish we all had done better.';
    const page = show(`?source=d01&quote=${q(quote)}`);
    expect(page.querySelectorAll('blockquote p')).toHaveLength(2);
    expect(page.querySelector('mark')!.textContent).toBe(quote);
  });

  it('links to the original safely, or says why there is no link', () => {
    const withUrl = show('?source=d04');
    const link = withUrl.querySelector('a')!;
    expect(link.getAttribute('href')).toBe('https://thefederalregister.org/83-FR/29435');
    expect(link.getAttribute('target')).toBe('_blank');
    expect(link.getAttribute('rel')).toBe('noopener noreferrer');
    render(null, root!);

    const withoutUrl = show('?source=d03');
    expect(withoutUrl.querySelector('a')).toBeNull();
    expect(withoutUrl.textContent).toContain('No official URL verified; text seen in reprints (The Hill, UPI, Washington Examiner).');
  });

  it('shows the metadata and says so when no excerpt of the source is bundled', () => {
    const page = show(`?source=d03&quote=${q('to the extent practicable')}`);
    expect(page.querySelector('h1')!.textContent).toBe('Zero-Tolerance for Offenses Under 8 U.S.C. § 1325(a)');
    expect(page.textContent).toContain('No excerpt of this source is bundled with Backstory.');
    expect(page.querySelector('mark')).toBeNull();
  });

  it('says so when the named excerpt is not one of the source’s', () => {
    const page = show('?source=d14&excerpt=d01-para-3');
    expect(page.querySelector('h1')!.textContent).toContain('We Need to Take Away Children');
    expect(page.textContent).toContain('No excerpt of this source is bundled with Backstory.');
  });

  it('explains an unknown source id instead of showing a blank page', () => {
    const page = show('?source=d99');
    expect(page.querySelector('h1')!.textContent).toBe('Source not found');
    expect(page.textContent).toContain('Backstory has no source with the id “d99”');
    expect(page.querySelector('main')).not.toBeNull();
  });

  it('explains a missing source parameter', () => {
    const page = show('');
    expect(page.querySelector('h1')!.textContent).toBe('Source not found');
    expect(page.textContent).toContain('does not name a source');
  });

  it('shows a script payload in the quote parameter as text, never as markup', () => {
    const payload = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=1</script>';
    const page = show(`?source=d01&excerpt=d01-para-3&quote=${q(payload)}`);
    expect(page.querySelector('script')).toBeNull();
    expect(page.querySelector('img')).toBeNull();
    expect(page.textContent).toContain(payload);
    expect((window as unknown as { __pwned?: number }).__pwned).toBeUndefined();
  });

  it('lists every bundled passage, introduced as such, when neither an excerpt nor a quote is asked for', () => {
    const page = show('?source=d01');
    expect(page.querySelectorAll('figure')).toHaveLength(pack.sources.find((s) => s.id === 'd01')!.excerpts!.length);
    expect(page.textContent).toContain('The passages of this source that Backstory carries:');
    expect(page.querySelector('mark')).toBeNull();
  });

  it('says once when the quote is in none of the excerpts shown', () => {
    const page = show(`?source=d01&quote=${q('words nobody said')}`);
    expect(page.querySelectorAll('figure').length).toBeGreaterThan(1);
    expect(page.querySelectorAll('[role="note"]')).toHaveLength(1);
    expect(page.textContent).toContain('The quoted words “words nobody said” were not found in these excerpts.');
  });

  it('has landmarks and a heading structure', () => {
    const page = show('?source=d01&excerpt=d01-para-14');
    expect(page.querySelector('header')).not.toBeNull();
    expect(page.querySelector('main')).not.toBeNull();
    expect(page.querySelector('footer')).not.toBeNull();
    expect(page.querySelectorAll('h1')).toHaveLength(1);
    expect([...page.querySelectorAll('h2')].map((h) => h.textContent)).toEqual(['Excerpt', 'Original']);
  });

  it('passes axe accessibility checks (contrast aside: jsdom does not lay out)', async () => {
    const page = show(`?source=d01&excerpt=d01-paras-12-13&quote=${q('AGE OF CHILD DOESN’T MATTER')}`);
    const results = await axe.run(page, { rules: { 'color-contrast': { enabled: false }, region: { enabled: false } } });
    expect(results.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
  });

  it('notes when a descriptive title stands in for a headline', () => {
    const described = {
      ...pack.sources.find((s) => s.id === 'd14')!,
      id: 'described',
      title: 'Newspaper report on the hearing',
      descriptiveTitle: true,
      dateNote: 'The day of the hearing it reports.',
    };
    const page = show('?source=described', { ...pack, sources: [...pack.sources, described] });
    expect(page.textContent).toContain('This title is Backstory’s description of the source');
    expect(page.textContent).toContain('The day of the hearing it reports.');
  });

  it('says which pack version it comes from and the date its data was checked', () => {
    const footer = show('?source=d02').querySelector('footer')!.textContent!.replace(/\s+/g, ' ');
    expect(footer).toContain(`version ${pack.version}, data as of ${formatIsoDate(pack.dataAsOf)}.`);
  });
});

describe('findQuote', () => {
  it('matches exactly, then across curly and straight quotes and case', () => {
    expect(findQuote('He said “AGE OF CHILD DOESN’T MATTER” then.', 'AGE OF CHILD DOESN’T MATTER')).toEqual([[9, 36]]);
    expect(findQuote('He said “AGE OF CHILD DOESN’T MATTER” then.', "age of child doesn't matter")).toEqual([[9, 36]]);
    expect(findQuote('abc abc', 'abc')).toEqual([[0, 3], [4, 7]]);
    expect(findQuote('abc', '   ')).toEqual([]);
  });
});

describe('page helpers', () => {
  it('reads parameters, treating empty ones as absent', () => {
    expect(readSourceParams('?source=d01&excerpt=&quote=a%20b')).toEqual({ sourceId: 'd01', excerptId: null, quote: 'a b' });
  });

  it('titles the tab after the source', () => {
    expect(sourcePageTitle(pack, 'd09')).toBe(
      'Unaccompanied Children: Agency Efforts to Reunify Children Separated from Parents at the Border — Backstory source',
    );
    expect(sourcePageTitle(pack, 'nope')).toBe('Source — Backstory');
  });
});
