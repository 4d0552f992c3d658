/** Generated notes for import/export and popup tests: realistic shapes, deterministic content. */
import { NOTE_SCHEMA_VERSION, type Note } from '../../src/notes/model';
import { exportJsonLd } from '../../src/notes/transfer';

const SITES = ['news.example', 'ledger.example', 'courier.example', 'wire.example', 'gazette.example'];
const WORDS = ['policy', 'border', 'memo', 'court', 'families', 'report', 'hearing', 'order', 'prosecutors', 'children', 'statement', 'review'];
const ENTITIES: Array<[string, string]> = [
  ['jeff-sessions', 'Jeff Sessions'],
  ['rod-rosenstein', 'Rod J. Rosenstein'],
  ['kirstjen-nielsen', 'Kirstjen M. Nielsen'],
  ['dana-sabraw', 'Dana M. Sabraw'],
];

export function generateNotes(count: number, seed = 1): Note[] {
  const notes: Note[] = [];
  const base = Date.UTC(2024, 0, 1);
  for (let i = 0; i < count; i++) {
    const site = SITES[(i * 7 + seed) % SITES.length]!;
    const word = (k: number) => WORDS[(i * 3 + k * 5 + seed) % WORDS.length]!;
    const exact = `the ${word(1)} about the ${word(2)} number ${i}`;
    const created = new Date(base + i * 61_000).toISOString();
    const entity = i % 5 === 0 ? ENTITIES[i % ENTITIES.length] : undefined;
    const url = `https://${site}/2021/01/story-${i % 400}`;
    notes.push({
      id: `urn:uuid:00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
      schemaVersion: NOTE_SCHEMA_VERSION,
      motivation: 'commenting',
      target: {
        source: url,
        originalUrl: `${url}?utm_source=feed`,
        pageTitle: `Story ${i % 400} about the ${word(3)}`,
        selector: [
          { type: 'TextQuoteSelector', exact, prefix: 'before ', suffix: ' after' },
          { type: 'TextPositionSelector', start: 100 + i, end: 100 + i + exact.length },
        ],
      },
      body: { text: `Note ${i}: check the ${word(4)} against the ${word(5)}.`, tags: i % 3 === 0 ? [word(6), 'follow-up'] : [] },
      ...(entity ? { entityId: entity[0], entityName: entity[1] } : {}),
      created,
      modified: created,
    });
  }
  return notes;
}

export function generateNotesFile(count: number): string {
  return exportJsonLd(generateNotes(count));
}
