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
