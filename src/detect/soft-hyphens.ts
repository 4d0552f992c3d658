/**
 * Soft hyphens (U+00AD) mark where a browser may break a word and are invisible otherwise: a page
 * that hyphenates "Ses&shy;sions" shows "Sessions". Phrases are matched in the text without them,
 * and the offsets found there are mapped back to the model's, which follow the page's nodes.
 */
import type { Mention } from './mentions';

const SOFT_HYPHEN = '\u00ad';

export interface MatchText {
  /** The model's text without soft hyphens. */
  text: string;
  /** Per offset in `text` (and one past its end), the model's offset; null when nothing was removed. */
  toModel: Uint32Array | null;
}

/**
 * `text` without its soft hyphens, for the gate's tests of raw text: the same string when it has
 * none (one native search, which is all a page without them pays).
 */
export function withoutSoftHyphens(text: string): string {
  return text.includes(SOFT_HYPHEN) ? text.replaceAll(SOFT_HYPHEN, '') : text;
}

/** The text phrases are matched in: the model's own, unless it has soft hyphens (one native search). */
export function matchTextOf(modelText: string): MatchText {
  if (!modelText.includes(SOFT_HYPHEN)) return { text: modelText, toModel: null };
  const toModel = new Uint32Array(modelText.length + 1);
  let j = 0;
  for (let i = 0; i < modelText.length; i++) if (modelText.charCodeAt(i) !== 0xad) toModel[j++] = i;
  toModel[j] = modelText.length;
  return { text: modelText.replaceAll(SOFT_HYPHEN, ''), toModel: toModel.subarray(0, j + 1) };
}

/** Mentions found in `match.text`, with offsets in the model's text (their `text` stays as read). */
export function inModelOffsets(mentions: Mention[], match: MatchText): Mention[] {
  const map = match.toModel;
  if (!map) return mentions;
  // A mention's end is just after its last character, so a soft hyphen after the name stays out.
  return mentions.map((m) => ({ ...m, start: map[m.start]!, end: map[m.end - 1]! + 1 }));
}
