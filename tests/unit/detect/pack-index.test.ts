import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { compilePackIndex } from '../../../src/detect/pack-index';
import { findMentions } from '../../../src/detect/mentions';
import { nextHit, phraseMatcher } from '../../../src/detect/phrase-matcher';
import { zeroTolerancePack } from '../../../src/pack/packs/zero-tolerance';
import { testPack } from './test-pack';

describe('compilePackIndex', () => {
  it('is plain JSON that survives a round trip', () => {
    const index = compilePackIndex(testPack());
    const copy = JSON.parse(JSON.stringify(index));
    expect(copy).toEqual(index);
    expect(findMentions('Jeff Sessions and Sessions', copy).map((m) => m.text)).toEqual(['Jeff Sessions', 'Sessions']);
  });

  it('stays small for the real pack (< 15 KB gzipped)', () => {
    const json = JSON.stringify(compilePackIndex(zeroTolerancePack));
    expect(gzipSync(json).length).toBeLessThan(15 * 1024);
  });

  it('merges signal phrases the matcher cannot tell apart, keeping the first', () => {
    const pack = testPack();
    pack.signals.phrases.push({ text: 'zero-tolerance', weight: 9, caseInsensitive: true }, { text: 'Zero Tolerance', weight: 9, caseInsensitive: true });
    const index = compilePackIndex(pack);
    expect(index.signals.filter(([text]) => /zero.tolerance/i.test(text))).toEqual([['zero tolerance', 3, 1]]);
  });

  it('records which short forms a blocker names a rival bearer of', () => {
    const index = compilePackIndex(testPack());
    const rivals = Object.fromEntries(index.blockers.map(([text, , r]) => [text, r]));
    expect(rivals['Pete Sessions']).toEqual(['sessions']);
    expect(rivals['Matthew Miller']).toEqual(['miller']);
    expect(rivals['training sessions']).toEqual([]); // "sessions" is not the short form "Sessions"
    expect(rivals['White House']).toEqual([]);
  });

  it('compiles the gate and a prefilter of one stem per gate phrase', () => {
    const index = compilePackIndex(testPack({ gate: ['zero tolerance', 'family separation', 'separated famil'] }));
    expect(index.gatePrefilter).toBe('toleran|separat');
    const gate = new RegExp(index.gatePattern!, 'i');
    expect(gate.test('the Zero\u00a0Tolerance rule')).toBe(true);
    expect(gate.test('zero-tolerance')).toBe(true);
    expect(gate.test('separate families')).toBe(false);
    expect(compilePackIndex(testPack()).gatePattern).toBeNull();
  });

  it('rejects a co-occurrence that names an unknown entity', () => {
    expect(() => compilePackIndex(testPack({ cooccurrence: [{ entities: ['jeff-sessions', 'nobody'], weight: 1 }] }))).toThrow(/unknown entity "nobody"/);
  });

  it('builds phrases that never match for a pack without phrases', () => {
    const index = compilePackIndex(testPack({ phrases: [] }));
    expect(nextHit('anything at all', phraseMatcher(index.signalPhrases), 0, { start: 0, end: 0, text: '', exact: '', folded: '' })).toBe(false);
  });

  it('matches forms that start or end with punctuation (§ 1325, Ms. L.)', () => {
    const pack = testPack();
    pack.entities.push({ ...pack.entities[0]!, id: 'section-1325', names: [{ text: '§ 1325(a)', rule: 'full' }] });
    const index = compilePackIndex(pack);
    expect(findMentions('under §\u00a01325(a), and Ms. L.’s case', index).map((m) => [m.entityId, m.text])).toEqual([
      ['section-1325', '§\u00a01325(a)'],
      ['ms-l', 'Ms. L.'],
    ]);
  });
});
