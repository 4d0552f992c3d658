/**
 * W3C Web Annotation selectors for a passage of page text, and how to describe
 * a selection with them.
 *
 * Offsets are UTF-16 code units into the text the caller passes: the page
 * body's visible text, whitespace as in its text nodes. The same convention is
 * used when anchoring (see anchor.ts), so a note describes and finds its
 * passage in one coordinate system.
 */

export interface TextQuoteSelector {
  type: 'TextQuoteSelector';
  /** The selected text, exactly as it appeared. */
  exact: string;
  /** Up to CONTEXT_LENGTH characters right before `exact` ('' at the start of the text). */
  prefix: string;
  /** Up to CONTEXT_LENGTH characters right after `exact` ('' at the end of the text). */
  suffix: string;
}

export interface TextPositionSelector {
  type: 'TextPositionSelector';
  start: number;
  end: number;
}

/**
 * What a note points at. `[]` is a note about the whole page (or an entity),
 * `[quote, position]` is what Backstory writes for a selected passage, and
 * `[quote]` alone comes from records that never had a position (schema v1
 * notes, other tools' annotations): they still anchor by quote.
 */
export type NoteSelectors = [TextQuoteSelector, TextPositionSelector] | [TextQuoteSelector] | [];

/** Enough context to tell repeated quotes apart without bloating each record (Hypothesis uses 32 too). */
export const CONTEXT_LENGTH = 32;

/**
 * Selectors for text[start, end). Throws RangeError for an empty or
 * out-of-bounds range: that is a caller bug, not a user error.
 */
export function describeQuote(text: string, start: number, end: number): [TextQuoteSelector, TextPositionSelector] {
  if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end > text.length || start >= end) {
    throw new RangeError(`describeQuote: [${start}, ${end}) is not a non-empty range inside a text of ${text.length} characters`);
  }
  const prefixStart = avoidSplitPair(text, Math.max(0, start - CONTEXT_LENGTH), +1);
  const suffixEnd = avoidSplitPair(text, Math.min(text.length, end + CONTEXT_LENGTH), -1);
  return [
    { type: 'TextQuoteSelector', exact: text.slice(start, end), prefix: text.slice(prefixStart, start), suffix: text.slice(end, suffixEnd) },
    { type: 'TextPositionSelector', start, end },
  ];
}

/** How far a name's sentence is looked for on either side. */
const SENTENCE_CONTEXT_MAX = 300;

/**
 * Selectors for a name at text[start, end) whose quote keeps the sentence around it: prefix and
 * suffix are the rest of its sentence (as `Intl.Segmenter` finds it, within SENTENCE_CONTEXT_MAX),
 * which also tells one mention of the name from another.
 */
export function describeInSentence(text: string, start: number, end: number): [TextQuoteSelector, TextPositionSelector] {
  const [quote, position] = describeQuote(text, start, end);
  const Segmenter = (Intl as { Segmenter?: typeof Intl.Segmenter }).Segmenter;
  if (!Segmenter) return [quote, position];
  const from = avoidSplitPair(text, Math.max(0, start - SENTENCE_CONTEXT_MAX), +1);
  const to = avoidSplitPair(text, Math.min(text.length, end + SENTENCE_CONTEXT_MAX), -1);
  let sentenceStart = start;
  let sentenceEnd = end;
  for (const { index, segment } of new Segmenter('en', { granularity: 'sentence' }).segment(text.slice(from, to))) {
    const a = from + index;
    const b = a + segment.length;
    if (a <= start && start < b) sentenceStart = a;
    if (a < end && end <= b) {
      sentenceEnd = b;
      break;
    }
  }
  return [{ ...quote, prefix: text.slice(sentenceStart, start), suffix: text.slice(end, sentenceEnd) }, position];
}

/** The words around a name's quote, as a note saved from a card keeps them (describeInSentence), trimmed. */
export function sentenceOf(quote: TextQuoteSelector): string {
  return `${quote.prefix}${quote.exact}${quote.suffix}`.replace(/\s+/g, ' ').trim();
}

/**
 * Moves a context boundary off the middle of a surrogate pair (an emoji cut in
 * half would be stored as a lone surrogate, which breaks JSON export).
 */
function avoidSplitPair(text: string, index: number, direction: 1 | -1): number {
  if (index <= 0 || index >= text.length) return index;
  const before = text.charCodeAt(index - 1);
  const after = text.charCodeAt(index);
  const splitsPair = before >= 0xd800 && before <= 0xdbff && after >= 0xdc00 && after <= 0xdfff;
  return splitsPair ? index + direction : index;
}
