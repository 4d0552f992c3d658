/**
 * Pointer, hover and cards: hit-tests the pointer against the drawn mentions and placed notes
 * (once per frame), runs the hover intent, and opens a name's card or a note's card. Cards are
 * made ready ahead: the UI and the first names' content once the page is idle, and a name's card
 * while the pointer rests on it, so that showing it is only a reveal.
 */
import type { FigureMention } from '../../detect/figures';
import type { Mention } from '../../detect/mentions';
import { HitIndex, type HitTarget } from '../../highlight/hit-test';
import type { Note } from '../../notes/model';
import type { Anchor } from '../ui/views';
import { whenIdle } from '../when-idle';
import { CardContent } from './card-content';
import { HoverIntent } from './hover-intent';
import { revealForCard } from './reveal';
import type { SessionProbe } from './probe';
import type { PageSurface } from './surface';

/** A count in the article the pack has figures for, with the words that carry it. */
export interface PageFigure {
  figure: FigureMention;
  text: string;
}

export type HitValue =
  | { kind: 'mention'; mention: Mention }
  | { kind: 'figure'; figure: PageFigure }
  | { kind: 'note'; note: Note; about?: { entityId: string; name: string; mentionText: string } };
export type Target = HitTarget<HitValue>;

export interface PointerCardsOptions {
  doc: Document;
  surface: PageSurface;
  now: () => number;
  signal: AbortSignal;
  probe?: SessionProbe;
  /** The first drawn mention and its range: the card the UI is warmed with. */
  firstDrawn(): { mention: Mention; range: Range } | null;
  /** The names drawn, in drawing order: the cards fetched ahead. */
  drawnEntityIds(): string[];
  /** The article's publication date, for the figures card (null when unknown). */
  articleDate(): string | null;
}

const SHOW_DELAY_MS = 250;
/**
 * About how long a frame takes from its start to painting a card made ready during the delay (the
 * reveal, style, paint; npm run bench measures it): the card is shown in the first frame that
 * starts no earlier than this before the delay is up, so that it is painted at about the delay's end.
 */
const CARD_RENDER_LEAD_MS = 5;
const HIDE_GRACE_MS = 300;
/** Readying the card UI waits for an idle moment, but no longer than this. */
const PREPARE_UI_TIMEOUT_MS = 2000;
/** A card made ready during the hover intent delay waits for idle time at most this long (well inside the delay). */
const READY_CARD_TIMEOUT_MS = 100;

export class PointerCards {
  readonly cards = new CardContent();
  private hits: HitIndex<HitValue> | null = null;
  private hover: HoverIntent<Target> | null = null;
  private listening = false;
  private uiPrepareScheduled = false;
  private pointerFrame = 0;
  /** Where the pointer last moved, and when (the event's time, for the hover intent delay). */
  private lastPointer: { x: number; y: number; at: number } | null = null;

  constructor(private readonly options: PointerCardsOptions) {}

  /** What can be hovered now; once there is anything, pointer tracking starts and the UI is readied. */
  setTargets(targets: Target[]): void {
    this.hits = new HitIndex(targets);
    if (targets.length > 0) {
      this.listen();
      this.prepareUi();
    }
  }

  /** One more thing to hover (a mention drawn as the reader scrolled). */
  addTarget(target: Target): void {
    this.hits?.add(target);
  }

  /** The page was cleared: nothing to hover, no card pending. */
  clear(): void {
    this.hover?.reset();
    this.hits = null;
    if (this.pointerFrame) cancelAnimationFrame(this.pointerFrame);
    this.pointerFrame = 0;
  }

  /** Another way of showing a card (the keyboard) took over: the hover intent counts it as shown. */
  markShown(target: Target): void {
    this.hover?.markShown(target);
  }

  dismiss(): void {
    this.hover?.dismiss();
  }

  floatingHover(over: boolean): void {
    this.hover?.floatingHover(over);
  }

  /** Pointer and Esc listeners, only once there is something to hover. */
  private listen(): void {
    if (this.listening) return;
    this.listening = true;
    const { doc, surface, signal } = this.options;
    const win = doc.defaultView!;
    this.hover = new HoverIntent<Target>({
      showDelay: SHOW_DELAY_MS,
      hideGrace: HIDE_GRACE_MS,
      same: (a, b) => a.range === b.range,
      show: (target) => {
        // Resting on another name while writing a note must not replace the note (and lose it).
        if (surface.ui?.writingNote) return;
        this.options.probe?.cardDue(this.hover?.lastDue ?? this.options.now());
        this.openFor(target, this.lastPointer);
      },
      hide: () => this.hideIfIdle(),
      waiting: (target) => (target && surface.ui?.writingNote ? undefined : this.readyCardFor(target)),
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
    doc.addEventListener(
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
    doc.addEventListener(
      'keydown',
      (e) => {
        const ui = surface.ui;
        if (e.key !== 'Escape' || ui?.contains(e.target)) return;
        if (ui?.current) ui.closeFloating();
        else this.hover?.dismiss();
      },
      { capture: true, signal },
    );
  }

  private onPointer(): void {
    const p = this.lastPointer;
    if (!p || !this.hits || !this.hover) return;
    if (this.options.surface.ui?.current && this.isOverFloating(p)) return;
    const hit = this.hits.at(this.options.doc, p.x, p.y);
    this.hover.pointerOver(hit ? hit.target : null, p.at);
  }

  private isOverFloating(p: { x: number; y: number }): boolean {
    const el = this.options.doc.elementFromPoint(p.x, p.y);
    return !!el && !!this.options.surface.ui?.contains(el);
  }

  private hideIfIdle(): void {
    const ui = this.options.surface.ui;
    // Never throw away a note being written, nor pull a card away from a keyboard user working inside it.
    if (ui?.writingNote || ui?.focusInside) return;
    ui?.closeFloating();
  }

  private openFor(target: Target, pointer: { x: number; y: number } | null): void {
    this.options.probe?.cardShown(this.options.now());
    const anchor = anchorFor(target.range, pointer);
    if (target.value.kind === 'mention') void this.openCard(target.value.mention, anchor);
    else if (target.value.kind === 'figure') void this.openFiguresCard(target.value.figure, anchor);
    else void this.openNoteCard(target.value.note, anchor, target.value.about);
  }

  /**
   * The pointer rests on a name (the hover intent delay has begun): once the page is idle, and
   * if its content is here, its card is made ready, hidden, beside any card already open, so
   * that showing it when the delay is up is only a reveal (PageUi.readyCard). Null: the pointer
   * left first.
   */
  private readyCardFor(target: Target | null): void {
    if (!target || target.value.kind !== 'mention') {
      this.options.surface.ui?.dropReadyCard();
      return;
    }
    const mention = target.value.mention;
    const pointer = this.lastPointer;
    // A name not fetched ahead is fetched now; its card is made ready once the content is here.
    void this.cards
      .for(mention.entityId)
      .pending.then(() => whenIdle(this.options.doc.defaultView, READY_CARD_TIMEOUT_MS))
      .then(() => {
        const ui = this.options.surface.ui;
        const card = this.cards.arrived(mention.entityId);
        if (!ui || !card || this.hover?.waiting?.range !== target.range) return;
        ui.readyCard({ anchor: anchorFor(target.range, pointer), entityId: mention.entityId, mentionText: mention.text, card });
      });
  }

  async openCard(mention: Pick<Mention, 'entityId' | 'text'>, anchor: Anchor): Promise<void> {
    // Once the UI is loaded this is synchronous: the card, with its content when that has
    // arrived, is rendered and placed in this task and painted in the next frame.
    const ui = this.options.surface.ui ?? (await this.options.surface.ensureUi());
    const entry = this.cards.for(mention.entityId);
    ui.showCard({ anchor, entityId: mention.entityId, mentionText: mention.text, card: entry.card ?? null });
    if (entry.card) return;
    void entry.pending.then((result) => {
      if (typeof result === 'string') ui.patchCard(mention.entityId, { error: result });
      else ui.patchCard(mention.entityId, { card: result });
    });
  }

  /**
   * A name's card opened from outside the page (the popup's names): its mention brought into
   * view with room for the card below it, the card shown with its content, and focus in it.
   */
  async openCardOnPage(mention: Mention, range: Range): Promise<void> {
    // Content first, so focus can go straight into the card (a card with focus inside stays open).
    await this.cards.for(mention.entityId).pending;
    revealForCard(range);
    this.markShown({ range, value: { kind: 'mention', mention } });
    await this.openCard(mention, { range });
    this.options.surface.ui?.focusFloating();
  }

  /** A count in the article: the pack's figures for its measure, asked of the background on first use. */
  async openFiguresCard(found: PageFigure, anchor: Anchor): Promise<void> {
    const ui = this.options.surface.ui ?? (await this.options.surface.ensureUi());
    const measureId = found.figure.measureId;
    ui.showFigures({ anchor, measureId, mentionText: found.text, articleDate: this.options.articleDate(), card: null });
    const result = await this.cards.measure(measureId);
    ui.patchFigures(measureId, typeof result === 'string' ? { error: result } : { card: result });
  }

  /** A saved note under the pointer: shown in the note frame (text, tags, date, edit, delete, the name's card). */
  private async openNoteCard(note: Note, anchor: Anchor, about?: { entityId: string; name: string; mentionText: string }): Promise<void> {
    const ui = await this.options.surface.ensureUi();
    ui.showNote({ anchor, note, about });
  }

  /**
   * After a scan that found something to hover, once the page is idle (never on an uncovered
   * page: it has nothing to hover): loads the card UI, fetches the cards of the names on the
   * page in one message, and then, idle again, makes the UI's host (PageUi.prepare) and, idle once
   * more, warms it with one of them (PageUi.warm).
   * Hover intent then shows a card with its content in the next frame.
   */
  private prepareUi(): void {
    if (this.uiPrepareScheduled) return;
    this.uiPrepareScheduled = true;
    void whenIdle(this.options.doc.defaultView, PREPARE_UI_TIMEOUT_MS).then(() => {
      this.uiPrepareScheduled = false;
      return this.readyUi();
    });
  }

  private async readyUi(): Promise<void> {
    const { signal, surface } = this.options;
    if (signal.aborted) return;
    const fetched = this.cards.prefetch(this.options.drawnEntityIds());
    const ui = await surface.ensureUi().catch(() => null);
    await fetched;
    const first = this.options.firstDrawn()?.mention;
    const card = first && this.cards.arrived(first.entityId);
    if (!ui || !first || !card) return;
    // Each step in an idle period of its own: on a long page, making the host lays out the whole
    // document, and warming the card lays it out again, each a task's worth.
    const stillWanted = () => !signal.aborted && surface.ui === ui && this.options.firstDrawn()?.mention === first;
    await whenIdle(this.options.doc.defaultView, PREPARE_UI_TIMEOUT_MS);
    // Stopped, or the page cleared (a route change, new settings) since: nothing to ready.
    if (!stillWanted()) return;
    await this.recorded(() => ui.prepare());
    await whenIdle(this.options.doc.defaultView, PREPARE_UI_TIMEOUT_MS);
    const now = this.options.firstDrawn();
    if (!stillWanted() || !now) return;
    await this.recorded(() => ui.warm({ card, mentionText: first.text, anchor: { range: now.range } }));
  }

  /** Runs `step` (and the microtasks it waits on), telling the bench's probe its main-thread time. */
  private async recorded(step: () => void | Promise<void>): Promise<void> {
    const { now, probe } = this.options;
    const start = now();
    await step();
    probe?.slice(start, now());
  }
}

/** What a card hangs from: the name, and the line of it under the pointer (a name can wrap). */
export function anchorFor(range: Range, pointer: { x: number; y: number } | null): Anchor {
  const rect = pointer
    ? Array.from(range.getClientRects()).find(
        (r) => pointer.x >= r.left - 1 && pointer.x <= r.right + 1 && pointer.y >= r.top - 1 && pointer.y <= r.bottom + 1,
      )
    : undefined;
  return { range, rect };
}
