/**
 * One visit to one page: the lifecycle that scans, decides coverage and hands the findings to
 * the session's jobs: drawing mentions (mentions.ts), pointer and cards (pointer-cards.ts), the
 * reader's notes (page-notes.ts), keyboard navigation (keyboard-nav.ts), text added later
 * (added-text.ts) and reporting to the popup and the badge (reporting.ts). What it draws is in
 * one place (surface.ts); what can be hovered is decided in hover-targets.ts, and the card UI's
 * callbacks are wired in card-ui-callbacks.ts.
 *
 * Cheap when idle: an uncovered page costs one text pass (inside `scanDocumentInSlices`) and a
 * single message to the background; no listeners, no UI host, no card content. Only a covered
 * page (or one with saved notes) gets highlights and pointer tracking.
 */
import type { Mention } from '../../detect/mentions';
import type { PackIndex } from '../../detect/pack-index';
import { flatCopies, releaseText } from '../../detect/model-text';
import { scanDocumentInSlices, type ScanResult } from '../../detect/scan';
import { runInSlices, yieldToPage, type Steps, type SliceClock } from '../../detect/slices';
import { textLengthOf, type TextModel } from '../../detect/text-model';
import { askBackground } from '../../messages/client';
import type { TabHandlers } from '../../messages/tab-listener';
import type { PageState, PageSummary } from '../../messages/protocol';
import { DEFAULT_SETTINGS, isActiveOn, type Settings } from '../../settings/settings';
import { isBackstoryUi } from '../ui/shadow-host';
import { AddedText } from './added-text';
import { NO_ARTICLE_FACTS, readArticleFacts, type ArticleFacts } from './article-facts';
import { cardUiCallbacks } from './card-ui-callbacks';
import { figuresIn, hoverTargets } from './hover-targets';
import { KeyboardNav } from './keyboard-nav';
import { MentionLayer, type EntityMeta } from './mentions';
import { PageNotes } from './page-notes';
import { PointerCards, type Target } from './pointer-cards';
import type { SessionProbe, SessionReadings } from './probe';
import { BadgeReport, pageStateOf, summaryOf, type PageReport } from './reporting';
import { PageSurface } from './surface';

export type { EntityMeta } from './mentions';

/** A scan's text longer than this is let go once the page is drawn (see `letTextGo`). */
const RELEASE_TEXT_CHARS = 500_000;

export interface SessionOptions {
  index: PackIndex;
  entities: Record<string, EntityMeta>;
  doc?: Document;
  /** Time source for scan timings (tests pass a fake). */
  now?: () => number;
  /** The loader found a gate phrase in the body's text: the first scan need not look again. */
  gatePassed?: boolean;
  /** The bench's instruments (probe.ts); none in tests. */
  probe?: SessionProbe;
}

export class PageSession {
  private readonly doc: Document;
  private readonly index: PackIndex;
  private readonly entities: Record<string, EntityMeta>;
  private readonly now: () => number;
  private readonly probe: SessionProbe | undefined;
  private readonly abort = new AbortController();

  private readonly surface: PageSurface;
  private readonly mentions: MentionLayer;
  private readonly pointer: PointerCards;
  private readonly notes: PageNotes;
  private readonly nav: KeyboardNav;
  private readonly added: AddedText;

  private settings: Settings = DEFAULT_SETTINGS;
  private scan: ScanResult | null = null;
  /** The covered article's date and figures (none on an uncovered page). */
  private facts: ArticleFacts = NO_ARTICLE_FACTS;
  /** The article's counts as drawn, each with its range. */
  private figureTargets: Target[] = [];
  private scanMs = 0;
  private firstScanDone!: () => void;
  readonly firstScan: Promise<void> = new Promise((resolve) => (this.firstScanDone = resolve));
  private gatePassed: boolean;
  /** Bumped by every full scan: a scan pausing between slices that sees a newer number gives up. */
  private scanGeneration = 0;
  /** The scan that settings last started: the popup's summary waits for it, to tell what is true now. */
  private rescan: Promise<unknown> = Promise.resolve();
  private readonly badge = new BadgeReport();
  /** The reader asked for this page anyway ("Scan this page anyway"): names are shown though uncovered. Never stored: a reload forgets it. */
  private forced = false;
  /** The scan the reader's asking started; a second ask waits for it. */
  private forcedScan: Promise<void> | null = null;

  constructor(options: SessionOptions) {
    const doc = (this.doc = options.doc ?? document);
    const entities = (this.entities = options.entities);
    const now = (this.now = options.now ?? (() => performance.now()));
    const probe = (this.probe = options.probe);
    const signal = this.abort.signal;
    this.index = options.index;
    this.gatePassed = options.gatePassed ?? false;
    const surface: PageSurface = (this.surface = new PageSurface(doc, () => this.settings.highlightStyle, () =>
      cardUiCallbacks({
        surface,
        pointer: this.pointer,
        notes: this.notes,
        nav: this.nav,
        entities,
        mentions: () => this.mentions.mentions,
        articleDate: () => this.articleDate,
      }),
    ));
    const mentions = (this.mentions = new MentionLayer({
      doc,
      surface,
      entities,
      now,
      signal,
      probe,
      settings: () => this.settings,
      onDrawn: () => this.rebuildHits(),
      onDrawnLate: (drawn) => drawn.forEach(({ range, mention }) => this.pointer.addTarget({ range, value: { kind: 'mention', mention } })),
    }));
    const pointer = (this.pointer = new PointerCards({
      doc,
      surface,
      now,
      signal,
      probe,
      firstDrawn: () => {
        const mention = mentions.mentions[0];
        const range = mentions.ranges[0];
        return mention && range ? { mention, range } : null;
      },
      drawnEntityIds: () => mentions.mentions.map((m) => m.entityId),
      articleDate: () => this.articleDate,
    }));
    this.notes = new PageNotes({ doc, surface, entities, url: () => this.url, onPlaced: () => this.rebuildHits() });
    this.nav = new KeyboardNav({
      doc,
      surface,
      mentions,
      cards: pointer,
      entities,
      figures: () => this.figureTargets.flatMap((t) => (t.value.kind === 'figure' ? [{ range: t.range, figure: t.value.figure }] : [])),
    });
    this.added = new AddedText({
      doc,
      index: this.index,
      mentions,
      showingNames: () => !!this.scan?.covered || this.forced,
      rescan: () => {
        this.clearPage();
        void this.scanPlaceAndWatch(false);
      },
      onNewNames: () => {
        this.rebuildHits();
        this.reportNames(true);
      },
      onText: () => this.notes.placeOrphansAgain(),
    });
  }

  /** The covered article's publication date (YYYY-MM-DD), or null. */
  get articleDate(): string | null {
    return this.facts.published?.date ?? null;
  }

  get url(): string {
    return this.doc.location?.href ?? '';
  }

  /** Boots the session: one round trip for settings and notes, then the scan. */
  async start(): Promise<void> {
    try {
      const boot = await askBackground('page:boot', { url: this.url });
      if (boot.ok) {
        this.settings = boot.value.settings;
        this.notes.notes = boot.value.notes;
      }
      await this.scanPlaceAndWatch(true);
    } finally {
      this.firstScanDone();
    }
  }

  /** Removes every highlight, listener and UI element: the page is as it was. */
  stop(): void {
    this.abort.abort();
    this.added.stop();
    this.clearPage();
  }

  /** Route change in a single-page app: forget the old page, scan the new one. */
  async restart(): Promise<void> {
    this.added.stop();
    this.clearPage();
    this.scan = null;
    this.added.forgetPage();
    // A new route is a new page: it gets its own verdict, unasked.
    this.forced = false;
    this.forcedScan = null;
    this.mentions.reset();
    const notes = await askBackground('notes:list-page', { url: this.url });
    this.notes.notes = notes.ok ? notes.value : [];
    await this.scanPlaceAndWatch(true);
  }

  applySettings(settings: Settings): void {
    this.settings = settings;
    this.clearPage();
    this.rescan = this.scanPlaceAndWatch(true);
  }

  /**
   * The full scan, then the notes placed on what it leaves, then (when asked) the watch for text
   * added later. A scan that a newer one, stop() or a route change took over does neither: the
   * one that took over does.
   */
  private async scanPlaceAndWatch(watch: boolean): Promise<void> {
    if (!(await this.runScan())) return;
    if (this.notes.notes.length > 0) this.notes.place();
    // Pages that add text after load are scanned again, only the new text (added-text.ts).
    if (!watch) return;
    if (this.active) this.added.watch();
    else this.added.stop();
  }

  private clearPage(): void {
    this.figureTargets = [];
    this.surface.clear();
    this.pointer.clear();
    this.mentions.clear();
    this.notes.clear();
  }

  private get active(): boolean {
    return isActiveOn(this.settings, this.doc.location?.host ?? '');
  }

  /**
   * The full scan, in slices (scanDocumentInSlices) so a very long page never makes a long task,
   * then the highlights, drawn in slices too. Resolves to false when a newer scan, stop() or a
   * route change took over meanwhile (nothing of this one is kept).
   */
  private async runScan(): Promise<boolean> {
    const generation = ++this.scanGeneration;
    if (!this.active || !this.doc.body) {
      // Paused or off for this site: nothing found, nothing drawn (settings may change live).
      this.scan = null;
      this.facts = NO_ARTICLE_FACTS;
      this.scanMs = 0;
      this.mentions.reset();
      this.reportNames();
      return true;
    }
    const cancelled = () => generation !== this.scanGeneration || this.abort.signal.aborted;
    const probe = this.probe;
    const startedAt = this.now();
    probe?.scanStarted();
    this.added.scanStarting();
    // The loader's gate answer holds for the first scan only: a route change brings new text.
    const gatePassed = this.gatePassed;
    this.gatePassed = false;
    const onSlice = probe && ((start: number, end: number) => probe.slice(start, end));
    const forced = this.forced;
    const scan = await scanDocumentInSlices(this.doc, this.index, { skip: isBackstoryUi, now: this.now, cancelled, gatePassed, forced, onSlice });
    if (scan === null) return false;
    // The verdict and the model, not every mention found: the drawn and pending ones are the
    // mention layer's, and the others (types the reader hides) are found again with new settings.
    this.scan = { ...scan, mentions: [] };
    // After coverage only: the idle path never reads a date or looks for a count.
    const factsStart = this.now();
    this.facts = scan.covered ? readArticleFacts(this.doc, scan.region ?? null, scan.model, this.index) : NO_ARTICLE_FACTS;
    const factsMs = this.now() - factsStart;
    const visible = scan.covered || forced ? this.mentions.visible(scan.mentions) : [];
    const highlightMs = await this.mentions.drawScan(scan.model, visible, cancelled);
    if (highlightMs === null) return false;
    // The rest in a task of its own on a book-length page (mentions left to draw on scrolling):
    // there the counts' marks and the badge's count, thousands of each, would make one long task
    // with the last highlight slice. A shorter page goes on in the same task, as before.
    if (this.mentions.pendingCount > 0) {
      await yieldToPage();
      if (cancelled()) return false;
    }
    const restStart = this.now();
    this.drawFigures(scan.model);
    const { textModel, coverage, mentions } = scan.timings;
    // Main-thread time only: the pauses between slices belong to the page.
    this.scanMs = textModel + coverage + mentions + factsMs + highlightMs;
    probe?.scanDone({ startedAt, endedAt: this.now(), highlightMs });
    this.added.scanDone(scan.model);
    this.reportNames();
    probe?.slice(restStart, this.now());
    if (textLengthOf(scan.model) > RELEASE_TEXT_CHARS) void this.letTextGo(scan.model, visible, cancelled);
    return true;
  }

  /**
   * A long page's text model lets its text go once the page is drawn: the text is the largest
   * thing a scan keeps, and from here on only the nodes and offsets are read (model-text.ts).
   * The texts of the mentions kept (`mentions`) are cut from it, so each is first replaced by a
   * copy of its own, in slices (a book-length page has tens of thousands).
   */
  private async letTextGo(model: TextModel, mentions: readonly Mention[], cancelled: () => boolean): Promise<void> {
    const copy = flatCopies();
    await yieldToPage();
    const copied = await runInSlices(function* (clock: SliceClock): Steps<boolean> {
      for (let i = 0; i < mentions.length; i++) {
        const m = mentions[i]!;
        m.text = copy(m.text);
        if (clock.due()) yield;
      }
      return true;
    }, { now: this.now, cancelled, onSlice: this.probe && ((start, end) => this.probe!.slice(start, end)) });
    // Taken over by a newer scan: that one's model is the one kept.
    if (copied) releaseText(model);
  }

  /** The toolbar badge's count, told when it changes (BadgeReport). */
  private reportNames(ifChanged = false): void {
    this.badge.report(!!this.scan?.covered || this.forced, this.mentions.all(), ifChanged);
  }

  /** The article's counts, each with a quiet mark of its own; hovering one opens its figures card. */
  private drawFigures(model: TextModel): void {
    const found = figuresIn(model, this.facts.figures, this.facts.figureTexts);
    this.figureTargets = [];
    if (found.length === 0) return;
    const drawn = this.surface.ensureHighlighter().set('figure', found.map((f) => f.range));
    this.figureTargets = drawn.map((range, i) => ({ range, value: { kind: 'figure', figure: found[i]!.figure } }));
    this.rebuildHits();
  }

  /** Everything hoverable (hover-targets.ts), handed to the pointer. */
  private rebuildHits(): void {
    const name = (entityId: string) => this.entities[entityId]?.name;
    this.pointer.setTargets(hoverTargets(this.mentions, this.notes.targets(), this.figureTargets, name));
  }

  /** The page as the popup sees it. */
  private report(): PageReport {
    return {
      url: this.url,
      title: this.doc.title,
      covered: this.scan?.covered ?? false,
      score: this.scan?.score ?? 0,
      scanMs: this.scanMs,
      mentions: this.mentions.all(),
      published: this.facts.published,
      figures: this.facts.figures.map((f, i) => ({ measureId: f.measureId, count: f.count, text: this.facts.figureTexts[i] ?? '' })),
      orphanIds: this.notes.orphanIds,
      paused: !this.active,
      signals: this.scan?.coverage.signals ?? [],
      namesFound: this.scan?.coverage.entities.length ?? 0,
      threshold: this.index.threshold,
      forced: this.forced,
    };
  }

  /** The card of a name on the page (the popup's names), opened at its first mention. */
  private async openCardOf(entityId: string): Promise<boolean> {
    const i = this.mentions.mentions.findIndex((m) => m.entityId === entityId);
    const range = this.mentions.ranges[i];
    if (i < 0 || !range) return false;
    await this.pointer.openCardOnPage(this.mentions.mentions[i]!, range);
    return true;
  }

  /** What the debug handle (probe.ts) reads; browser tests reach the closed shadow root only here. */
  readings(): SessionReadings {
    return {
      shadowRoot: this.surface.ui?.shadowRoot ?? null,
      highlightMode: this.surface.highlighter?.mode ?? null,
      orphanIds: this.notes.orphanIds,
      scanMs: this.scanMs,
      stages: this.scan?.timings ?? null,
      textLength: this.scan ? textLengthOf(this.scan.model) : 0,
      covered: this.scan?.covered ?? false,
      mentions: this.mentions.mentions.length,
      pendingMentions: this.mentions.pendingCount,
      noteEditorReadyMs: this.surface.ui?.editorReadyMs ?? null,
    };
  }

  async pageState(): Promise<PageState> {
    await this.firstScan;
    return pageStateOf(this.report());
  }

  /** "Scan this page anyway": names drawn and hoverable for this visit, the verdict left as it is. */
  async scanAnyway(): Promise<PageSummary> {
    await this.firstScan;
    if (!this.forced && !this.scan?.covered) {
      this.forced = true;
      this.clearPage();
      this.forcedScan = this.scanPlaceAndWatch(true);
    }
    await this.forcedScan;
    return this.summary();
  }

  async summary(): Promise<PageSummary> {
    await this.firstScan;
    await this.rescan;
    return summaryOf(this.report(), this.entities);
  }

  tabHandlers(): TabHandlers {
    return {
      'backstory:page-state': () => this.pageState(),
      'backstory:page-summary': () => this.summary(),
      'backstory:scan-anyway': () => this.scanAnyway(),
      'backstory:note-selection': async () => {
        await this.notes.editSelection();
        return null;
      },
      'backstory:navigate-mentions': async () => {
        await this.firstScan;
        await this.nav.start();
        return null;
      },
      'backstory:open-card': async ({ entityId }) => {
        await this.firstScan;
        return this.openCardOf(entityId);
      },
      'backstory:show-note': async ({ noteId }) => {
        await this.firstScan;
        return this.notes.show(noteId);
      },
      'backstory:notes-changed': async () => {
        await this.notes.refresh();
        return null;
      },
      'backstory:settings-changed': ({ settings }) => {
        // The same settings can arrive twice (the reply to a change and the storage watch): one rescan.
        if (JSON.stringify(settings) !== JSON.stringify(this.settings)) this.applySettings(settings);
        return null;
      },
    };
  }
}
