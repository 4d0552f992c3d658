/**
 * Selects the whole of the first paragraph whose text includes `includes`, as a reader's drag
 * would, in the page's own world. Passed to `page.evaluate` as it is, so it serves Playwright's
 * pages and Puppeteer's (Firefox) alike: it must use nothing from outside its own body.
 */
export interface ParagraphToSelect {
  includes: string;
  /** Paragraphs to look in; the article's by default. */
  among?: string;
  /** Scrolls it to this place in the window first; left where it is when absent. */
  scroll?: 'start' | 'center';
}

export const selectParagraph = ({ includes, among = 'article p', scroll }: ParagraphToSelect): void => {
  const p = [...document.querySelectorAll(among)].find((el) => el.textContent!.includes(includes))!;
  if (scroll) p.scrollIntoView({ block: scroll });
  const range = document.createRange();
  range.selectNodeContents(p);
  getSelection()!.removeAllRanges();
  getSelection()!.addRange(range);
};
