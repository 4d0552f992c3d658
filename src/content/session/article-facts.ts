/**
 * What a covered article says about its own time: the date it was published and the counts in it
 * that the pack has figures for. Read once per full scan, and only after coverage says covered,
 * so an unrelated page never pays for either pass.
 */
import { findFigures, type FigureMention } from '../../detect/figures';
import { flatCopies } from '../../detect/model-text';
import type { PackIndex } from '../../detect/pack-index';
import { publishedDate, type PublishedDate } from '../../detect/published-date';
import { figuresOfScan } from '../../detect/scan';
import type { TextModel } from '../../detect/text-model';

export interface ArticleFacts {
  published: PublishedDate | null;
  /** Figure mentions, offsets into the scan's text model, in reading order. */
  figures: FigureMention[];
  /** Each figure's words as the text has them (`figureTexts[i]` for `figures[i]`), copies of their own (model-text.ts). */
  figureTexts: string[];
}

export const NO_ARTICLE_FACTS: ArticleFacts = { published: null, figures: [], figureTexts: [] };

export function readArticleFacts(doc: Document, region: Element | null, model: TextModel, index: PackIndex): ArticleFacts {
  // The full scan found them already, in slices; a model made elsewhere is read here.
  const text = model.text;
  const figures = figuresOfScan(model) ?? findFigures(text, index.measures);
  const copy = flatCopies();
  return { published: publishedDate(doc, region), figures, figureTexts: figures.map((f) => copy(text.slice(f.start, f.end))) };
}
