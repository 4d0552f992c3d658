/**
 * Bundled by eval-detect.ts (esbuild, IIFE) and evaluated in each corpus page: the text the
 * scanner reads, from the same region and text-model code and options as `scanDocument`.
 * Corpus pages never pass the gate, so the built extension never reads their region itself.
 */
import { findArticle } from '../../src/detect/article-region';
import { buildTextModel } from '../../src/detect/text-model';

(globalThis as { __regionText?: () => string }).__regionText = () => {
  const region = findArticle(document);
  return buildTextModel(region.root, { skipBlock: region.skipBlock }).text;
};
