/** A small inline pack for detection tests, independent of the real pack's data. */
import type { Entity, NameForm, Pack } from '../../../src/pack/schema';
import { compilePackIndex, type PackIndex } from '../../../src/detect/pack-index';

function entity(id: string, type: Entity['type'], names: NameForm[]): Entity {
  return { id, type, name: names[0]!.text, names, identity: id, role: id, facts: [] };
}

const full = (text: string, caseInsensitive?: boolean): NameForm => ({ text, rule: 'full', ...(caseInsensitive ? { caseInsensitive } : {}) });
const title = (text: string): NameForm => ({ text, rule: 'title' });
const short = (text: string): NameForm => ({ text, rule: 'short' });

export function testPack(overrides: Partial<Pack['signals']> = {}): Pack {
  return {
    id: 'test-topic',
    version: '0.0.1',
    dataAsOf: '2026-01-01',
    title: 'Test topic',
    description: 'A pack for tests',
    sources: [],
    timeline: [],
    entities: [
      entity('jeff-sessions', 'person', [full('Jeff Sessions'), title('Attorney General Jeff Sessions'), title('Mr. Sessions'), short('Sessions')]),
      entity('stephen-miller', 'person', [full('Stephen Miller'), short('Miller'), short('Mr. Miller')]),
      entity('gene-hamilton', 'person', [full('Gene Hamilton'), title('Mr. Hamilton'), short('Hamilton')]),
      entity('john-bash', 'person', [full('John Bash'), full('John F. Bash'), short('Bash')]),
      entity('zina-bash', 'person', [full('Zina Bash'), short('Bash')]),
      entity('zero-tolerance', 'term', [full('zero tolerance', true), full('zero-tolerance policy', true)]),
      entity('eo-13841', 'document', [full('Executive Order 13841'), short('the order')]),
      entity('ms-l', 'case', [full('Ms. L.'), full('Ms. L v. ICE')]),
      entity('ice', 'organization', [full('Immigration and Customs Enforcement'), full('ICE')]),
    ],
    signals: {
      phrases: [
        { text: 'zero tolerance', weight: 3, caseInsensitive: true },
        { text: 'family separation', weight: 4, caseInsensitive: true },
        { text: 'separated from their parents', weight: 3, caseInsensitive: true },
        { text: 'Executive Order 13841', weight: 4 },
        { text: 'special counsel', weight: -4, caseInsensitive: true },
        { text: 'drunk driving', weight: -5, caseInsensitive: true },
      ],
      entityWeight: 1,
      cooccurrence: [{ entities: ['jeff-sessions', 'zero-tolerance'], weight: 2 }],
      threshold: 8,
      minDistinct: 3,
      ...overrides,
    },
    blockers: [
      { text: 'White House' },
      { text: 'training sessions', caseInsensitive: true },
      { text: 'Lewis Hamilton' },
      { text: 'Pete Sessions' },
      { text: 'Matthew Miller' },
    ],
  };
}

export const testIndex: PackIndex = compilePackIndex(testPack());
