/**
 * What readers see: the zero-tolerance pack's content rules, beyond what validatePack checks.
 * The lists below are explicit on purpose, so removing a person or a document fails a test.
 */
import { describe, expect, it } from 'vitest';
import { zeroTolerancePack as pack } from '../../../src/pack/packs/zero-tolerance';
import { compilePackIndex } from '../../../src/detect/pack-index';
import { findMentions } from '../../../src/detect/mentions';

const entityById = new Map(pack.entities.map((e) => [e.id, e]));
const sourceById = new Map(pack.sources.map((s) => [s.id, s]));

/** Every person named in the fact sheet's sections 2 and 3, plus the look-alikes of section 6 that have entities. */
const PEOPLE = [
  'Donald J. Trump',
  'Gene P. Hamilton',
  'Jeff Sessions',
  'Rod J. Rosenstein',
  'Stephen Miller',
  'Kirstjen M. Nielsen',
  'John F. Kelly',
  'Kevin K. McAleenan',
  'Thomas D. Homan',
  'L. Francis Cissna',
  'Alex Azar',
  'Scott Lloyd',
  'Jonathan D. White',
  'Matthew T. Albence',
  'Dana M. Sabraw',
  'Lee Gelernt',
  'Ms. L.',
  'Michael E. Horowitz',
  'Richard J. Durbin',
  'Barack Obama',
  'Adam L. Braverman',
  'Elizabeth A. Strange',
  'John C. Anderson',
  'John F. Bash',
  'Ryan K. Patrick',
  'Christi A. Grimm',
  'Ann Maxwell',
  'Carla L. Provost',
  'Sarah B. Fabian',
  "Edward C. O'Callaghan",
  'Alejandro N. Mayorkas',
  'Caitlin Dickerson',
  'Dolly M. Gee',
  'Chuck Grassley',
  'Joe Biden',
  'Pete Sessions',
  'Sarah Isgur Flores',
  // Added with issue 16's corrections.
  'Monty Wilkinson',
  'Chad F. Wolf',
  'Ms. C.',
];

/** Documents D01–D19 of the fact sheet (D03, D12 and D17 are two documents each). */
const DOCUMENT_SOURCES = [
  'd01', 'd02', 'd03', 'd03-release', 'd04', 'd05', 'd06', 'd07', 'd08', 'd09', 'd10', 'd11',
  'd12', 'd12-report', 'd13', 'd14', 'd15', 'd16', 'd17-2018', 'd17',
  // D18 (audit OIG-20-06) and D19 (the Jan. 26, 2021 rescission).
  'a-oig-20-06', 'a-aila-2021-01-26-rescission',
];

/** Words of judgement that must not appear in our own voice (quotes are exempt). */
const EDITORIAL = [
  'shameful', 'cruel', 'cruelly', 'cruelty', 'heartless', 'draconian', 'inhumane', 'brave', 'bravely',
  'barbaric', 'horrific', 'horrible', 'outrageous', 'disgraceful', 'callous', 'heroic', 'evil',
  'appalling', 'monstrous', 'despicable', 'notorious', 'infamous', 'shocking', 'tragic', 'heinous', 'ruthless',
];

/** Our own prose, with anything inside quotation marks removed (quoted words are the speaker's). */
function ownVoice(): Array<{ where: string; text: string }> {
  const out: Array<{ where: string; text: string }> = [];
  const add = (where: string, text: string | undefined) => {
    if (text) out.push({ where, text: text.replace(/“[^”]*”/g, '“…”').replace(/"[^"]*"/g, '"…"') });
  };
  for (const e of pack.entities) {
    add(`${e.id} name`, e.name);
    add(`${e.id} identity`, e.identity);
    add(`${e.id} role`, e.role);
    e.facts.forEach((f, i) => add(`${e.id} facts[${i}]`, f.text));
    e.figures?.forEach((f, i) => add(`${e.id} figures[${i}]`, `${f.value} ${f.scope}`));
    e.quotes?.forEach((q, i) => add(`${e.id} quotes[${i}].where`, q.where));
  }
  for (const t of pack.timeline) add(`timeline ${t.id}`, t.description);
  for (const s of pack.sources) {
    if (s.descriptiveTitle) add(`source ${s.id} title`, s.title);
    add(`source ${s.id} urlNote`, s.urlNote);
    add(`source ${s.id} dateNote`, s.dateNote);
  }
  for (const c of pack.collisions ?? []) add(`collision ${c.form}`, c.resolution);
  add('pack description', pack.description);
  return out;
}

describe('zero-tolerance pack content', () => {
  it('has an entity for every person in the fact sheet', () => {
    const people = new Set(pack.entities.filter((e) => e.type === 'person').map((e) => e.name));
    expect(PEOPLE.filter((name) => !people.has(name))).toEqual([]);
  });

  it('cites every document of the fact sheet as a source', () => {
    expect(DOCUMENT_SOURCES.filter((id) => !sourceById.has(id))).toEqual([]);
  });

  it('rests on the seed article: The New York Times, Jan. 14, 2021, Michael D. Shear', () => {
    const seed = sourceById.get(pack.seedSource!)!;
    expect(seed).toMatchObject({ publisher: 'The New York Times', date: '2021-01-14', author: 'Michael D. Shear' });
    expect(seed.title).toBe('Trump and Aides Drove Family Separation at Border, Documents Say');
  });

  it('gives every entity between one and five facts, and the central people at least two', () => {
    for (const e of pack.entities) {
      expect(e.facts.length, e.id).toBeGreaterThanOrEqual(1);
      expect(e.facts.length, e.id).toBeLessThanOrEqual(5);
    }
    const central = ['donald-trump', 'gene-hamilton', 'jeff-sessions', 'rod-rosenstein', 'stephen-miller', 'kirstjen-nielsen',
      'john-kelly', 'kevin-mcaleenan', 'thomas-homan', 'dana-sabraw', 'michael-horowitz', 'richard-durbin', 'ms-l'];
    for (const id of central) expect(entityById.get(id)!.facts.length, id).toBeGreaterThanOrEqual(2);
  });

  it('gives every quote an excerpt, so "View source context" always has something to show', () => {
    const missing = pack.entities.flatMap((e) => (e.quotes ?? []).filter((q) => !q.excerpt).map((q) => `${e.id}: ${q.text}`));
    expect(missing).toEqual([]);
  });

  it('keeps quotes exactly as printed', () => {
    const quotes = pack.entities.flatMap((e) => e.quotes ?? []).map((q) => q.text);
    expect(quotes).toContain(
      'Put pressure on the Democrats to end the horrible law that separates children from there parents once they cross the Border into the U.S.',
    );
    expect(quotes).toContain('IF THEY ARE REFERRING, THEN PROSECUTE. AGE OF CHILD DOESN’T MATTER');
    expect(quotes).toContain('We need to take away children');
    expect(quotes).toContain('It was a failed policy that never should have been proposed or implemented. I wish we all had done better.');
    expect(quotes).toContain('We do not have a policy of separating families at the border. Period.');
  });

  it('uses no words of judgement in its own voice', () => {
    const pattern = new RegExp(`\\b(${EDITORIAL.join('|')})\\b`, 'i');
    const hits = ownVoice().filter(({ text }) => pattern.test(text)).map(({ where, text }) => `${where}: ${text.match(pattern)![0]}`);
    expect(hits).toEqual([]);
  });

  it('lists conflicting counts of separated children side by side, each with a source', () => {
    const figures = entityById.get('family-separation')!.figures!;
    expect(figures.length).toBeGreaterThanOrEqual(10);
    const values = figures.map((f) => f.value);
    for (const v of ['more than 3,000', '2,654', '3,913, plus 1,723 under review', 'unknown']) expect(values).toContain(v);
    for (const f of figures) expect(f.sources.length).toBeGreaterThan(0);
  });

  it('dates every event of the fact sheet timeline', () => {
    const dates = new Set(pack.timeline.map((t) => t.date));
    const expected = ['1997', '2017-03-06', '2017-05', '2018-02-26', '2018-04-03', '2018-04-06', '2018-04-23', '2018-05-04',
      '2018-05-07', '2018-05', '2018-05-11', '2018-05-22', '2018-06-06', '2018-06-20', '2018-06-25', '2018-06-26', '2018-07-10',
      '2018-07-12', '2018-07-26', '2018-07-31', '2018-10-02', '2018-11-07', '2019-01', '2019-10-24', '2020-03-05', '2020-10-06',
      '2021-01-14', '2021-01-26', '2021-02-02', '2021-02-04', '2021-06-08', '2023-10-16', '2023-12-08', '2025-01-20'];
    expect(expected.filter((d) => !dates.has(d))).toEqual([]);
  });

  describe('name forms follow the disambiguation notes', () => {
    const formsOf = (id: string) => entityById.get(id)!.names.map((n) => n.text);

    it('gives Jonathan White no bare "White" and no "Mr. White"', () => {
      expect(formsOf('jonathan-white')).not.toContain('White');
      expect(formsOf('jonathan-white')).not.toContain('Mr. White');
    });

    it('never lets a common surname introduce anyone on its own', () => {
      for (const id of ['john-kelly', 'john-anderson', 'scott-lloyd', 'dolly-gee', 'christi-grimm', 'kirstjen-nielsen', 'elizabeth-strange', 'ryan-patrick']) {
        // A bare surname may be a short form (it then needs the full name earlier), never a full or title form.
        const bare = entityById.get(id)!.names.filter((n) => n.rule !== 'short' && !/\s/.test(n.text));
        expect(bare, id).toEqual([]);
      }
    });

    it('does not give the senator the plain name of the former U.S. attorney Richard Durbin', () => {
      expect(formsOf('richard-durbin')).not.toContain('Richard Durbin');
    });

    const index = compilePackIndex(pack);
    const mentioned = (text: string) => findMentions(text, index).map((m) => `${m.entityId}:${m.text}`);

    it('reads "Rep. Pete Sessions" as Pete Sessions, not the attorney general', () => {
      const text = 'Attorney General Jeff Sessions issued the memo. At the 2021 hearing, Rep. Pete Sessions spoke. Mr. Sessions asked a question.';
      expect(mentioned(text)).toEqual([
        'jeff-sessions:Attorney General Jeff Sessions',
        'pete-sessions:Rep. Pete Sessions',
        'pete-sessions:Mr. Sessions',
      ]);
    });

    it('does not read the White House as Cmdr. Jonathan White, or Sarah Isgur Flores as the settlement', () => {
      const text = 'Cmdr. Jonathan White warned the White House. The Flores settlement limits detention. Sarah Isgur Flores declined to comment. Ms. Flores said later.';
      expect(mentioned(text)).toEqual([
        'jonathan-white:Cmdr. Jonathan White',
        'flores-settlement:Flores settlement',
        'sarah-isgur-flores:Sarah Isgur Flores',
        'sarah-isgur-flores:Ms. Flores',
      ]);
    });

    it('finds the main actors of the seed article', () => {
      // The bundled excerpts of the seed (its quoted paragraphs); Gene Hamilton's full name is in a paragraph not bundled.
      const seed = sourceById.get('d01')!.excerpts!.map((x) => x.text).join('\n\n');
      const ids = new Set(findMentions(seed, index).map((m) => m.entityId));
      for (const id of ['jeff-sessions', 'rod-rosenstein', 'stephen-miller', 'richard-durbin', 'donald-trump', 'zero-tolerance-policy']) {
        expect(ids.has(id), id).toBe(true);
      }
    });
  });
});
