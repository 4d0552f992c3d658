import { describe, expect, it } from 'vitest';
import { compilePackIndex } from '../../../src/detect/pack-index';
import { findMentions, firstMentionEndingAfter, introducedEntities } from '../../../src/detect/mentions';
import { testIndex, testPack } from './test-pack';

const found = (text: string, introduced?: string[]) =>
  findMentions(text, testIndex, { introduced }).map((m) => [m.entityId, m.text]);

describe('findMentions', () => {
  it('matches full and title forms anywhere, case-sensitively', () => {
    expect(found('Attorney General Jeff Sessions spoke; JEFF SESSIONS did not; jeff sessions neither.')).toEqual([
      ['jeff-sessions', 'Attorney General Jeff Sessions'],
    ]);
  });

  it('respects word boundaries, including non-ASCII letters', () => {
    expect(found('Stephen Millers, Stephen Miller2, xStephen Miller, Stephen Milleré and Stephen Miller.')).toEqual([
      ['stephen-miller', 'Stephen Miller'],
    ]);
    expect(found('Jeff Sessions. Sessionsxyz, Sessions1, éSessions and Sessions.').map(([, t]) => t)).toEqual(['Jeff Sessions', 'Sessions']);
  });

  it('matches short forms only after a full or title form of the same entity', () => {
    expect(found('Sessions spoke. Then Jeff Sessions spoke, and Sessions left.')).toEqual([
      ['jeff-sessions', 'Jeff Sessions'],
      ['jeff-sessions', 'Sessions'],
    ]);
    expect(found('Mr. Sessions arrived; Sessions sat down.')).toEqual([
      ['jeff-sessions', 'Mr. Sessions'],
      ['jeff-sessions', 'Sessions'],
    ]);
  });

  it('accepts possessives with straight and curly apostrophes', () => {
    expect(found("Jeff Sessions's memo, Sessions' aides, Sessions’s call, Sessions’ order").map(([, t]) => t)).toEqual([
      'Jeff Sessions',
      'Sessions',
      'Sessions',
      'Sessions',
    ]);
  });

  it('treats spaces, NBSPs, line breaks and hyphen variants between words alike', () => {
    const texts = ['zero tolerance', 'zero-tolerance', 'zero\u2011tolerance', 'zero\u2010tolerance', 'zero\u00a0tolerance', 'zero\n  tolerance', 'Zero Tolerance'];
    for (const t of texts) expect(found(`the ${t} rule`), t).toEqual([['zero-tolerance', t]]);
    expect(found('Jeff\u00a0Sessions')).toEqual([['jeff-sessions', 'Jeff\u00a0Sessions']]);
  });

  it('prefers the longest form at a position and returns sorted, non-overlapping mentions', () => {
    const mentions = findMentions('The zero-tolerance policy and Executive Order 13841 and Ms. L v. ICE.', testIndex);
    expect(mentions.map((m) => m.text)).toEqual(['zero-tolerance policy', 'Executive Order 13841', 'Ms. L v. ICE']);
    for (let i = 1; i < mentions.length; i++) expect(mentions[i]!.start).toBeGreaterThanOrEqual(mentions[i - 1]!.end);
  });

  it('reports offsets into the text', () => {
    const text = 'Before. Stephen Miller wrote.';
    const [m] = findMentions(text, testIndex);
    expect(text.slice(m!.start, m!.end)).toBe('Stephen Miller');
  });

  it('lets blockers swallow the forms inside them', () => {
    expect(found('Gene Hamilton met Lewis Hamilton at the White House after training sessions with Jeff Sessions.')).toEqual([
      ['gene-hamilton', 'Gene Hamilton'],
      ['jeff-sessions', 'Jeff Sessions'],
    ]);
    expect(found('Jeff Sessions attended Training Sessions; Sessions left.').map(([, t]) => t)).toEqual(['Jeff Sessions', 'Sessions']);
  });

  it('makes a short form ambiguous after a blocker names another bearer of it', () => {
    expect(found('Jeff Sessions testified. Rep. Pete Sessions asked; Sessions answered. Mr. Sessions then left; Sessions too.')).toEqual([
      ['jeff-sessions', 'Jeff Sessions'],
      ['jeff-sessions', 'Mr. Sessions'],
      ['jeff-sessions', 'Sessions'],
    ]);
    expect(found('Stephen Miller spoke. Matthew Miller, a spokesman, replied. Miller added.')).toEqual([['stephen-miller', 'Stephen Miller']]);
  });

  it('gives a shared short form to the most recently introduced entity and to none before either', () => {
    expect(found('Bash said. John Bash wrote. Bash added. Zina Bash replied. Bash closed. John F. Bash left; Bash.')).toEqual([
      ['john-bash', 'John Bash'],
      ['john-bash', 'Bash'],
      ['zina-bash', 'Zina Bash'],
      ['zina-bash', 'Bash'],
      ['john-bash', 'John F. Bash'],
      ['john-bash', 'Bash'],
    ]);
  });

  it('never guesses between entities that share a full form', () => {
    const pack = testPack();
    pack.entities.push({ ...pack.entities.find((e) => e.id === 'ice')!, id: 'ice-2' });
    const index = compilePackIndex(pack);
    expect(findMentions('ICE agents', index)).toEqual([]);
  });

  it('matches case-insensitive forms in any case', () => {
    expect(found('ZERO TOLERANCE and Zero tolerance').map(([e]) => e)).toEqual(['zero-tolerance', 'zero-tolerance']);
  });

  it('carries introductions over from earlier text', () => {
    expect(found('Sessions and Miller.', ['jeff-sessions'])).toEqual([['jeff-sessions', 'Sessions']]);
    const first = findMentions('John Bash, then Zina Bash.', testIndex);
    expect(introducedEntities(first)).toEqual(['john-bash', 'zina-bash']);
    expect(found('Bash spoke.', introducedEntities(first))).toEqual([['zina-bash', 'Bash']]);
  });

  it('scans 100 KB of text in a few milliseconds', () => {
    const paragraph = 'The committee met on Tuesday to discuss the budget, and members of the public were invited to speak about roads, schools and parks. ';
    let text = 'Attorney General Jeff Sessions announced it. ';
    while (text.length < 100_000) text += paragraph + (text.length % 7 === 0 ? 'Sessions spoke about zero tolerance. ' : '');
    findMentions(text, testIndex);
    // The fastest of several runs: a busy CI machine slows some runs, not the matcher.
    let fastest = Infinity;
    for (let i = 0; i < 7; i++) {
      const t0 = performance.now();
      findMentions(text, testIndex);
      fastest = Math.min(fastest, performance.now() - t0);
    }
    expect(fastest).toBeLessThan(25); // generous; typically ~1 ms
  });
});

describe('firstMentionEndingAfter', () => {
  const at = (start: number, end: number) => ({ entityId: 'x', start, end, text: '' });
  const mentions = [at(0, 5), at(10, 15), at(20, 25)];
  it('finds the first mention in text order whose end lies past the offset', () => {
    expect(firstMentionEndingAfter(mentions, -1)).toBe(0);
    expect(firstMentionEndingAfter(mentions, 5)).toBe(1);
    expect(firstMentionEndingAfter(mentions, 12)).toBe(1);
    expect(firstMentionEndingAfter(mentions, 15)).toBe(2);
  });
  it('gives the length when every mention ends at or before the offset', () => {
    expect(firstMentionEndingAfter(mentions, 25)).toBe(3);
    expect(firstMentionEndingAfter([], 0)).toBe(0);
  });
});
