import { describe, expect, it } from 'vitest';
import { formatPackErrors, validatePack } from '../../../src/pack/validate';
import { zeroTolerancePack } from '../../../src/pack/packs/zero-tolerance';
import type { Entity, Pack } from '../../../src/pack/schema';

/** A deep copy of the real pack to break in one place. */
function copy(): Pack {
  return structuredClone(zeroTolerancePack);
}

function entity(pack: Pack, id: string): Entity {
  const found = pack.entities.find((e) => e.id === id);
  if (!found) throw new Error(`test setup: no entity ${id}`);
  return found;
}

function errorsOf(pack: unknown): string[] {
  const result = validatePack(pack);
  if (result.ok) throw new Error('expected the pack to be invalid');
  return result.errors;
}

describe('validatePack', () => {
  it('accepts the zero-tolerance pack', () => {
    const result = validatePack(zeroTolerancePack);
    expect(result.ok ? [] : result.errors).toEqual([]);
    expect(result.ok && result.pack.id).toBe('zero-tolerance');
  });

  describe('schema issues name the entity and the field', () => {
    it('reports an empty sources list on a fact', () => {
      const pack = copy();
      entity(pack, 'jeff-sessions').facts[0]!.sources = [];
      expect(errorsOf(pack)).toContain('entity "jeff-sessions" facts[0].sources: every fact needs at least one source');
    });

    it('reports a date that is not on the calendar', () => {
      const pack = copy();
      entity(pack, 'rod-rosenstein').facts[1]!.date = '2018-02-30';
      expect(errorsOf(pack)).toContain('entity "rod-rosenstein" facts[1].date: date does not exist on the calendar');
    });

    it('reports a URL that is not https', () => {
      const pack = copy();
      pack.sources.find((s) => s.id === 'd04')!.url = 'http://thefederalregister.org/83-FR/29435';
      expect(errorsOf(pack)).toContain('source "d04" url: URLs must be https');
    });

    it('reports a wrong kind of value on a timeline event by its id', () => {
      const pack = copy();
      (pack.timeline[0] as { precision: string }).precision = 'decade';
      expect(errorsOf(pack).some((e) => e.startsWith(`timeline "${pack.timeline[0]!.id}" precision:`))).toBe(true);
    });

    it('falls back to the position when the item has no id', () => {
      const pack = copy();
      (pack.entities[0] as { id?: string }).id = undefined;
      expect(errorsOf(pack).some((e) => e.startsWith('entities[0] id:'))).toBe(true);
    });
  });

  describe('referential lint', () => {
    it('reports ids used twice across sources, excerpts, entities and the timeline', () => {
      const pack = copy();
      entity(pack, 'gao').id = 'd09';
      expect(errorsOf(pack)).toContain('entity "d09" id: duplicate id "d09", already used by source "d09"');
    });

    it('reports an excerpt id that repeats an entity id', () => {
      const pack = copy();
      pack.sources.find((s) => s.id === 'd01')!.excerpts![0]!.id = 't-2018-04-06-memo';
      expect(errorsOf(pack)).toContain(
        'timeline "t-2018-04-06-memo" id: duplicate id "t-2018-04-06-memo", already used by source "d01"',
      );
    });

    it('reports a fact source that does not resolve', () => {
      const pack = copy();
      entity(pack, 'jeff-sessions').facts[2]!.sources[0] = 'd99';
      expect(errorsOf(pack)).toContain('entity "jeff-sessions" facts[2].sources[0]: unknown source "d99"');
    });

    it('reports a figure source that does not resolve', () => {
      const pack = copy();
      entity(pack, 'family-separation').figures![1]!.sources[1] = 'gao-99';
      expect(errorsOf(pack)).toContain('entity "family-separation" figures[1].sources[1]: unknown source "gao-99"');
    });

    it('reports a timeline source or entity that does not resolve', () => {
      const pack = copy();
      const event = pack.timeline.find((t) => t.id === 't-2018-06-20-eo-13841')!;
      event.sources[0] = 'nowhere';
      event.entities[1] = 'eo-99999';
      const errors = errorsOf(pack);
      expect(errors).toContain('timeline "t-2018-06-20-eo-13841" sources[0]: unknown source "nowhere"');
      expect(errors).toContain('timeline "t-2018-06-20-eo-13841" entities[1]: unknown entity "eo-99999"');
    });

    it('reports a quote whose source or speaker does not resolve', () => {
      const pack = copy();
      const quote = entity(pack, 'kirstjen-nielsen').quotes![0]!;
      quote.speaker = 'kirstjen';
      quote.source = 'twitter';
      const errors = errorsOf(pack);
      expect(errors).toContain('entity "kirstjen-nielsen" quotes[0].speaker: unknown entity "kirstjen"');
      expect(errors).toContain('entity "kirstjen-nielsen" quotes[0].source: unknown source "twitter"');
    });

    it('reports a quote excerpt that does not exist', () => {
      const pack = copy();
      entity(pack, 'gene-hamilton').quotes![2]!.excerpt = 'd01-para-99';
      expect(errorsOf(pack)).toContain('entity "gene-hamilton" quotes[2].excerpt: unknown excerpt "d01-para-99"');
    });

    it('reports a quote excerpt that belongs to another source', () => {
      const pack = copy();
      entity(pack, 'rod-rosenstein').quotes![1]!.excerpt = 'd01-paras-5-6';
      expect(errorsOf(pack)).toContain(
        'entity "rod-rosenstein" quotes[1].excerpt: excerpt "d01-paras-5-6" belongs to source "d01", not to the quote\'s source "d14"',
      );
    });

    it('reports a quote that its excerpt does not contain verbatim', () => {
      const pack = copy();
      const quote = entity(pack, 'donald-trump').quotes![0]!;
      quote.text = quote.text.replace('there parents', 'their parents');
      expect(errorsOf(pack)).toContain('entity "donald-trump" quotes[0].excerpt: excerpt "b-politico-2018-05-26-tweet" does not contain the quote verbatim');
    });

    it('reports related ids and co-occurrence ids that do not resolve', () => {
      const pack = copy();
      entity(pack, 'stephen-miller').related![0] = 'donald-j-trump';
      pack.signals.cooccurrence[0]!.entities[0] = 'sessions';
      const errors = errorsOf(pack);
      expect(errors).toContain('entity "stephen-miller" related[0]: unknown entity "donald-j-trump"');
      expect(errors).toContain('signals cooccurrence[0].entities[0]: unknown entity "sessions"');
    });

    it('reports collisions that name unknown entities', () => {
      const pack = copy();
      pack.collisions![0]!.entities.push('jeff-session');
      expect(errorsOf(pack)).toContain(`collision "Sessions" entities[2]: unknown entity "jeff-session"`);
    });

    it('reports a timeline precision that does not match its date', () => {
      const pack = copy();
      pack.timeline.find((t) => t.id === 't-1997-flores')!.precision = 'day';
      expect(errorsOf(pack)).toContain('timeline "t-1997-flores" precision: "day" does not match date 1997 (expected "year")');
    });

    it('reports dates in the future', () => {
      const pack = copy();
      entity(pack, 'john-kelly').facts[0]!.date = '2999-01';
      expect(errorsOf(pack)).toContain('entity "john-kelly" facts[0].date: date 2999-01 is in the future');
    });

    it('reports a source with neither a URL nor a note saying why', () => {
      const pack = copy();
      delete pack.sources.find((s) => s.id === 'd03')!.urlNote;
      expect(errorsOf(pack)).toContain('source "d03" url: no url and no urlNote (say why there is no link)');
    });

    it('reports seed-confidence claims that do not rest on the seed alone, and seed-only claims that say otherwise', () => {
      const pack = copy();
      const hamilton = entity(pack, 'gene-hamilton');
      hamilton.facts[2]!.sources.push('d02');
      hamilton.facts[1]!.sources = ['d01'];
      const errors = errorsOf(pack);
      expect(errors).toContain('entity "gene-hamilton" facts[2].confidence: confidence "seed" must cite the seed source "d01" alone');
      expect(errors).toContain('entity "gene-hamilton" facts[1].confidence: cites only the seed source "d01", so its confidence must be "seed"');
    });
  });

  describe('name forms', () => {
    it('reports a form two entities share without a declared collision', () => {
      const pack = copy();
      const bash = entity(pack, 'john-bash');
      bash.names.push({ text: 'Miller', rule: 'short' });
      expect(errorsOf(pack)).toContain(
        `entity "john-bash" names[${bash.names.length - 1}]: name form "Miller" is also a form of entity "stephen-miller"; declare it in collisions or drop one`,
      );
    });

    it('accepts shared forms declared in collisions, and reports them once the declaration is gone', () => {
      const pack = copy();
      expect(validatePack(pack).ok).toBe(true);
      pack.collisions = pack.collisions!.filter((c) => c.form !== 'Sessions');
      expect(errorsOf(pack).some((e) => e.includes('name form "Sessions" is also a form of entity "jeff-sessions"'))).toBe(true);
    });

    it('treats a case-insensitive form as shared with any casing of the same words', () => {
      const pack = copy();
      const memo = entity(pack, 'zero-tolerance-memo');
      memo.names.push({ text: 'Zero Tolerance', rule: 'full' });
      // Reported on the later of the two entities in pack order (terms come after documents).
      expect(errorsOf(pack)).toContain(
        'entity "zero-tolerance-policy" names[0]: name form "zero tolerance" is also a form of entity "zero-tolerance-memo"; declare it in collisions or drop one',
      );
    });

    it('reports a form listed twice on one entity (typography aside)', () => {
      const pack = copy();
      const e = entity(pack, 'edward-ocallaghan');
      e.names.push({ text: 'Edward O’Callaghan', rule: 'full' });
      expect(errorsOf(pack)).toContain(`entity "edward-ocallaghan" names[${e.names.length - 1}]: duplicate name form "Edward O’Callaghan"`);
    });

    it('reports an entity with only short forms', () => {
      const pack = copy();
      entity(pack, 'john-anderson').names = [{ text: 'Mr. Anderson', rule: 'short' }];
      expect(errorsOf(pack)).toContain(
        'entity "john-anderson" names: no full or title form, so the entity can never be matched (short forms need one first)',
      );
    });

    it('reports an entity whose every introducing form is a blocker', () => {
      const pack = copy();
      pack.blockers!.push({ text: 'Pete Sessions' }, { text: 'Rep. Pete Sessions' });
      expect(errorsOf(pack)).toContain('entity "pete-sessions" names: every full and title form is also a blocker, so the entity can never be matched');
    });
  });

  it('formats errors as a readable block', () => {
    const text = formatPackErrors(['entity "a" facts[0].sources[0]: unknown source "x"', 'source "b" url: URLs must be https']);
    expect(text).toBe(
      '2 problems in the topic pack:\n  - entity "a" facts[0].sources[0]: unknown source "x"\n  - source "b" url: URLs must be https',
    );
    expect(formatPackErrors(['one'])).toMatch(/^1 problem in/);
  });
});
