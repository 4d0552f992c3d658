/**
 * What the session draws on a page: the highlights and the card UI (its closed shadow host).
 * Both are made on first use, so an uncovered page gets neither, and both go in one `clear()`.
 */
import { createHighlighter, type Highlighter } from '../../highlight/highlighter';
import type { HighlightStyle } from '../../settings/settings';
import type { PageUi } from '../ui/page-ui';
import type { PageUiCallbacks } from '../ui/views';
import { loadPageUi } from '../ui/ui-loader';

export class PageSurface {
  highlighter: Highlighter | null = null;
  ui: PageUi | null = null;

  constructor(
    private readonly doc: Document,
    private readonly style: () => HighlightStyle,
    /** The UI's callbacks reach every job of the session; the session supplies them. */
    private readonly callbacks: () => PageUiCallbacks,
  ) {}

  ensureHighlighter(): Highlighter {
    this.highlighter ??= createHighlighter(this.doc, this.style());
    return this.highlighter;
  }

  /** The page UI, loading its script on first use (see ui-loader). */
  async ensureUi(): Promise<PageUi> {
    if (this.ui) return this.ui;
    const { PageUi } = await loadPageUi();
    this.ui ??= new PageUi(this.doc, this.callbacks());
    return this.ui;
  }

  /** Removes every highlight and the UI host: the page is as it was. */
  clear(): void {
    this.ui?.destroy();
    this.ui = null;
    this.highlighter?.destroy();
    this.highlighter = null;
  }
}
