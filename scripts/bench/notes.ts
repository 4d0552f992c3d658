/**
 * 10,000 realistic notes as a W3C Web Annotation file (Backstory's own export format), to import
 * through the background before timing the popup. Quotes are passages of the covered fixture
 * articles; pages spread over news sites; about a third are about a named entity; most have
 * tags; dates span two years. Seeded, so every run imports the same file.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIXTURES } from '../lib/browser';
import { createNote, type Note } from '../../src/notes/model';
import { describeQuote } from '../../src/notes/selectors';
import { exportJsonLd } from '../../src/notes/transfer';
import { activePack } from '../../src/pack/packs';

const SITES = [
  'www.nytimes.com', 'www.washingtonpost.com', 'apnews.com', 'www.reuters.com', 'www.npr.org', 'www.theguardian.com',
  'www.texastribune.org', 'www.latimes.com', 'www.propublica.org', 'www.politico.com', 'www.cnn.com', 'www.nbcnews.com',
  'www.bbc.com', 'www.wsj.com', 'www.vox.com', 'www.theatlantic.com', 'www.usatoday.com', 'www.houstonchronicle.com',
  'www.elpasotimes.com', 'www.azcentral.com', 'www.buzzfeednews.com', 'www.newyorker.com', 'www.pbs.org', 'www.cbsnews.com',
];

const NOTE_TEXTS = [
  'Check this figure against the inspector general report.',
  'Compare with the timeline in the GAO report.',
  'Contradicts what the department said in June.',
  'Good summary of the legal basis for prosecutions.',
  'Quote to use in the explainer.',
  'Who approved this? Follow up with the records request.',
  'Date seems off by a week; verify.',
  'Useful background on reunification efforts.',
  'Context: the pilot program in El Paso came first.',
  'Source for the number of separated children.',
  'Court filing mentions the same memo.',
  'Ask the reporter where this came from.',
  'Key passage for the chronology.',
  'Same claim appears in the hearing transcript.',
  'Read alongside the settlement terms.',
];

const TAGS = ['timeline', 'figures', 'quote', 'legal', 'follow-up', 'court', 'hearing', 'memo', 'reunification', 'DHS', 'DOJ', 'HHS', 'to-verify', 'explainer'];

function articles(): Array<{ title: string; text: string }> {
  const dir = join(FIXTURES, 'pages/covered');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.html'))
    .sort()
    .map((f) => {
      const html = readFileSync(join(dir, f), 'utf8');
      const title = (/<title>([^<]*)<\/title>/.exec(html)?.[1] ?? f).replace(/\s*\|.*$/, '');
      const text = [...html.matchAll(/<p(?:\s[^>]*)?>([\s\S]*?)<\/p>/g)]
        .map((m) => m[1]!.replace(/<[^>]+>/g, '').replace(/&amp;/g, '&').replace(/&nbsp;/g, '\u00a0'))
        .join('\n');
      return { title, text };
    })
    .filter((a) => a.text.length > 600);
}

export function generateNotes(count: number): Note[] {
  let seed = 20180406;
  const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const sources = articles();
  const entities = activePack.entities.map((e) => ({ id: e.id, name: e.name }));
  // About 400 pages, each a (site, article) pair with a stable title.
  const pages = Array.from({ length: 400 }, (_, i) => {
    const { title, text } = sources[i % sources.length]!;
    const site = SITES[i % SITES.length]!;
    return { url: `https://${site}/2018/${String((i % 12) + 1).padStart(2, '0')}/story-${i}.html`, title, text };
  });
  const start = Date.parse('2023-01-01T00:00:00Z');
  const span = 2 * 365 * 24 * 3600 * 1000;
  const notes: Note[] = [];
  for (let i = 0; notes.length < count; i++) {
    const page = pick(pages);
    // A passage of whole words, 30 to 250 characters.
    const from = page.text.indexOf(' ', Math.floor(random() * (page.text.length - 260))) + 1;
    const to = page.text.lastIndexOf(' ', Math.min(page.text.length, from + 30 + Math.floor(random() * 220)));
    const entity = random() < 0.35 ? pick(entities) : undefined;
    const tags = Array.from({ length: Math.floor(random() * 4) }, () => pick(TAGS));
    const result = createNote(
      {
        pageUrl: page.url,
        pageTitle: page.title,
        selector: random() < 0.9 ? describeQuote(page.text, from, to) : [],
        text: random() < 0.85 ? pick(NOTE_TEXTS) : `${pick(NOTE_TEXTS)} ${pick(NOTE_TEXTS)}`,
        tags,
        ...(entity ? { entityId: entity.id, entityName: entity.name } : {}),
      },
      new Date(start + Math.floor(random() * span)),
      () => `urn:uuid:00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    );
    if (result.ok) notes.push(result.note);
  }
  return notes;
}

/** The import file: Backstory's own JSON-LD export of the generated notes. */
export function notesImportFile(count: number): string {
  return exportJsonLd(generateNotes(count), { id: 'urn:uuid:00000000-0000-4000-8000-bench00000000', now: new Date('2025-01-01T00:00:00Z') });
}
