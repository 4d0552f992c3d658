/**
 * Speed check for the notes core; not a test (timings depend on the machine).
 * Run: npx tsx tests/unit/notes/benchmark.ts
 *
 * Measures anchoring 200 notes in a 1 MB page text, searching 10,000 notes,
 * exporting and parsing 10,000 notes, and importing them into the store on
 * fake-indexeddb (much slower than a browser's IndexedDB).
 */
import 'fake-indexeddb/auto';
import { anchorNote, type PassageMatch } from '../../../src/notes/anchor';

const anchorNotes = (lists: readonly NoteSelectors[], text: string) => lists.map((selectors) => anchorNote(selectors, text));
import { createNote, type Note } from '../../../src/notes/model';
import { searchSummaries, summarizeNote } from '../../../src/notes/search';
import { describeQuote, type NoteSelectors } from '../../../src/notes/selectors';
import { openNoteStore } from '../../../src/notes/store';
import { exportCsv, exportJsonLd, exportMarkdown, parseImport } from '../../../src/notes/transfer';

let seed = 7;
const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;

const WORDS = (
  'the policy of zero tolerance separated families at the border and children were held in facilities while parents ' +
  'were prosecuted under section 1325 administration officials said department justice homeland security court ordered ' +
  'reunification Sessions Sabraw Nielsen shelters lawyers volunteers reunite thousands government agencies records detention ' +
  'asylum seekers ports of entry memo injunction class action hearing inspector general report estimate pilot program El Paso'
).split(' ');

function pageText(length: number): string {
  const parts: string[] = [];
  let size = 0;
  while (size < length) {
    const word = pick(WORDS) + (random() < 0.08 ? '.\n\n' : ' ');
    parts.push(word);
    size += word.length;
  }
  return parts.join('');
}

function time<T>(label: string, run: () => T, describe: (result: T) => string = () => ''): T {
  const start = performance.now();
  const result = run();
  const ms = performance.now() - start;
  console.log(`${label.padEnd(58)} ${ms.toFixed(0).padStart(6)} ms  ${describe(result)}`);
  return result;
}

async function timeAsync<T>(label: string, run: () => Promise<T>, describe: (result: T) => string = () => ''): Promise<T> {
  const start = performance.now();
  const result = await run();
  const ms = performance.now() - start;
  console.log(`${label.padEnd(58)} ${ms.toFixed(0).padStart(6)} ms  ${describe(result)}`);
  return result;
}

function methods(results: ReadonlyArray<PassageMatch | null>): string {
  const counts: Record<string, number> = {};
  for (const result of results) counts[result?.method ?? 'orphan'] = (counts[result?.method ?? 'orphan'] ?? 0) + 1;
  return JSON.stringify(counts);
}

// ---- Anchoring: 200 notes in 1 MB ------------------------------------------------------------

const text = pageText(1_000_000);
const notes: Array<ReturnType<typeof describeQuote>> = Array.from({ length: 200 }, () => {
  const start = Math.floor(random() * (text.length - 400));
  return describeQuote(text, start, start + 20 + Math.floor(random() * 200));
});
let edited = text;
for (const at of notes.map(([, position]) => Math.floor((position.start + position.end) / 2)).sort((a, b) => b - a)) {
  edited = `${edited.slice(0, at)}X${edited.slice(at + 1)}`;
}
const differentPage = pageText(1_000_000);
const block = WORDS.join(' ');
const repetitive = `${block} `.repeat(Math.ceil(1_000_000 / block.length));
const repeatedQuotes: NoteSelectors[] = Array.from({ length: 200 }, (_, i) => describeQuote(repetitive, 1000 + i * 4000, 1012 + i * 4000));

console.log('Anchoring (1 MB text, 200 notes)');
for (let round = 0; round < 2; round++) {
  time('  unchanged page', () => anchorNotes(notes, text), methods);
  time('  every quote edited (one character each)', () => anchorNotes(notes, edited), methods);
  time('  every quote edited, anchorNote called once per note', () => notes.map((selectors) => anchorNote(selectors, edited)), methods);
  time('  every quote edited and 20,000 characters added above', () => anchorNotes(notes, `${'Y'.repeat(20_000)}${edited}`), methods);
  time('  a different page: all 200 orphans', () => anchorNotes(notes, differentPage), methods);
  time('  each quote repeated ~2,800 times with identical context', () => anchorNotes(repeatedQuotes, repetitive), methods);
}

// ---- 10,000 notes: search, export, import -----------------------------------------------------

const article = pageText(20_000);
const many: Note[] = Array.from({ length: 10_000 }, (_, i) => {
  const start = Math.floor(random() * (article.length - 300));
  const made = createNote(
    {
      pageUrl: `https://site${i % 40}.example.org/2018/story-${i % 500}`,
      pageTitle: `${pick(WORDS)} ${pick(WORDS)} ${i % 500}`,
      text: Array.from({ length: 5 + Math.floor(random() * 60) }, () => pick(WORDS)).join(' '),
      tags: [pick(WORDS), pick(WORDS)],
      selector: i % 4 === 0 ? [] : describeQuote(article, start, start + 30 + Math.floor(random() * 200)),
      ...(i % 3 === 0 ? { entityId: 'jeff-sessions', entityName: 'Jeff Sessions' } : {}),
    },
    new Date(Date.UTC(2018, 3, 6) + i * 60_000),
  );
  if (!made.ok) throw new Error(made.error);
  return made.note;
});

console.log('\nSearch (10,000 notes)');
// The store writes each summary with its note; this is that cost for all 10,000 at once.
const summaries = time('  summarizeNote × 10,000', () => many.map(summarizeNote));
for (const query of ['sabraw', 'court ordered', '"inspector general" report', 'zzz-no-match', '']) {
  time(`  searchSummaries "${query}"`, () => searchSummaries(summaries, query), (found) => `${found.length} found`);
}
time('  searchSummaries "policy" + site + tag filters', () => searchSummaries(summaries, 'policy', { site: 'site7.example.org', tag: 'memo' }), (f) => `${f.length} found`);

console.log('\nExport and import (10,000 notes)');
const jsonLd = time('  exportJsonLd', () => exportJsonLd(many), (file) => `${(file.length / 1e6).toFixed(1)} MB`);
time('  exportMarkdown', () => exportMarkdown(many), (file) => `${(file.length / 1e6).toFixed(1)} MB`);
time('  exportCsv', () => exportCsv(many), (file) => `${(file.length / 1e6).toFixed(1)} MB`);
const parsed = time('  parseImport (string)', () => parseImport(jsonLd), (result) => (result.ok ? `${result.notes.length} notes` : result.errors[0]!));
const bytes = new TextEncoder().encode(jsonLd).buffer as ArrayBuffer;
time('  parseImport (ArrayBuffer)', () => parseImport(bytes), (result) => (result.ok ? `${result.notes.length} notes` : result.errors[0]!));

if (parsed.ok) {
  const store = await openNoteStore('benchmark');
  await timeAsync('  store.importNotes on fake-indexeddb (first time)', () => store.importNotes(parsed.notes), (r) => JSON.stringify(r));
  await timeAsync('  store.importNotes again (all skipped)', () => store.importNotes(parsed.notes), (r) => JSON.stringify(r));
  await timeAsync('  store.listAll', () => store.listAll(), (all) => `${all.length} notes`);
  await timeAsync('  store.listSummaries, first 50', () => store.listSummaries({ limit: 50 }), (page) => `${page.length} summaries`);
  store.close();
}
