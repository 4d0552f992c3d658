import { describe, expect, it } from 'vitest';
import { auditLine, auditProvenance, datedBefore, identityIsTimeSensitive, isTimeSensitive, whyNotADocument } from '../../../src/pack/provenance';
import { validatePack } from '../../../src/pack/validate';
import { zeroTolerancePack } from '../../../src/pack/packs/zero-tolerance';
import type { Entity, Pack, Source } from '../../../src/pack/schema';

/** Two specific documents from different publishers, an entity citing both, one dated event: a pack with no provenance problem. */
function cleanPack(): Pack {
  const sources: Source[] = [
    {
      id: 'ap-2018-06-20',
      kind: 'news-article',
      title: 'Trump signs order to keep families together',
      author: 'A Reporter',
      publisher: 'The Associated Press',
      date: '2018-06-20',
      url: 'https://apnews.com/article/example',
      excerpts: [
        {
          id: 'ap-quote',
          text: 'At the signing in the Oval Office on Wednesday, the president said: “We are keeping families together.” He did not say when the order would take effect.',
        },
      ],
    },
    {
      id: 'fr-13841',
      kind: 'executive-order',
      title: 'Affording Congress an Opportunity To Address Family Separation',
      author: 'The President',
      publisher: 'Federal Register',
      date: '2018-06-25',
      number: '83 FR 29435',
      url: 'https://www.federalregister.gov/d/2018-13696',
    },
  ];
  const president: Entity = {
    id: 'a-president',
    type: 'person',
    name: 'A President',
    names: [{ text: 'A President', rule: 'full' }],
    identity: 'U.S. president, January 2017 – January 2021.',
    role: 'Signed the order.',
    facts: [{ text: 'Signed an executive order on family detention.', date: '2018-06-20', sources: ['ap-2018-06-20', 'fr-13841'], confidence: 'multi' }],
    quotes: [{ text: 'We are keeping families together.', speaker: 'a-president', date: '2018-06-20', source: 'ap-2018-06-20', excerpt: 'ap-quote', confidence: 'single' }],
  };
  return {
    id: 'test',
    version: '1.0.0',
    dataAsOf: '2026-12-01',
    title: 'Test',
    description: 'Test pack',
    sources,
    entities: [president],
    timeline: [{ id: 't-signing', date: '2018-06-20', precision: 'day', description: 'The order is signed.', entities: ['a-president'], sources: ['ap-2018-06-20'], confidence: 'single' }],
    signals: { phrases: [], entityWeight: 1, cooccurrence: [], threshold: 1, minDistinct: 1 },
  };
}

const president = (pack: Pack) => pack.entities[0]!;
const rules = (pack: Pack) => auditProvenance(pack).problems.map((p) => p.rule);

describe('pack provenance rules', () => {
  it('finds no problem in a pack whose claims rest on specific, well-dated documents', () => {
    const audit = auditProvenance(cleanPack());
    expect(audit.problems).toEqual([]);
    expect(auditLine(audit)).toBe('audit: claims=3 unspecific=0 multi_thin=0 source_before_event=0 url_share=1.00 as_of_missing=0');
  });

  describe('a claim must cite a specific document', () => {
    it('rejects an aggregate "reporting on" source', () => {
      const pack = cleanPack();
      pack.sources.push({ id: 'wire', kind: 'aggregate', title: 'Wire reporting on the order', author: 'Staff', publisher: 'A Wire', date: '2018-06-20', urlNote: 'none' });
      president(pack).facts[0]!.sources.push('wire');
      const audit = auditProvenance(pack);
      expect(audit.unspecific).toBe(1);
      expect(audit.problems.map((p) => p.message)).toContain(
        'entity "a-president" facts[0].sources: cites "wire", which is a "aggregate" source, not one document',
      );
    });

    it('rejects a research aid or encyclopedia (kind "reference")', () => {
      const pack = cleanPack();
      pack.sources.push({ id: 'notes', kind: 'reference', title: 'Our fact sheet', author: 'Us', publisher: 'Us', date: '2025', urlNote: 'internal' });
      pack.timeline[0]!.sources = ['notes'];
      expect(rules(pack)).toContain('unspecific');
    });

    it('rejects a news article dated only by month, and an untitled one with no way to find it', () => {
      const byMonth = { ...cleanPack().sources[0]!, date: '2018-06' };
      expect(whyNotADocument(byMonth)).toMatch(/not its day of publication/);
      const untitled = { ...cleanPack().sources[0]!, url: undefined, descriptiveTitle: true };
      expect(whyNotADocument(untitled)).toMatch(/neither its own title nor a URL/);
      expect(whyNotADocument({ ...untitled, number: 'No. 1' })).toBeNull();
    });

    it('lets a claim marked unverified stand on what it has, and counts it', () => {
      const pack = cleanPack();
      pack.sources.push({ id: 'wire', kind: 'aggregate', title: 'Wire reporting', author: 'Staff', publisher: 'A Wire', date: '2018-06-20', urlNote: 'none' });
      president(pack).facts.push({ text: 'Said more.', sources: ['wire'], confidence: 'single', unverified: true });
      const audit = auditProvenance(pack);
      expect(audit.unspecific).toBe(0);
      expect(audit.unverified).toBe(1);
    });
  });

  it('rejects "multi" confidence without specific documents from two publishers', () => {
    const pack = cleanPack();
    const second = { ...pack.sources[0]!, id: 'ap-2018-06-21', date: '2018-06-21', excerpts: undefined };
    pack.sources.push(second);
    president(pack).facts[0]!.sources = ['ap-2018-06-20', 'ap-2018-06-21'];
    const audit = auditProvenance(pack);
    expect(audit.multiThin).toBe(1);
    expect(audit.problems.map((p) => p.message)).toContain(
      'entity "a-president" facts[0].confidence: "multi" needs specific documents from two publishers; it has 1',
    );
    // A quote counts its further printings.
    const quote = president(pack).quotes![0]!;
    quote.confidence = 'multi';
    expect(auditProvenance(pack).multiThin).toBe(2);
    quote.alsoIn = ['fr-13841'];
    expect(auditProvenance(pack).multiThin).toBe(1);
  });

  it('rejects a news article, report or hearing dated before the event it is cited for', () => {
    const pack = cleanPack();
    pack.sources[0]!.date = '2017-03-06';
    const audit = auditProvenance(pack);
    // The fact, the quote and the timeline event all cite it.
    expect(audit.sourceBeforeEvent).toBe(3);
    expect(audit.problems.map((p) => p.message)).toContain(
      'timeline "t-signing" event.sources: "ap-2018-06-20" (news-article, 2017-03-06) is dated before the event it is cited for (2018-06-20)',
    );
  });

  it('lets an order or memo precede what it is cited for', () => {
    const pack = cleanPack();
    president(pack).facts[0]!.date = '2018-07-01';
    president(pack).facts[0]!.sources = ['fr-13841'];
    president(pack).facts[0]!.confidence = 'single';
    expect(auditProvenance(pack).sourceBeforeEvent).toBe(0);
  });

  it('compares dates at the coarser precision of the two', () => {
    expect(datedBefore('2018-05', '2018-05-26')).toBe(false);
    expect(datedBefore('2018-04', '2018-05-26')).toBe(true);
    expect(datedBefore('2021', '2021-01-14')).toBe(false);
    expect(datedBefore('2017-03-06', '2018-05-26')).toBe(true);
  });

  it('rejects a quote whose excerpt is only the quote, or that has no excerpt', () => {
    const pack = cleanPack();
    pack.sources[0]!.excerpts![0]!.text = '“We are keeping families together.”';
    expect(rules(pack)).toEqual(['quote-without-context']);
    delete president(pack).quotes![0]!.excerpt;
    expect(auditProvenance(pack).problems.map((p) => p.message)).toEqual([
      'entity "a-president" quotes[0].excerpt: no excerpt, so the reader cannot see the quote in its document',
    ]);
  });

  describe('a time-sensitive statement needs an as-of date', () => {
    it('flags current posts, "presides" and spans left open', () => {
      expect(isTimeSensitive('Presides over Ms. L. v. ICE.')).toBe(true);
      expect(isTimeSensitive('Chairman of the committee from Feb. 3, 2021.')).toBe(true);
      expect(isTimeSensitive('Senior adviser from January 2017.')).toBe(true);
      expect(isTimeSensitive('Chief judge since 2021.')).toBe(true);
      expect(isTimeSensitive('Separated children from July 1, 2017, to Jan. 20, 2021.')).toBe(false);
      expect(isTimeSensitive('Adviser from January 2017 – January 2021.')).toBe(false);
      expect(isTimeSensitive('Signed the order on June 20, 2018.')).toBe(false);
    });

    it('reads a person’s identity line as a current post unless each post in it is bounded in time', () => {
      const person = (identity: string) => identityIsTimeSensitive({ type: 'person', identity });
      expect(person('Journalist at The Atlantic.')).toBe(true);
      expect(person('Acting chief of the U.S. Border Patrol.')).toBe(true);
      expect(person('Acting chief of the U.S. Border Patrol in 2018.')).toBe(false);
      expect(person('Former U.S. president.')).toBe(false);
      expect(person('U.S. attorney general, Feb. 9, 2017 – Nov. 7, 2018; U.S. senator from Alabama, 1997–2017.')).toBe(false);
      expect(person('The lead plaintiff in a class action.')).toBe(false);
      expect(identityIsTimeSensitive({ type: 'organization', identity: 'A federal court.' })).toBe(false);
    });

    it('reports an identity or fact that can go stale until it carries asOf', () => {
      const pack = cleanPack();
      president(pack).identity = 'U.S. president, Jan. 20, 2017 – Jan. 20, 2021, and from Jan. 20, 2025.';
      president(pack).facts.push({ text: 'Presides over the council.', sources: ['fr-13841'], confidence: 'single' });
      expect(auditProvenance(pack).asOfMissing).toBe(2);
      expect(auditProvenance(pack).problems.map((p) => p.message)[0]).toMatch(/^entity "a-president" identity: states something that can go stale/);
      president(pack).asOf = '2026-11-01';
      president(pack).facts[1]!.asOf = '2026-11-01';
      expect(auditProvenance(pack).asOfMissing).toBe(0);
    });

    it('rejects an as-of date later than the pack’s own date', () => {
      const pack = cleanPack();
      president(pack).asOf = '2026-12-05';
      const result = validatePack(pack);
      expect(result.ok ? [] : result.errors).toEqual(['entity "a-president" asOf: asOf 2026-12-05 is later than the pack\'s dataAsOf 2026-12-01']);
    });
  });

  it('requires a URL or identifier on nine sources in ten', () => {
    const pack = cleanPack();
    delete pack.sources[1]!.url;
    delete pack.sources[1]!.number;
    pack.sources[1]!.urlNote = 'not online';
    const audit = auditProvenance(pack);
    expect(audit.urlShare).toBe(0.5);
    expect(audit.problems.map((p) => p.message)).toEqual(['pack sources: 1 of 2 sources have a URL or identifier; at least 90% must']);
  });

  it('fails validation on these problems only when the provenance rules are switched on', () => {
    const pack = cleanPack();
    pack.sources[0]!.date = '2017-03-06';
    expect(validatePack(pack, { provenance: false }).ok).toBe(true);
    const result = validatePack(pack, { provenance: true });
    expect(result.ok).toBe(false);
    expect(result.ok ? [] : result.errors).toHaveLength(3);
  });

  it('finds the zero-tolerance pack clean, and the build enforces it', () => {
    const audit = auditProvenance(zeroTolerancePack);
    expect(audit.problems.map((p) => p.message)).toEqual([]);
    expect(audit.urlShare).toBeGreaterThanOrEqual(0.9);
    // The lint the build runs (validatePack with its default switch) rejects a regression.
    const pack = structuredClone(zeroTolerancePack);
    pack.entities.find((e) => e.id === 'donald-trump')!.asOf = undefined;
    const result = validatePack(pack);
    expect(result.ok ? [] : result.errors).toEqual([expect.stringMatching(/^entity "donald-trump" identity: states something that can go stale/)]);
  });
});
