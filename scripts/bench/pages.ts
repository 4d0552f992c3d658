/**
 * The pages the benchmark loads: the labelled fixtures, the browser-test pages, the shared
 * corpus of real saved pages (when present), and two generated covered articles (100 KB and
 * 5 MB of text) served on the fly.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIXTURES, SHARED_CORPUS } from '../lib/browser';

export type Category = 'covered' | 'unrelated' | 'nearmiss' | 'corpus' | 'generated';

export interface BenchPage {
  /** Short name for the table. */
  name: string;
  /** Path on the fixture server. */
  path: string;
  category: Category;
  /** Whether the page covers the policy (its label), so a hover is measured there. */
  covered: boolean;
}

interface Label {
  file: string;
  covered: boolean;
}

export const CORPUS_MOUNT = '/corpus/';
export const GENERATED = '/generated/';

/** Generated covered articles: text size in characters. */
export const GENERATED_SIZES: Record<string, number> = {
  'covered-100kb': 100 * 1024,
  'covered-5mb': 5 * 1024 * 1024,
};

export function fixturePages(): BenchPage[] {
  const labels = JSON.parse(readFileSync(join(FIXTURES, 'labels.json'), 'utf8')) as Label[];
  const pages: BenchPage[] = labels.map((label) => {
    const [, folder = '', file = ''] = label.file.split('/');
    const category: Category = label.covered ? 'covered' : folder === 'nearmiss' ? 'nearmiss' : 'unrelated';
    return { name: `${folder}/${file.replace(/\.html$/, '')}`, path: `/${label.file}`, category, covered: label.covered };
  });
  // The browser-test pages (not in labels.json): what each is, by how the tests use it.
  const e2e: Array<[file: string, covered: boolean]> = [
    ['covered-article.html', true],
    ['doj-unrelated.html', false],
    ['live-blog.html', true],
    ['spa.html?story=covered', true],
    ['spa.html', false],
  ];
  for (const [file, covered] of e2e) {
    if (!existsSync(join(FIXTURES, 'e2e', file.split('?')[0]!))) continue;
    pages.push({ name: `e2e/${file.replace(/\.html/, '')}`, path: `/e2e/${file}`, category: covered ? 'covered' : 'unrelated', covered });
  }
  return pages.sort((a, b) => a.category.localeCompare(b.category) || a.name.localeCompare(b.name));
}

/** The shared corpus (real pages, none covers the policy), or null when it is not there. */
export function corpusPages(): BenchPage[] | null {
  const dir = join(SHARED_CORPUS, 'pages');
  if (!existsSync(dir)) return null;
  return readdirSync(dir)
    .filter((f) => f.endsWith('.html'))
    .sort()
    .map((f) => ({ name: `corpus/${f.replace(/\.html$/, '')}`, path: `${CORPUS_MOUNT}${f}`, category: 'corpus' as const, covered: false }));
}

export function generatedPages(): BenchPage[] {
  return Object.keys(GENERATED_SIZES).map((name) => ({ name: `generated/${name}`, path: `${GENERATED}${name}.html`, category: 'generated', covered: true }));
}

// ---- generated covered articles ---------------------------------------------------------------

/** Paragraphs (inner HTML) of the labelled covered fixtures: real coverage text to repeat. */
function coveredParagraphs(): string[] {
  const dir = join(FIXTURES, 'pages/covered');
  const paragraphs: string[] = [];
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.html')).sort()) {
    const html = readFileSync(join(dir, file), 'utf8');
    for (const m of html.matchAll(/<p(?:\s[^>]*)?>([\s\S]*?)<\/p>/g)) paragraphs.push(m[1]!.trim());
  }
  if (paragraphs.length === 0) throw new Error('no paragraphs in tests/fixtures/pages/covered');
  return paragraphs;
}

function textLength(html: string): number {
  return html.replace(/<[^>]+>/g, '').replace(/&[a-z#0-9]+;/gi, ' ').length;
}

const cache = new Map<string, string>();

/** A long covered article: headline, sections of real covered paragraphs up to `chars` of text, a rail and a footer. */
export function generatedArticle(chars: number): string {
  const key = String(chars);
  const hit = cache.get(key);
  if (hit) return hit;
  const paragraphs = coveredParagraphs();
  const parts: string[] = [];
  let size = 0;
  for (let i = 0; size < chars; i++) {
    if (i % 24 === 0) {
      const heading = `Part ${i / 24 + 1}: the zero tolerance policy and family separation`;
      parts.push(`<h2>${heading}</h2>`);
      size += heading.length + 1;
    }
    const p = paragraphs[i % paragraphs.length]!;
    parts.push(`<p>${p}</p>`);
    size += textLength(p) + 1;
  }
  const nav = ['Home', 'U.S.', 'World', 'Politics', 'Business', 'Opinion'].map((n) => `<a href="#">${n}</a>`).join(' ');
  const rail = Array.from({ length: 8 }, (_, i) => `<li><a href="#">Most read story number ${i + 1} about the city budget</a></li>`).join('');
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Generated covered article (${chars} characters) | Bench Times</title>
<style>body{font-family:Georgia,serif;margin:0 auto;max-width:1040px;padding:0 20px}p{font-size:18px;line-height:1.6}</style></head>
<body><nav>${nav}</nav><main><article><h1>How the zero tolerance policy separated families at the border</h1>
<div class="byline">By Bench Writer · June 2018</div>
<div class="story-body">
${parts.join('\n')}
</div></article>
<aside class="sidebar"><h3>Most read</h3><ol>${rail}</ol></aside></main>
<footer>© Bench Times</footer></body></html>`;
  cache.set(key, html);
  return html;
}

/** For `startFixtureServer(…, { dynamic })`: the generated pages by path. */
export function dynamicPage(path: string): string | undefined {
  if (!path.startsWith(GENERATED)) return undefined;
  const name = path.slice(GENERATED.length).replace(/\.html$/, '');
  const chars = GENERATED_SIZES[name];
  return chars === undefined ? undefined : generatedArticle(chars);
}
