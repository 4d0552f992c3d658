import { describe, expect, it } from 'vitest';
import { anchorNote, maxQuoteErrors } from '../../../src/notes/anchor';
import { CONTEXT_LENGTH, describeQuote, type NoteSelectors } from '../../../src/notes/selectors';
import { ARTICLE, OTHER_ARTICLE } from './article';

/** Selectors for the first occurrence of `phrase` in `text`. */
function selectorsFor(text: string, phrase: string, occurrence = 0) {
  let start = -1;
  for (let i = 0; i <= occurrence; i++) start = text.indexOf(phrase, start + 1);
  if (start < 0) throw new Error(`test setup: "${phrase}" not in text`);
  return describeQuote(text, start, start + phrase.length);
}

function anchoredText(selectors: NoteSelectors, text: string): string | null {
  const anchor = anchorNote(selectors, text);
  return anchor ? text.slice(anchor.start, anchor.end) : null;
}

describe('describeQuote', () => {
  it('stores the exact text, up to 32 characters of context each side, and the position', () => {
    const text = `${'a'.repeat(40)}QUOTE${'b'.repeat(40)}`;
    const [quote, position] = describeQuote(text, 40, 45);
    expect(quote).toEqual({ type: 'TextQuoteSelector', exact: 'QUOTE', prefix: 'a'.repeat(CONTEXT_LENGTH), suffix: 'b'.repeat(CONTEXT_LENGTH) });
    expect(position).toEqual({ type: 'TextPositionSelector', start: 40, end: 45 });
  });

  it('has empty context at the edges of the text', () => {
    const [quote] = describeQuote('whole', 0, 5);
    expect(quote.prefix).toBe('');
    expect(quote.suffix).toBe('');
  });

  it('does not cut an emoji in half at the edge of the context', () => {
    const text = `😀${'x'.repeat(31)}Q${'y'.repeat(31)}😀`;
    const start = text.indexOf('Q');
    const [quote] = describeQuote(text, start, start + 1);
    expect(quote.prefix).toBe('x'.repeat(31));
    expect(quote.suffix).toBe('y'.repeat(31));
  });

  it('refuses an empty or out-of-bounds range', () => {
    expect(() => describeQuote('text', 2, 2)).toThrow(RangeError);
    expect(() => describeQuote('text', 3, 9)).toThrow(RangeError);
    expect(() => describeQuote('text', -1, 2)).toThrow(RangeError);
  });
});

describe('anchorNote', () => {
  it('finds every described passage again in the unchanged text, by quote', () => {
    for (let start = 0; start < ARTICLE.length - 60; start += 37) {
      const end = start + 5 + (start % 50);
      const anchor = anchorNote(describeQuote(ARTICLE, start, end), ARTICLE);
      expect(anchor?.method).toMatch(/quote|position/);
      expect(ARTICLE.slice(anchor!.start, anchor!.end)).toBe(ARTICLE.slice(start, end));
    }
  });

  it('picks the occurrence of a repeated quote whose prefix and suffix match', () => {
    const selectors = selectorsFor(ARTICLE, 'children', 3);
    const expected = selectors[1].start;
    // Shift everything so the stored position can't be what picks it.
    const moved = `Updated: a correction was added above. ${ARTICLE}`;
    const anchor = anchorNote(selectors, moved);
    expect(anchor).toMatchObject({ method: 'quote', start: expected + 39 });
  });

  it('still picks the right copy of a repeated quote when its context was lightly edited', () => {
    const selectors = selectorsFor(ARTICLE, 'Sessions', 1); // "In a speech in San Diego on May 7, 2018, Sessions said"
    const edited = ARTICLE.replace('San Diego on May 7, 2018, Sessions said', 'San Diego on 7 May 2018, Sessions said');
    const anchor = anchorNote(selectors, edited);
    expect(anchor?.method).toBe('quote');
    expect(edited.slice(anchor!.start - 10, anchor!.end)).toBe('May 2018, Sessions');
  });

  // A boilerplate block repeated with the same 32+ characters around its 2nd and 3rd copies.
  const block = '\n---- Read more: the full court order is available here. ----\n';
  const repeatedBlocks = `Start.${block}${block}${block}${block}End.`;

  it('uses the position when copies of a quote have identical context', () => {
    const text = repeatedBlocks;
    const third = selectorsFor(text, 'full court order', 2)[1].start;
    const selectors = describeQuote(text, third, third + 16);
    expect(anchorNote(selectors, text)).toEqual({ start: third, end: third + 16, method: 'position' });
  });

  it('takes the copy nearest the old position when identical copies have moved', () => {
    const third = selectorsFor(repeatedBlocks, 'full court order', 2)[1].start;
    const selectors = describeQuote(repeatedBlocks, third, third + 16);
    const moved = `Intro. ${repeatedBlocks}`;
    expect(anchorNote(selectors, moved)).toEqual({ start: third + 7, end: third + 23, method: 'quote' });
  });

  it('anchors a quote whose words were edited slightly, fuzzily, to the new words', () => {
    const selectors = selectorsFor(ARTICLE, 'parents were sent to federal criminal custody');
    const edited = ARTICLE.replace('parents were sent to federal criminal custody', 'parents were sent into federal criminal custody');
    const anchor = anchorNote(selectors, edited);
    expect(anchor?.method).toBe('fuzzy');
    expect(edited.slice(anchor!.start, anchor!.end)).toBe('parents were sent into federal criminal custody');
  });

  it('anchors fuzzily when the quote and the sentence around it were both reworded a little', () => {
    const selectors = selectorsFor(ARTICLE, 'Records linking parents to children were often incomplete');
    const edited = ARTICLE.replace(
      'The children were then treated as unaccompanied minors and placed in the care of the Office of Refugee Resettlement, an agency of the Department of Health and Human Services. Records linking parents to children were often incomplete, and some',
      'Separated children were classified as unaccompanied and sent to shelters. Records linking parents with children were often incomplete; some',
    );
    expect(anchoredText(selectors, edited)).toBe('Records linking parents with children were often incomplete');
  });

  it('follows a passage that moved to another part of the page and was touched up', () => {
    const selectors = selectorsFor(ARTICLE, 'Images and audio from border facilities drew protests');
    const paragraphs = ARTICLE.split('\n\n');
    const [moved] = paragraphs.splice(5, 1);
    paragraphs.push(moved!.replace('Images and audio', 'Photos and audio'));
    expect(anchoredText(selectors, paragraphs.join('\n\n'))).toBe('Photos and audio from border facilities drew protests');
  });

  it('finds an edited passage far from its old position in a very long page', () => {
    const filler = Array.from({ length: 3000 }, (_, i) => `Unrelated paragraph number ${i} about weather, sports and markets.`).join('\n');
    const selectors = selectorsFor(ARTICLE, 'reunite children under five with their parents within fourteen days');
    const page = `${filler}\n${ARTICLE.replace('fourteen days', '14 days')}`;
    const anchor = anchorNote(selectors, page);
    expect(anchor?.method).toBe('fuzzy');
    expect(page.slice(anchor!.start, anchor!.end)).toBe('reunite children under five with their parents within 14 days');
  });

  it('returns null rather than attaching to different text when the passage was removed', () => {
    const selectors = selectorsFor(ARTICLE, 'Records linking parents to children were often incomplete');
    const removed = ARTICLE.replace(/The children were then[^\n]*/, '');
    expect(anchorNote(selectors, removed)).toBeNull();
  });

  it('returns null when the sentence was rewritten', () => {
    const selectors = selectorsFor(ARTICLE, 'Officials later disagreed in public about whether separation was meant as a deterrent');
    const rewritten = ARTICLE.replace(
      'Officials later disagreed in public about whether separation was meant as a deterrent.',
      'Whether the policy was designed to deter migrants became a matter of public dispute.',
    );
    expect(anchorNote(selectors, rewritten)).toBeNull();
  });

  it('returns null on a different article about the same topic', () => {
    for (const phrase of ['Records linking parents to children were often incomplete', 'children under five', 'a 2017 pilot program in the El Paso area']) {
      expect(anchorNote(selectorsFor(ARTICLE, phrase), OTHER_ARTICLE)).toBeNull();
    }
  });

  it('rejects a similar sentence elsewhere whose context does not match', () => {
    const selectors = selectorsFor(ARTICLE, 'stop most separations and to reunite children under five');
    const changed = `${ARTICLE.replace('stop most separations and to reunite children under five', 'halt separations')} Lawyers asked the court to stop all separations and reunite children under ten.`;
    expect(anchorNote(selectors, changed)).toBeNull();
  });

  it('does not fuzzily match short quotes that changed', () => {
    const selectors = selectorsFor(ARTICLE, 'Jeff Sessions');
    expect(anchorNote(selectors, ARTICLE.replace('Jeff Sessions', 'Jefferson Sessions'))).toBeNull();
    expect(anchorNote(describeQuote('a cat sat', 2, 5), 'a cut sat')).toBeNull();
  });

  it('never returns a fuzzy match with more errors than a quarter of the quote', () => {
    expect(maxQuoteErrors(100)).toBe(25);
    expect(maxQuoteErrors(5000)).toBe(256);
    const selectors = selectorsFor(ARTICLE, 'parents were sent to federal criminal custody');
    // 12 of 45 characters changed, context intact: still too different.
    const edited = ARTICLE.replace('parents were sent to federal criminal custody', 'mothers were moved to federal prison custody!!');
    expect(anchorNote(selectors, edited)).toBeNull();
  });

  it('anchors a quote that has no position (older or imported notes)', () => {
    const [quote] = selectorsFor(ARTICLE, 'preliminary injunction');
    expect(anchoredText([quote], ARTICLE)).toBe('preliminary injunction');
  });

  it('places a quote kept without context only where its text is exact', () => {
    const bare: NoteSelectors = [{ type: 'TextQuoteSelector', exact: 'parents were sent to federal criminal custody', prefix: '', suffix: '' }];
    expect(anchoredText(bare, ARTICLE)).toBe('parents were sent to federal criminal custody');
    // Nothing around it to confirm a near miss, so no fuzzy match.
    expect(anchorNote(bare, ARTICLE.replace('sent to federal', 'sent into federal'))).toBeNull();
  });

  it('ignores a position that is outside the text', () => {
    const [quote] = selectorsFor(ARTICLE, 'preliminary injunction');
    const anchor = anchorNote([quote, { type: 'TextPositionSelector', start: 10 ** 9, end: 10 ** 9 + 22 }], ARTICLE);
    expect(anchor?.method).toBe('quote');
  });

  it('returns null for page notes and empty quotes', () => {
    expect(anchorNote([], ARTICLE)).toBeNull();
    expect(anchorNote([{ type: 'TextQuoteSelector', exact: '', prefix: '', suffix: '' }], ARTICLE)).toBeNull();
  });
});

describe('anchorNote, note after note in one text', () => {
  it('anchors each note, null for each orphan, whatever came before', () => {
    const placed = selectorsFor(ARTICLE, 'executive order');
    const orphan: NoteSelectors = [{ type: 'TextQuoteSelector', exact: 'not on this page at all, anywhere', prefix: '', suffix: '' }];
    const lists: NoteSelectors[] = [placed, orphan, [], placed];
    const results = lists.map((selectors) => anchorNote(selectors, ARTICLE));
    expect(results[0]).toMatchObject({ method: 'quote', start: placed[1].start });
    expect(results.slice(1, 3)).toEqual([null, null]);
    expect(results[3]).toEqual(results[0]);
  });
});
