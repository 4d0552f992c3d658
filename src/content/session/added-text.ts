/**
 * Text a page adds after load (live blogs, infinite scroll): only the new nodes are scanned,
 * batched, debounced and time-sliced by watchNewText, and their names drawn. Text that arrives
 * while a full scan is pausing between slices is held, and taken once that scan is done.
 */
import type { PackIndex } from '../../detect/pack-index';
import { findArticle, type ArticleRegion } from '../../detect/article-region';
import { introducedEntities } from '../../detect/mentions';
import { offsetAt, type TextModel } from '../../detect/text-model';
import { scanAdded, watchNewText } from '../../detect/watch';
import { isBackstoryUi } from '../ui/shadow-host';
import type { MentionLayer } from './mentions';

export interface AddedTextOptions {
  doc: Document;
  index: PackIndex;
  mentions: MentionLayer;
  /** Names are shown on this page now (covered, or the reader asked for it). */
  showingNames(): boolean;
  /** Text arrived on a page not showing names: it may make the page covered, so the full scan runs again. */
  rescan(): void;
  /** New names were drawn. */
  onNewNames(): void;
  /** Any text arrived on a page showing names: notes that could not be placed may now be. */
  onText(): void;
}

export class AddedText {
  private stopWatching: (() => void) | null = null;
  /** Text the page added while a full scan was pausing between slices; handled once it is done. */
  private held: Node[] | null = null;
  private region: ArticleRegion | null = null;

  constructor(private readonly options: AddedTextOptions) {}

  /** Watches the body for added text, from now on. */
  watch(): void {
    this.stop();
    const body = this.options.doc.body;
    if (body) this.stopWatching = watchNewText(body, (nodes) => this.onAdded(nodes), { skip: isBackstoryUi });
  }

  stop(): void {
    this.stopWatching?.();
    this.stopWatching = null;
  }

  /** A new page (a route change): its article is found again. */
  forgetPage(): void {
    this.region = null;
  }

  /** A full scan starts: added text is held until `scanDone` (also across a scan that was taken over). */
  scanStarting(): void {
    this.held ??= [];
  }

  /** The full scan read `model`: the text held meanwhile that it did not read is taken now. */
  scanDone(model: TextModel): void {
    const held = this.held ?? [];
    this.held = null;
    if (held.length > 0) this.onAdded(held.filter((node) => !inModel(model, node)));
  }

  private onAdded(nodes: Node[]): void {
    if (this.held) {
      this.held.push(...nodes);
      return;
    }
    const { doc, index, mentions } = this.options;
    if (!this.options.showingNames()) return this.options.rescan();
    this.region ??= findArticle(doc);
    const batch = scanAdded(nodes, index, {
      region: this.region.root,
      skipBlock: this.region.skipBlock,
      introduced: introducedEntities(mentions.mentions),
      skip: isBackstoryUi,
    });
    const visible = mentions.visible(batch.mentions, mentions.mentions);
    if (mentions.add(batch.model, visible).length > 0) this.options.onNewNames();
    this.options.onText();
  }
}

/** Whether the text of `node` (its first text node) was read by `model`. */
function inModel(model: TextModel, node: Node): boolean {
  const first = node.nodeType === Node.TEXT_NODE ? node : node.ownerDocument?.createTreeWalker(node, NodeFilter.SHOW_TEXT).nextNode();
  return !!first && offsetAt(model, first as Text, 0) >= 0;
}
