/**
 * One visit to one page: scan, decide coverage, highlight, open cards, place notes.
 *
 * Cheap when idle: an uncovered page costs one text pass (inside `scanDocument`) and a
 * single message to the background; no listeners, no UI host, no card content. Only a
 * covered page (or one with saved notes) gets highlights and pointer tracking.
 */
import type { PackIndex } from '../detect/pack-index';
import { scanDocumentInSlices, type ScanResult } from '../detect/scan';
import { DEFAULT_SLICE_MS, yieldToPage } from '../detect/slices';
import { buildTextModel, offsetAt, rangeFor, type TextModel } from '../detect/text-model';
import { introducedEntities, type Mention } from '../detect/mentions';
import { findArticle, type ArticleRegion } from '../detect/article-region';
import { scanAdded, watchNewText } from '../detect/watch';
import { createHighlighter, type Highlighter } from '../highlight/highlighter';
import { caretAt, HitIndex, type HitTarget } from '../highlight/hit-test';
import { askBackground } from '../messages/client';
import type { TabHandlers } from '../messages/handler';
import type { EntityCard, PageState, PageSummary } from '../messages/protocol';
import { anchorNote } from '../notes/anchor';
import { validateNoteText, type Note, type NoteDraft } from '../notes/model';
import { describeQuote, type NoteSelectors } from '../notes/selectors';
import { DEFAULT_SETTINGS, isActiveOn, type Settings } from '../settings/settings';
import type { EntityType } from '../pack/schema';
import { HoverIntent } from './hover-intent';
import type { PageUi, Anchor, CardView, EditorView } from './page-ui';
import { loadPageUi } from './ui-loader';
import { isBackstoryUi } from './shadow-host';

export interface EntityMeta {
  name: string;
  type: EntityType;
}

export interface SessionOptions {
  index: PackIndex;
  entities: Record<string, EntityMeta>;
  doc?: Document;
  /** Time source for scan timings (tests pass a fake). */
  now?: () => number;
  /** The loader found a gate phrase in the body's text: the first scan need not look again. */
  gatePassed?: boolean;
}

type HitValue = { kind: 'mention'; mention: Mention } | { kind: 'note'; note: Note };

const SHOW_DELAY_MS = 250;
/**
 * About how long a frame takes from its start to painting a card made ready during the delay (the
 * reveal, style, paint; measured by npm run bench): the card is shown in the first frame that starts
 * no earlier than this before the delay is up, so that it is painted at about the delay's end.
 */
const CARD_RENDER_LEAD_MS = 5;
const HIDE_GRACE_MS = 300;
/** Mentions drawn at once; beyond these, the ones near the window as the reader scrolls. */
const FIRST_DRAWN_MENTIONS = 1500;
/** How far, in characters of text, around what the window shows pending mentions are drawn. */
const DRAW_AHEAD_CHARS = 20_000;
const MAX_DRAWN_PER_FRAME = 600;
/** Slices of a scan kept for the bench's attribution of long tasks; a 5 MB page makes a few hundred. */
const MAX_RECORDED_SLICES = 5000;
/** Readying the card UI waits for an idle moment, but no longer than this. */
const PREPARE_UI_TIMEOUT_MS = 2000;
/** A card made ready during the hover intent delay waits for idle time at most this long (well inside the delay). */
const READY_CARD_TIMEOUT_MS = 100;
/**
 * Cards fetched ahead of a hover, per page: the first names in reading order, where a reader is
 * likely to point first (the others are fetched as the pointer reaches them). Each is a few KB of
 * heap for as long as the page is open.
 */
const PREFETCH_CARDS = 12;

/** One entity's card content: asked for once per page; `card` is set once it has arrived. */
interface CardEntry {
  pending: Promise<EntityCard | string>;
  card?: EntityCard;
}

export class PageSession {
  private readonly doc: Document;
  private readonly index: PackIndex;
  private readonly entities: Record<string, EntityMeta>;
  private readonly now: () => number;

  private settings: Settings = DEFAULT_SETTINGS;
  private scan: ScanResult | null = null;
  private scanMs = 0;
  /** For `npm run bench`: when the last full scan started, its highlight time, when a card was last shown. */
  private perf = { scanStartedAt: 0, scanEndedAt: 0, highlightMs: 0, cardShownAt: 0, cardDueAt: 0, slices: [] as Array<[number, number]> };
  private mentions: Mention[] = [];
  private mentionRanges: Range[] = [];
  private notes: Note[] = [];
  private noteRanges = new Map<string, Range>();
  private orphanIds: string[] = [];
  private highlighter: Highlighter | null = null;
  private hits: HitIndex<HitValue> | null = null;
  private ui: PageUi | null = null;
  private hover: HoverIntent<HitTarget<HitValue>> | null = null;
  private readonly cards = new Map<string, CardEntry>();
  private uiPrepareScheduled = false;
  private listening = false;
  private navIndex = -1;
  /** Indices into `mentions`, in reading (document) order, for keyboard navigation. */
  private navOrder: number[] = [];
  private focusBeforeNav: Element | null = null;
  private pointerFrame = 0;
  /** Where the pointer last moved, and when (the event's time, for the hover intent delay). */
  private lastPointer: { x: number; y: number; at: number } | null = null;
  private firstScanDone!: () => void;
  readonly firstScan: Promise<void> = new Promise((resolve) => (this.firstScanDone = resolve));
  private readonly abort = new AbortController();
  private stopWatching: (() => void) | null = null;
  /** Mentions not drawn yet (beyond FIRST_DRAWN_MENTIONS), in reading order: drawn as the reader scrolls. */
  private pendingMentions: Mention[] = [];
  private scrollWatching = false;
  /** The current scan's slices (performance.now() spans), for `npm run bench`. */
  private slices: Array<[number, number]> | null = null;
  private gatePassed: boolean;
  /** Bumped by every full scan: a scan pausing between slices that sees a newer number gives up. */
  private scanGeneration = 0;
  /** Text the page added while a full scan was pausing between slices; handled once it is done. */
  private addedDuringScan: Node[] | null = null;
  private region: ArticleRegion | null = null;

  constructor(options: SessionOptions) {
    this.doc = options.doc ?? document;
    this.index = options.index;
    this.entities = options.entities;
    this.now = options.now ?? (() => performance.now());
    this.gatePassed = options.gatePassed ?? false;
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
        this.notes = boot.value.notes;
      }
      await this.runScan();
      if (this.notes.length > 0) this.placeNotes();
      this.watch();
    } finally {
      this.firstScanDone();
    }
  }

  /** Removes every highlight, listener and UI element: the page is as it was. */
  stop(): void {
    this.abort.abort();
    this.stopWatching?.();
    this.stopWatching = null;
    this.clearPage();
  }

  /** Route change in a single-page app: forget the old page, scan the new one. */
  async restart(): Promise<void> {
    this.stopWatching?.();
    this.stopWatching = null;
    this.clearPage();
    this.scan = null;
    this.region = null;
    this.mentions = [];
    const notes = await askBackground('notes:list-page', { url: this.url });
    this.notes = notes.ok ? notes.value : [];
    await this.runScan();
    if (this.notes.length > 0) this.placeNotes();
    this.watch();
  }

  /**
   * Pages that add text after load (live blogs, infinite scroll) are rescanned
   * incrementally: only the new nodes, batched, debounced and time-sliced by watchNewText.
   * Not in wrap mode, where our own marks are DOM mutations and would feed back in.
   */
  private watch(): void {
    this.stopWatching?.();
    this.stopWatching = null;
    if (!this.active || !this.doc.body || this.highlighter?.mode === 'wrap') return;
    this.stopWatching = watchNewText(this.doc.body, (nodes) => this.onAddedText(nodes), { skip: isBackstoryUi });
  }

  private onAddedText(nodes: Node[]): void {
    if (this.addedDuringScan) {
      // A full scan is pausing for the page: take these once it is done.
      this.addedDuringScan.push(...nodes);
      return;
    }
    if (!this.scan?.covered) {
      // Text arriving late may make the page covered: the full (cheap) pass again.
      this.clearPage();
      void this.runScan().then((done) => {
        if (done && this.notes.length > 0) this.placeNotes();
      });
      return;
    }
    this.region ??= findArticle(this.doc);
    const batch = scanAdded(nodes, this.index, {
      region: this.region.root,
      skipBlock: this.region.skipBlock,
      introduced: introducedEntities(this.mentions),
      skip: isBackstoryUi,
    });
    if (this.addMentions(batch.model, this.visibleMentions(batch.mentions, this.mentions)).length > 0) this.rebuildHits();
    if (this.orphanIds.length > 0) this.placeNotes();
  }

  private clearPage(): void {
    this.ui?.destroy();
    this.ui = null;
    this.hover?.reset();
    this.highlighter?.destroy();
    this.highlighter = null;
    this.hits = null;
    this.mentionRanges = [];
    this.pendingMentions = [];
    this.noteRanges.clear();
    this.orphanIds = [];
    if (this.pointerFrame) cancelAnimationFrame(this.pointerFrame);
    this.pointerFrame = 0;
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
      this.scanMs = 0;
      this.mentions = [];
      return true;
    }
    const cancelled = () => generation !== this.scanGeneration || this.abort.signal.aborted;
    const t0 = this.now();
    this.addedDuringScan ??= [];
    // The loader's gate answer holds for the first scan only: a route change brings new text.
    const gatePassed = this.gatePassed;
    this.gatePassed = false;
    const slices: Array<[number, number]> = [];
    this.slices = slices;
    const onSlice = (start: number, end: number) => void (slices.length < MAX_RECORDED_SLICES && slices.push([start, end]));
    const scan = await scanDocumentInSlices(this.doc, this.index, { skip: isBackstoryUi, now: this.now, cancelled, gatePassed, onSlice });
    if (scan === null) return false;
    this.scan = scan;
    const visible = scan.covered ? this.visibleMentions(scan.mentions) : [];
    // A book-length page can name people tens of thousands of times, and the browser paints that
    // many highlights slowly: the first ones are drawn now, the rest as the reader scrolls to them.
    this.mentions = visible.slice(0, FIRST_DRAWN_MENTIONS);
    this.pendingMentions = visible.slice(FIRST_DRAWN_MENTIONS);
    const highlightMs = this.mentions.length > 0 ? await this.drawMentions(cancelled) : 0;
    if (this.pendingMentions.length > 0) this.drawAsReaderScrolls();
    if (highlightMs === null) return false;
    const { textModel, coverage, mentions } = scan.timings;
    // Main-thread time only: the pauses between slices belong to the page.
    this.scanMs = textModel + coverage + mentions + highlightMs;
    this.perf.scanStartedAt = t0;
    this.perf.slices = slices;
    this.perf.scanEndedAt = this.now();
    this.perf.highlightMs = highlightMs;
    const added = this.addedDuringScan;
    this.addedDuringScan = null;
    if (added.length > 0) this.onAddedText(added.filter((node) => !inModel(scan.model, node)));
    return true;
  }

  /** Mentions the reader asked to see: entity types switched on, first mention only if chosen. */
  private visibleMentions(all: Mention[], already: Mention[] = []): Mention[] {
    const seen = new Set<string>(already.map((m) => m.entityId));
    return all.filter((m) => {
      const type = this.entities[m.entityId]?.type;
      if (type && !this.settings.entityTypes[type]) return false;
      if (this.settings.firstMentionOnly) {
        if (seen.has(m.entityId)) return false;
        seen.add(m.entityId);
      }
      return true;
    });
  }

  private ensureHighlighter(): Highlighter {
    this.highlighter ??= createHighlighter(this.doc, this.settings.highlightStyle);
    return this.highlighter;
  }

  /**
   * Ranges for the scan's mentions, drawn in batches with a pause for the page whenever a slice
   * has run DEFAULT_SLICE_MS. Returns the time spent (pauses left out), or null when cancelled.
   */
  private async drawMentions(cancelled: () => boolean): Promise<number | null> {
    const model = this.scan!.model;
    const all = this.mentions;
    const highlighter = this.ensureHighlighter();
    const kept: Mention[] = [];
    let drawn: Range[] = [];
    let batch: Range[] = [];
    let spent = 0;
    let sliceStart = this.now();
    const flush = () => {
      drawn = drawn.length === 0 ? highlighter.set('mention', batch) : drawn.concat(highlighter.add('mention', batch));
      batch = [];
    };
    for (let i = 0; i < all.length; i++) {
      const m = all[i]!;
      const r = rangeFor(model, m.start, m.end);
      if (r) {
        batch.push(r);
        kept.push(m);
      }
      if ((i & 63) === 63 && i + 1 < all.length && this.now() - sliceStart >= DEFAULT_SLICE_MS) {
        flush();
        spent += this.now() - sliceStart;
        this.slices?.push([sliceStart, this.now()]);
        await yieldToPage();
        if (cancelled()) return null;
        sliceStart = this.now();
      }
    }
    flush();
    this.mentions = kept;
    this.mentionRanges = drawn;
    this.rebuildHits();
    this.slices?.push([sliceStart, this.now()]);
    return spent + this.now() - sliceStart;
  }

  /** Draws the pending mentions near the window whenever the reader scrolls (once per frame). */
  private drawAsReaderScrolls(): void {
    if (this.scrollWatching) return;
    this.scrollWatching = true;
    const win = this.doc.defaultView!;
    let frame = 0;
    win.addEventListener(
      'scroll',
      () => {
        if (frame || this.pendingMentions.length === 0) return;
        frame = win.requestAnimationFrame(() => {
          frame = 0;
          this.drawNearWindow();
        });
      },
      // Captured: scrolling boxes inside the page scroll too.
      { passive: true, capture: true, signal: this.abort.signal },
    );
  }

  /**
   * Draws the pending mentions within DRAW_AHEAD_CHARS of the text at the top, middle or bottom of
   * the window, at most MAX_DRAWN_PER_FRAME of them.
   */
  private drawNearWindow(): void {
    const model = this.scan?.model;
    const win = this.doc.defaultView;
    if (!model || !win || this.pendingMentions.length === 0 || !this.highlighter) return;
    const probes = [0.5, 0.1, 0.9].map((f) => caretAt(this.doc, win.innerWidth / 2, win.innerHeight * f));
    const at = probes
      .map((c) => (c && c.node.nodeType === Node.TEXT_NODE ? offsetAt(model, c.node as Text, c.offset) : -1))
      .find((o) => o >= 0);
    if (at === undefined) return;
    const pending = this.pendingMentions;
    const from = firstEndingAfter(pending, at - DRAW_AHEAD_CHARS);
    let to = firstEndingAfter(pending, at + DRAW_AHEAD_CHARS);
    if (to - from > MAX_DRAWN_PER_FRAME) to = from + MAX_DRAWN_PER_FRAME;
    if (to <= from) return;
    for (const { range, mention } of this.addMentions(model, pending.splice(from, to - from))) {
      this.hits?.add({ range, value: { kind: 'mention', mention } });
    }
  }

  /**
   * Highlights more mentions (offsets in `model`) beside those already drawn, keeping the ones that
   * still resolve to a range. Returns what was added; the caller updates the hit index.
   */
  private addMentions(model: TextModel, mentions: readonly Mention[]): Array<{ range: Range; mention: Mention }> {
    const ranges: Range[] = [];
    const kept: Mention[] = [];
    for (const m of mentions) {
      const r = rangeFor(model, m.start, m.end);
      if (r) {
        ranges.push(r);
        kept.push(m);
      }
    }
    if (ranges.length === 0) return [];
    const drawn = this.ensureHighlighter().add('mention', ranges);
    this.mentionRanges = this.mentionRanges.concat(drawn);
    this.mentions = this.mentions.concat(kept);
    return kept.map((mention, i) => ({ range: drawn[i]!, mention }));
  }

  private rebuildHits(): void {
    const targets: HitTarget<HitValue>[] = [];
    this.mentionRanges.forEach((range, i) => targets.push({ range, value: { kind: 'mention', mention: this.mentions[i]! } }));
    for (const note of this.notes) {
      const range = this.noteRanges.get(note.id);
      if (range) targets.push({ range, value: { kind: 'note', note } });
    }
    this.hits = new HitIndex(targets);
    if (targets.length > 0) {
      this.listen();
      this.prepareUi();
    }
  }

  /** Pointer and keyboard listeners, only once there is something to hover. */
  private listen(): void {
    if (this.listening) return;
    this.listening = true;
    const signal = this.abort.signal;
    const win = this.doc.defaultView!;
    this.hover = new HoverIntent<HitTarget<HitValue>>({
      showDelay: SHOW_DELAY_MS,
      hideGrace: HIDE_GRACE_MS,
      same: (a, b) => a.range === b.range,
      show: (target) => {
        // Resting on another name while writing a note must not replace the note (and lose it).
        if (this.ui?.writingNote) return;
        this.perf.cardDueAt = this.hover?.lastDue ?? this.now();
        this.openFor(target, this.lastPointer);
      },
      hide: () => this.hideIfIdle(),
      waiting: (target) => (target && this.ui?.writingNote ? undefined : this.readyCardFor(target)),
      frame:
        typeof win.requestAnimationFrame === 'function'
          ? { request: (fn) => win.requestAnimationFrame(fn), cancel: (h) => win.cancelAnimationFrame(h as number), renderLead: CARD_RENDER_LEAD_MS }
          : undefined,
      flush: () => {
        if (!this.pointerFrame) return;
        win.cancelAnimationFrame(this.pointerFrame);
        this.pointerFrame = 0;
        this.onPointer();
      },
    });
    this.doc.addEventListener(
      'pointermove',
      (e) => {
        if (e.pointerType === 'touch') return;
        this.lastPointer = { x: e.clientX, y: e.clientY, at: e.timeStamp };
        if (this.pointerFrame) return;
        // One hit test per frame, however fast the pointer moves.
        this.pointerFrame = win.requestAnimationFrame(() => {
          this.pointerFrame = 0;
          this.onPointer();
        });
      },
      { passive: true, signal },
    );
    // Esc dismisses the card (or one about to open) wherever focus is on the page, without
    // moving the pointer (SC 1.4.13). Captured, so a page handler that stops propagation
    // cannot swallow it; keys inside Backstory's own UI are handled there.
    this.doc.addEventListener(
      'keydown',
      (e) => {
        if (e.key !== 'Escape' || this.ui?.contains(e.target)) return;
        if (this.ui?.current) this.ui.closeFloating();
        else this.hover?.dismiss();
      },
      { capture: true, signal },
    );
  }

  private onPointer(): void {
    const p = this.lastPointer;
    if (!p || !this.hits || !this.hover) return;
    if (this.ui?.current && this.isOverFloating(p)) return;
    const hit = this.hits.at(this.doc, p.x, p.y);
    this.hover.pointerOver(hit ? hit.target : null, p.at);
  }

  private isOverFloating(p: { x: number; y: number }): boolean {
    const el = this.doc.elementFromPoint(p.x, p.y);
    return !!el && !!this.ui?.contains(el);
  }

  private hideIfIdle(): void {
    // Never throw away a note being written.
    if (this.ui?.writingNote) return;
    // Nor pull a card away from a keyboard user working inside it.
    if (this.ui?.focusInside) return;
    this.ui?.closeFloating();
  }

  /** The page UI, loading its script on first use (see ui-loader). */
  private async ensureUi(): Promise<PageUi> {
    if (this.ui) return this.ui;
    const { PageUi } = await loadPageUi();
    this.ui ??= new PageUi(this.doc, {
      onViewSource: (sourceId, excerptId, quote) => {
        void askBackground('source:open', { sourceId, excerptId, quote });
      },
      onSaveCardNote: (view, text, tags) => this.saveCardNote(view, text, tags),
      onSaveSelectionNote: (view, text, tags) => this.saveSelectionNote(view, text, tags),
      validateNote: validateNoteText,
      onPointerEnterFloating: () => this.hover?.floatingHover(true),
      onPointerLeaveFloating: () => this.hover?.floatingHover(false),
      onClosed: () => {
        this.hover?.dismiss();
        if (this.ui?.navigating) this.ui.focusNav();
      },
      onNavKey: (e) => this.onNavKey(e),
    });
    return this.ui;
  }

  private openFor(target: HitTarget<HitValue>, pointer: { x: number; y: number } | null): void {
    this.perf.cardShownAt = this.now();
    const anchor = anchorFor(target.range, pointer);
    if (target.value.kind === 'mention') void this.openCard(target.value.mention, anchor);
    else void this.openNoteCard(target.value.note, anchor);
  }

  /**
   * The pointer rests on a name (the hover intent delay has begun): once the page is idle, and
   * if its content is here, its card is made ready, hidden, beside any card already open, so
   * that showing it when the delay is up is only a reveal (PageUi.readyCard). Null: the pointer
   * left first.
   */
  private readyCardFor(target: HitTarget<HitValue> | null): void {
    if (!target || target.value.kind !== 'mention') {
      this.ui?.dropReadyCard();
      return;
    }
    const mention = target.value.mention;
    const pointer = this.lastPointer;
    // A name not fetched ahead is fetched now; its card is made ready once the content is here.
    void this.cardFor(mention.entityId).pending.then(() =>
      whenIdle(
        this.doc,
        () => {
          const ui = this.ui;
          const card = this.cards.get(mention.entityId)?.card;
          if (!ui || !card || this.hover?.waiting?.range !== target.range) return;
          ui.readyCard({ anchor: anchorFor(target.range, pointer), entityId: mention.entityId, mentionText: mention.text, card });
        },
        READY_CARD_TIMEOUT_MS,
      ),
    );
  }

  async openCard(mention: Mention, anchor: Anchor): Promise<void> {
    // Once the UI is loaded this is synchronous: the card, with its content when that has
    // arrived, is rendered and placed in this task and painted in the next frame.
    const ui = this.ui ?? (await this.ensureUi());
    const entry = this.cardFor(mention.entityId);
    ui.showCard({ anchor, entityId: mention.entityId, mentionText: mention.text, card: entry.card ?? null });
    if (entry.card) return;
    void entry.pending.then((result) => {
      if (typeof result === 'string') ui.patchCard(mention.entityId, { error: result });
      else ui.patchCard(mention.entityId, { card: result });
    });
  }

  /** A saved note under the pointer: show it as a small card (text, tags, date). */
  private async openNoteCard(note: Note, anchor: Anchor): Promise<void> {
    const ui = await this.ensureUi();
    ui.showNote({ anchor, note });
  }

  /** Card content comes from the background once per entity per page: ahead of time, or on demand. */
  private cardFor(entityId: string): CardEntry {
    return this.cards.get(entityId) ?? this.cacheCard(entityId, askCard(entityId));
  }

  private cacheCard(entityId: string, pending: Promise<EntityCard | string>): CardEntry {
    const entry: CardEntry = { pending };
    this.cards.set(entityId, entry);
    void pending.then((r) => {
      if (typeof r !== 'string') entry.card = r;
      // An error is shown, not kept: the next card for this name asks again.
      else if (this.cards.get(entityId) === entry) this.cards.delete(entityId);
    });
    return entry;
  }

  /**
   * After a scan that found something to hover, once the page is idle (never on an uncovered
   * page: it has nothing to hover): loads the card UI, fetches the cards of the names on the
   * page in one message, and then, idle again, warms the UI with one of them (PageUi.prepare).
   * Hover intent then shows a card with its content in the next frame.
   */
  private prepareUi(): void {
    if (this.uiPrepareScheduled) return;
    this.uiPrepareScheduled = true;
    whenIdle(this.doc, () => {
      this.uiPrepareScheduled = false;
      void this.readyUi();
    });
  }

  private async readyUi(): Promise<void> {
    const signal = this.abort.signal;
    if (signal.aborted) return;
    const fetched = this.prefetchCards();
    const ui = await this.ensureUi().catch(() => null);
    await fetched;
    const first = this.mentions[0];
    const card = first && this.cards.get(first.entityId)?.card;
    if (!ui || !first || !card) return;
    whenIdle(this.doc, () => {
      const range = this.mentionRanges[0];
      // Stopped, or the page cleared (a route change, new settings) since: nothing to ready.
      if (signal.aborted || this.ui !== ui || this.mentions[0] !== first || !range) return;
      ui.prepare({ card, mentionText: first.text, anchor: { range } });
    });
  }

  /** One `card:get-many` for the names on the page not fetched yet, up to PREFETCH_CARDS in all. */
  private prefetchCards(): Promise<unknown> {
    const room = PREFETCH_CARDS - this.cards.size;
    const ids = [...new Set(this.mentions.map((m) => m.entityId))].filter((id) => !this.cards.has(id)).slice(0, Math.max(0, room));
    if (ids.length === 0) return Promise.resolve();
    const batch = askBackground('card:get-many', { entityIds: ids });
    // A name the batch left out asks on its own, for the error the reader can read.
    const entries = ids.map((id) => this.cacheCard(id, batch.then((r) => (r.ok ? (r.value[id] ?? askCard(id)) : r.error))));
    return Promise.all(entries.map((e) => e.pending));
  }

  // ---- notes -------------------------------------------------------------

  private bodyModel(): TextModel | null {
    if (!this.doc.body) return null;
    return buildTextModel(this.doc.body, { skip: isBackstoryUi });
  }

  /** Places each saved note on the page; those that can't be placed are orphans, never dropped. */
  private placeNotes(): void {
    this.noteRanges.clear();
    this.orphanIds = [];
    const model = this.bodyModel();
    for (const note of this.notes) {
      const selectors = note.target.selector;
      if (!model || selectors.length === 0) continue;
      const found = anchorNote(selectors, model.text);
      const range = found ? rangeFor(model, found.start, found.end) : null;
      if (range) this.noteRanges.set(note.id, range);
      else this.orphanIds.push(note.id);
    }
    if (this.noteRanges.size > 0) this.ensureHighlighter().set('note', [...this.noteRanges.values()]);
    else this.highlighter?.clear('note');
    this.rebuildHits();
  }

  private selectorsFor(range: Range): NoteSelectors {
    const model = this.bodyModel();
    if (!model) return [];
    const start = boundaryOffset(model, range.startContainer, range.startOffset, 'start');
    const end = boundaryOffset(model, range.endContainer, range.endOffset, 'end');
    if (start < 0 || end <= start) return [];
    return describeQuote(model.text, start, end);
  }

  private draftFor(range: Range | null, text: string, tags: string[], entityId?: string): NoteDraft {
    const entity = entityId ? this.entities[entityId] : undefined;
    return {
      pageUrl: this.url,
      pageTitle: this.doc.title,
      selector: range ? this.selectorsFor(range) : [],
      text,
      tags,
      motivation: 'commenting',
      ...(entityId ? { entityId, entityName: entity?.name } : {}),
    };
  }

  private async save(draft: NoteDraft): Promise<string | null> {
    const reply = await askBackground('notes:save', { draft });
    if (!reply.ok) return reply.error;
    this.notes = [...this.notes.filter((n) => n.id !== reply.value.id), reply.value];
    this.placeNotes();
    return null;
  }

  private saveCardNote(view: CardView, text: string, tags: string[]): Promise<string | null> {
    return this.save(this.draftFor(view.anchor.range, text, tags, view.entityId));
  }

  private saveSelectionNote(view: EditorView, text: string, tags: string[]): Promise<string | null> {
    return this.save(this.draftFor(view.anchor.range, text, tags));
  }

  /** Context menu or keyboard shortcut: open the editor on the current selection. */
  async noteSelection(): Promise<void> {
    const selection = this.doc.getSelection();
    const range = selection && selection.rangeCount > 0 ? selection.getRangeAt(0).cloneRange() : null;
    const quote = range?.toString().trim() ?? '';
    const ui = await this.ensureUi();
    if (!range || range.collapsed || !quote) {
      const whole = this.doc.createRange();
      whole.selectNodeContents(this.doc.body ?? this.doc.documentElement);
      whole.collapse(true);
      ui.showEditor({ anchor: { range: whole }, quote: '', pageNote: true });
      return;
    }
    ui.showEditor({ anchor: { range }, quote: quote.length > 600 ? `${quote.slice(0, 600)}…` : quote, pageNote: false });
  }

  /** Notes changed elsewhere (popup, another tab): re-read and re-place this page's notes. */
  async refreshNotes(): Promise<void> {
    const reply = await askBackground('notes:list-page', { url: this.url });
    if (!reply.ok) return;
    this.notes = reply.value;
    if (this.notes.length > 0 || this.noteRanges.size > 0) this.placeNotes();
  }

  showNote(noteId: string): boolean {
    const range = this.noteRanges.get(noteId);
    if (!range) return false;
    const el = range.startContainer.parentElement;
    el?.scrollIntoView({ block: 'center', behavior: 'instant' as ScrollBehavior });
    const highlighter = this.ensureHighlighter();
    highlighter.set('flash', [range]);
    setTimeout(() => highlighter.clear('flash'), 1600);
    return true;
  }

  applySettings(settings: Settings): void {
    this.settings = settings;
    this.clearPage();
    void this.runScan();
    if (this.notes.length > 0) this.placeNotes();
    this.watch();
  }

  // ---- keyboard navigation ------------------------------------------------

  async navigateMentions(): Promise<void> {
    const ui = await this.ensureUi();
    this.focusBeforeNav = this.doc.activeElement;
    this.navOrder = readingOrder(this.mentionRanges);
    this.navIndex = this.mentions.length > 0 ? 0 : -1;
    void this.moveNav(0);
    ui.setNav(this.navView());
  }

  private navView() {
    const m = this.mentions[this.navOrder[this.navIndex] ?? -1];
    return {
      position: this.navIndex + 1,
      total: this.mentions.length,
      label: m ? `${this.entities[m.entityId]?.name ?? m.text} (“${m.text}”)` : '',
    };
  }

  private moveNav(delta: number): Promise<void> {
    if (this.mentions.length === 0) return Promise.resolve();
    // Mentions found later (a live blog, a lazy paragraph) are appended to the list; the
    // keyboard walks them in the order the reader sees them.
    if (this.navOrder.length !== this.mentions.length) {
      const at = this.navOrder[this.navIndex];
      this.navOrder = readingOrder(this.mentionRanges);
      this.navIndex = Math.max(0, at === undefined ? 0 : this.navOrder.indexOf(at));
    }
    this.navIndex = (this.navIndex + delta + this.mentions.length) % this.mentions.length;
    const index = this.navOrder[this.navIndex]!;
    const range = this.mentionRanges[index]!;
    revealForCard(range);
    this.ensureHighlighter().set('focus', [range]);
    this.ui?.setNav(this.navView());
    // Focusing a mention opens its card, as hovering does.
    const mention = this.mentions[index]!;
    this.hover?.markShown({ range, value: { kind: 'mention', mention } });
    return this.openCard(mention, { range }).then(() => this.ui?.focusNav());
  }

  private onNavKey(e: KeyboardEvent): void {
    switch (e.key) {
      case 'ArrowRight':
      case 'ArrowDown':
      case 'j':
        e.preventDefault();
        void this.moveNav(1);
        break;
      case 'ArrowLeft':
      case 'ArrowUp':
      case 'k':
        e.preventDefault();
        void this.moveNav(-1);
        break;
      case 'Home':
        e.preventDefault();
        void this.moveNav(-this.navIndex);
        break;
      case 'End':
        e.preventDefault();
        void this.moveNav(this.mentions.length - 1 - this.navIndex);
        break;
      case 'Enter':
        e.preventDefault();
        // After Esc closed the card, Enter opens it again.
        if (this.ui?.current) this.ui.focusFloating();
        else void this.moveNav(0).then(() => this.ui?.focusFloating());
        break;
      case 'Escape':
        e.preventDefault();
        e.stopPropagation();
        if (this.ui?.current) {
          this.ui.closeFloating();
          this.ui.focusNav();
        } else this.exitNav();
        break;
    }
  }

  private exitNav(): void {
    this.highlighter?.clear('focus');
    this.ui?.setNav(null);
    this.navIndex = -1;
    const back = this.focusBeforeNav as HTMLElement | null;
    back?.focus?.();
  }

  // ---- what the popup and tests read ----------------------------------------

  /**
   * A handle for browser tests, set on the content script's isolated world (never the
   * page's): the closed shadow root cannot be reached any other way.
   */
  debugHandle() {
    return {
      shadowRoot: () => this.ui?.shadowRoot ?? null,
      highlightMode: () => this.highlighter?.mode ?? null,
      orphans: () => [...this.orphanIds],
      /** Scan stages and card timing for `npm run bench` (scripts/bench.ts), in performance.now() time. */
      perf: () =>
        this.firstScan.then(() => ({
          ...this.perf,
          scanMs: this.scanMs,
          stages: this.scan?.timings ?? null,
          textLength: this.scan?.model.text.length ?? 0,
          covered: this.scan?.covered ?? false,
          mentions: this.mentions.length,
          /** Mentions found but not drawn yet (a very long page draws them as the reader scrolls). */
          pendingMentions: this.pendingMentions.length,
        })),
    };
  }

  /** Every mention found, drawn or still pending. */
  private allMentions(): Mention[] {
    return this.pendingMentions.length === 0 ? this.mentions : this.mentions.concat(this.pendingMentions);
  }

  async pageState(): Promise<PageState> {
    await this.firstScan;
    return {
      covered: this.scan?.covered ?? false,
      score: round(this.scan?.score ?? 0),
      mentions: this.allMentions().map((m) => ({ entityId: m.entityId, text: m.text })),
      scanMs: round(this.scanMs),
    };
  }

  async summary(): Promise<PageSummary> {
    await this.firstScan;
    const counts = new Map<string, number>();
    for (const m of this.allMentions()) counts.set(m.entityId, (counts.get(m.entityId) ?? 0) + 1);
    return {
      url: this.url,
      title: this.doc.title,
      covered: this.scan?.covered ?? false,
      score: round(this.scan?.score ?? 0),
      entities: [...counts]
        .map(([entityId, count]) => ({
          entityId,
          name: this.entities[entityId]?.name ?? entityId,
          type: this.entities[entityId]?.type ?? 'term',
          count,
        }))
        .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name)),
      orphanIds: [...this.orphanIds],
      paused: !this.active,
    };
  }

  tabHandlers(): TabHandlers {
    return {
      'backstory:page-state': () => this.pageState(),
      'backstory:page-summary': () => this.summary(),
      'backstory:note-selection': async () => {
        await this.noteSelection();
        return null;
      },
      'backstory:navigate-mentions': async () => {
        await this.firstScan;
        await this.navigateMentions();
        return null;
      },
      'backstory:show-note': async ({ noteId }) => {
        await this.firstScan;
        return this.showNote(noteId);
      },
      'backstory:notes-changed': async () => {
        await this.refreshNotes();
        return null;
      },
      'backstory:settings-changed': ({ settings }) => {
        this.applySettings(settings);
        return null;
      },
    };
  }
}

/**
 * Brings a name the keyboard moved to into view a quarter of the way down the window, leaving
 * the card room to open below it. A name already comfortably in view does not move the page:
 * arrowing along a paragraph should not make it jump on every key.
 */
function revealForCard(range: Range): void {
  const win = range.startContainer.ownerDocument?.defaultView;
  const el = range.startContainer.parentElement;
  if (!win || !el) return;
  const rect = range.getBoundingClientRect();
  if (rect.top >= win.innerHeight * 0.08 && rect.bottom <= win.innerHeight * 0.45) return;
  // Scroll any scrolling boxes around it first, then place it in the window.
  el.scrollIntoView({ block: 'nearest', behavior: 'instant' as ScrollBehavior });
  win.scrollBy({ top: range.getBoundingClientRect().top - win.innerHeight * 0.25, behavior: 'instant' as ScrollBehavior });
}

/** Indices of `ranges` sorted by where each starts in the document. */
function readingOrder(ranges: Range[]): number[] {
  return ranges
    .map((_, i) => i)
    .sort((a, b) => {
      try {
        return ranges[a]!.compareBoundaryPoints(Range.START_TO_START, ranges[b]!) || a - b;
      } catch {
        return a - b;
      }
    });
}

function askCard(entityId: string): Promise<EntityCard | string> {
  return askBackground('card:get', { entityId }).then((r) => (r.ok ? r.value : r.error));
}

/** Runs `fn` when the page is idle, or after `timeout` ms at the latest. */
function whenIdle(doc: Document, fn: () => void, timeout = PREPARE_UI_TIMEOUT_MS): void {
  const win = doc.defaultView;
  // Called on the window: Firefox's content-script (Xray) window throws on an unbound call.
  if (win && typeof win.requestIdleCallback === 'function') win.requestIdleCallback(fn, { timeout });
  else setTimeout(fn, Math.min(timeout, 200));
}

/** What a card hangs from: the name, and the line of it under the pointer (a name can wrap). */
function anchorFor(range: Range, pointer: { x: number; y: number } | null): Anchor {
  const rect = pointer
    ? Array.from(range.getClientRects()).find(
        (r) => pointer.x >= r.left - 1 && pointer.x <= r.right + 1 && pointer.y >= r.top - 1 && pointer.y <= r.bottom + 1,
      )
    : undefined;
  return { range, rect };
}

/** Whether the text of `node` (its first text node) was read by `model`. */
function inModel(model: TextModel, node: Node): boolean {
  const first = node.nodeType === Node.TEXT_NODE ? node : node.ownerDocument?.createTreeWalker(node, NodeFilter.SHOW_TEXT).nextNode();
  return !!first && offsetAt(model, first as Text, 0) >= 0;
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}

/**
 * A selection boundary as an offset in the text model. Boundaries may sit on elements
 * (triple-click selects up to the next block); we move to the nearest text node.
 */
function boundaryOffset(model: TextModel, container: Node, offset: number, side: 'start' | 'end'): number {
  if (container.nodeType === Node.TEXT_NODE) {
    const at = offsetAt(model, container as Text, offset);
    if (at >= 0) return at;
  }
  const doc = container.ownerDocument;
  if (!doc) return -1;
  const probe = doc.createRange();
  // Find the first (start) or last (end) model node inside or after/before the boundary.
  if (side === 'start') {
    for (let i = 0; i < model.nodes.length; i++) {
      const node = model.nodes[i]!;
      probe.selectNodeContents(node);
      try {
        if (probe.comparePoint(container, offset) <= 0) return model.starts[i]!;
      } catch {
        return -1;
      }
    }
  } else {
    for (let i = model.nodes.length - 1; i >= 0; i--) {
      const node = model.nodes[i]!;
      probe.selectNodeContents(node);
      try {
        if (probe.comparePoint(container, offset) >= 0) return model.starts[i]! + node.data.length;
      } catch {
        return -1;
      }
    }
  }
  return -1;
}

/** Index of the first mention (sorted by start) that ends after `offset`; length if none. */
function firstEndingAfter(mentions: readonly Mention[], offset: number): number {
  let lo = 0;
  let hi = mentions.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (mentions[mid]!.end <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
