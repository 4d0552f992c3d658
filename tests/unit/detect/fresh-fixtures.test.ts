/**
 * The fresh split's committed pages and labels agree with each other and with what issue 17 asks
 * of the split. They are written once and measured untouched, so a regeneration that silently
 * drops a labelled name, or a page whose story lost its place, must show here rather than as a
 * changed figure in eval:detect.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Label } from '../../../scripts/lib/detection-metrics';
import { freshPages } from '../../fixtures/source/fresh';

const FIXTURES = resolve(import.meta.dirname, '../../fixtures');
const labels: Label[] = JSON.parse(readFileSync(join(FIXTURES, 'labels-fresh.json'), 'utf8'));

/**
 * Text as a reader sees it, roughly: tags out (a <br> reads as a space), soft hyphens invisible.
 * Markup is stripped rather than parsed: jsdom takes seconds over these 2.7 MB of real pages.
 */
function readerText(html: string): string {
  return html
    .replace(/<!--[\s\S]*?-->|<(script|style)\b[\s\S]*?<\/\1>/gi, '')
    .replace(/<br\s*\/?>/gi, ' ')
    .replace(/<[^>]+>/g, '')
    .replace(/&shy;|\u00ad/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&apos;/g, "'")
    .replace(/\s+/g, ' ');
}

describe('fresh split fixtures', () => {
  it('has at least 30 covered pages, near misses, and one label entry per source page', () => {
    expect(labels.map((l) => l.file)).toEqual(freshPages.map((p) => `pages/fresh/${p.file}`));
    expect(labels.filter((l) => l.covered).length).toBeGreaterThanOrEqual(30);
    expect(labels.filter((l) => !l.covered).length).toBeGreaterThanOrEqual(3);
    for (const l of labels) expect(l.covered ? l.expected.length > 0 : l.expected.length === 0).toBe(true);
  });

  it('holds every labelled name in its page, in page order', () => {
    for (const label of labels) {
      const text = readerText(readFileSync(join(FIXTURES, label.file), 'utf8'));
      let from = 0;
      for (const m of label.expected) {
        const at = text.indexOf(m.text.replace(/\s+/g, ' '), from);
        expect(at, `${label.file}: "${m.text}" after offset ${from}`).toBeGreaterThanOrEqual(0);
        from = at + 1;
      }
    }
  });

  it('keeps the formats the issue names: AMP markup and two investigations of 5,000+ words', () => {
    for (const spec of freshPages.filter((p) => p.format === 'amp')) {
      const html = readFileSync(join(FIXTURES, 'pages/fresh', spec.file), 'utf8');
      expect(html).toMatch(/<html[^>]* amp=""/);
      expect(html).toContain('<amp-img');
    }
    const investigations = freshPages.filter((p) => p.format === 'investigation');
    expect(investigations.length).toBeGreaterThanOrEqual(2);
    for (const spec of investigations) {
      const words = spec.body.replace(/\[\[[a-z0-9-]+\|(.+?)\]\]/g, '$1').replace(/<[^>]+>/g, ' ').match(/[\p{L}\p{N}]+/gu) ?? [];
      expect(words.length, spec.file).toBeGreaterThanOrEqual(5000);
    }
  });
});
