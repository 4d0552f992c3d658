/**
 * Text that a dynamic page adds after the first scan (live blogs, "load more", lazy sections).
 *
 * `watchNewText` batches MutationObserver records: it waits for `debounceMs` of quiet, but never
 * longer than `maxBatchMs` after the first change, so a page that never stops mutating is still
 * served. If batches keep coming back to back, the waits double (up to 32×) until the page calms
 * down. Each delivery runs in slices of at most `budgetMs`, yielding to the page in between.
 * Attribute-only changes are not observed; changes inside `skip` (our own UI) are dropped.
 *
 * `scanAdded` then reads only the new text: a per-batch text model, whose offsets are valid for
 * that model (use `rangeFor(batch.model, …)`), and mentions with short forms licensed by what
 * the page already introduced.
 *
 * How the content script uses this:
 * - After the first `scanDocument`: if covered, `scanAdded(nodes, index, { region, introduced })`
 *   on each delivery and add the highlights; pass `introducedEntities(...)` of everything so far.
 *   If not covered, run `scanDocument` again on delivery (cheap for an unrelated page): text
 *   arriving late may make it covered.
 * - On a route change (History API, detected by the content script), call the disconnect
 *   function, clear highlights, `scanDocument` the new page and `watchNewText` again: nothing
 *   here remembers the previous page.
 * - A changed text node (characterData) is delivered like an added one; highlights that the
 *   old model placed in it may be stale (`rangeFor` returns null for offsets past its end).
 */
import { inBoilerplate, isBoilerplate } from './furniture';
import { findMentions, type Mention } from './mentions';
import { inModelOffsets, matchTextOf } from './soft-hyphens';
import type { PackIndex } from './pack-index';
import { buildTextModelOf, type TextModel } from './text-model';

export interface WatchOptions {
  /** Quiet time before a batch is delivered. */
  debounceMs?: number;
  /** Longest wait from the first change of a batch to its delivery. */
  maxBatchMs?: number;
  /** Most main-thread time spent delivering before yielding to the page. */
  budgetMs?: number;
  /** Our own UI: changes inside it are not page text. */
  skip?: (el: Element) => boolean;
  /** Clock, for tests. */
  now?: () => number;
}

const DEFAULTS = { debounceMs: 250, maxBatchMs: 1000, budgetMs: 8 };
/** A batch that follows the previous one within this many ms counts as "busy". */
const BUSY_GAP_MS = 1500;
const MAX_BACKOFF_DOUBLINGS = 5;
/** Nodes handed over per onText call while slicing. */
const SLICE_NODES = 25;

export function watchNewText(root: Node, onText: (added: Node[]) => void, options: WatchOptions = {}): () => void {
  const { debounceMs, maxBatchMs, budgetMs } = { ...DEFAULTS, ...definedOnly(options) };
  const now = options.now ?? (() => performance.now());
  const pending = new Set<Node>();
  let firstChangeAt = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let sliceTimer: ReturnType<typeof setTimeout> | undefined;
  let lastDeliveryAt = -Infinity;
  let busyStreak = 0;
  let stopped = false;

  const backoff = () => 2 ** Math.min(busyStreak, MAX_BACKOFF_DOUBLINGS);

  const schedule = () => {
    const t = now();
    if (pending.size === 0) return;
    const due = Math.min(t + debounceMs * backoff(), firstChangeAt + maxBatchMs * backoff());
    clearTimeout(timer);
    timer = setTimeout(flush, Math.max(0, due - t));
  };

  const flush = () => {
    timer = undefined;
    const t = now();
    busyStreak = t - lastDeliveryAt < BUSY_GAP_MS * backoff() ? busyStreak + 1 : 0;
    lastDeliveryAt = t;
    const nodes = outermostLiveNodes(pending, options.skip);
    pending.clear();
    deliver(nodes);
  };

  const deliver = (nodes: Node[]) => {
    const sliceStart = now();
    let i = 0;
    while (i < nodes.length && !stopped) {
      onText(nodes.slice(i, i + SLICE_NODES));
      i += SLICE_NODES;
      if (i < nodes.length && now() - sliceStart >= budgetMs) {
        const rest = nodes.slice(i);
        sliceTimer = setTimeout(() => deliver(rest), 0);
        return;
      }
    }
  };

  const observer = new MutationObserver((records) => {
    if (pending.size === 0) firstChangeAt = now();
    for (const record of records) {
      if (record.type === 'characterData') pending.add(record.target);
      else record.addedNodes.forEach((node) => pending.add(node));
    }
    schedule();
  });
  observer.observe(root, { childList: true, subtree: true, characterData: true });

  return () => {
    stopped = true;
    observer.disconnect();
    clearTimeout(timer);
    clearTimeout(sliceTimer);
    pending.clear();
  };
}

/** Connected text/element nodes not inside another pending node nor inside our UI, in document order. */
function outermostLiveNodes(pending: Set<Node>, skip: WatchOptions['skip']): Node[] {
  const result: Node[] = [];
  for (const node of pending) {
    if (!node.isConnected || (node.nodeType !== 1 && node.nodeType !== 3)) continue;
    let inside = false;
    for (let up = node.parentNode; up && !inside; up = up.parentNode) {
      inside = pending.has(up) || (up.nodeType === 1 && skip?.(up as Element) === true);
    }
    if (!inside && !(node.nodeType === 1 && skip?.(node as Element))) result.push(node);
  }
  return result.sort((a, b) => (a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1));
}

function definedOnly<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

export interface AddedTextScan {
  /** A model of the new text only; mention offsets refer to it. */
  model: TextModel;
  mentions: Mention[];
}

export interface AddedTextContext {
  /** The article region of the first scan: text added outside it is ignored. */
  region?: Element;
  /** The region's furniture test (`ArticleRegion.skipBlock`); `isBoilerplate` when not given. */
  skipBlock?: (el: Element, tag: string) => boolean;
  /** Entities the page introduced so far, oldest first (see `introducedEntities`). */
  introduced?: readonly string[];
  /** Our own UI. */
  skip?: (el: Element) => boolean;
}

/** Mentions in nodes a dynamic page added, with a text model of just those nodes. */
export function scanAdded(nodes: readonly Node[], index: PackIndex, context: AddedTextContext = {}): AddedTextScan {
  const { region } = context;
  const skipBlock = context.skipBlock ?? isBoilerplate;
  const inArticle = region ? nodes.filter((n) => region.contains(n) && !inBoilerplate(n, region, skipBlock)) : nodes;
  const model = buildTextModelOf(inArticle, { skip: context.skip, skipBlock });
  const match = matchTextOf(model.text);
  return { model, mentions: inModelOffsets(findMentions(match.text, index, { introduced: context.introduced }), match) };
}
