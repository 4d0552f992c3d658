/**
 * What the pointer can hover on a page, in the order hit-testing prefers: the placed notes
 * first (a noted passage shows its note, which offers the card of a name inside it), then the
 * drawn mentions, then the article's counts.
 */
import type { FigureMention } from '../../detect/figures';
import type { Mention } from '../../detect/mentions';
import { rangeFor, type TextModel } from '../../detect/text-model';
import type { PageFigure, Target } from './pointer-cards';

export function hoverTargets(
  drawn: { mentions: readonly Mention[]; ranges: readonly Range[] },
  notes: readonly Target[],
  figures: readonly Target[],
  nameOf: (entityId: string) => string | undefined,
): Target[] {
  const { mentions, ranges } = drawn;
  const names: Target[] = ranges.map((range, i) => ({ range, value: { kind: 'mention', mention: mentions[i]! } }));
  const noted = notes.map((target): Target => {
    const inside = ranges.findIndex((range) => within(range, target.range));
    const mention = inside >= 0 ? mentions[inside] : undefined;
    if (!mention || target.value.kind !== 'note') return target;
    const about = { entityId: mention.entityId, name: nameOf(mention.entityId) ?? mention.text, mentionText: mention.text };
    return { range: target.range, value: { ...target.value, about } };
  });
  return [...noted, ...names, ...figures];
}

/**
 * The article's counts in `model`, each with its range and its words (`texts[i]` for
 * `figures[i]`); a count whose range cannot be made is left out.
 */
export function figuresIn(model: TextModel, figures: readonly FigureMention[], texts: readonly string[]): Array<{ range: Range; figure: PageFigure }> {
  return figures.flatMap((figure, i) => {
    const range = rangeFor(model, figure.start, figure.end);
    return range ? [{ range, figure: { figure, text: texts[i] ?? '' } }] : [];
  });
}

/** Whether `inner` lies inside `outer`. */
function within(inner: Range, outer: Range): boolean {
  try {
    return outer.compareBoundaryPoints(Range.START_TO_START, inner) <= 0 && outer.compareBoundaryPoints(Range.END_TO_END, inner) >= 0;
  } catch {
    // Ranges in different documents.
    return false;
  }
}
