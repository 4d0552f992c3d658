/**
 * Where the floating box goes: next to the name it is about, on the side with room, kept there
 * while the page scrolls and resizes, hidden when the name scrolls out of view. floating-ui
 * does the geometry.
 */
import { autoUpdate, computePosition, flip, hide, offset, shift, size } from '@floating-ui/dom';
import { shallowContext } from './shallow-context';
import type { Anchor } from './views';

export interface PlacementOptions {
  /** The top of the keyboard toolbar while it is shown: the box keeps clear of it. */
  toolbarTop(): number | undefined;
}

/** What the box hangs from: the line of the name under the pointer, or the name's first line. */
export function anchorReference(doc: Document, anchor: Anchor) {
  const range = anchor.range;
  const pinned = anchor.rect;
  return {
    // Follow the line under the pointer while it stays in view; fall back to the whole range.
    getBoundingClientRect: () => {
      const rects = Array.from(range.getClientRects());
      if (pinned && rects.length > 1) {
        const line = rects.find((r) => Math.abs(r.top - pinned.top) < 1 && Math.abs(r.left - pinned.left) < 1);
        if (line) return line;
      }
      return rects[0] ?? range.getBoundingClientRect();
    },
    contextElement: shallowContext((range.startContainer.parentElement ?? doc.body) as Element),
  };
}

export type AnchorReference = ReturnType<typeof anchorReference>;

/**
 * Where `floating` goes next to `reference`: below the name, flipped above when it does not fit.
 * A box that offers shorter forms of itself (`data-fit-steps`, a glance) takes as many of those
 * steps as it needs to fit on either side without scrolling, the steps it took set as `data-fit`;
 * it never takes one that would hide the control with focus.
 */
export async function computeCardPlacement(
  doc: Document,
  reference: AnchorReference,
  floating: HTMLElement,
  options: PlacementOptions,
  measured?: (size: { width: number; height: number }) => void,
) {
  // A box that was a glance and is now the full card keeps no step.
  for (const el of floating.querySelectorAll<HTMLElement>('[data-fit]')) el.removeAttribute('data-fit');
  let placed = await placeOnce(doc, reference, floating, options, measured);
  const box = floating.querySelector<HTMLElement>('[data-fit-steps]');
  if (!box) return placed;
  const steps = box.dataset.fitSteps!.split(' ');
  const focused = (floating.getRootNode() as Document | ShadowRoot).activeElement;
  const holdsFocus = focused && focused !== box && box.contains(focused) ? focused : null;
  const take = (n: number) => (n > 0 ? (box.dataset.fit = steps.slice(0, n).join(' ')) : box.removeAttribute('data-fit'));
  for (let taken = 1; taken <= steps.length && overflows(box); taken++) {
    take(taken);
    if (holdsFocus && holdsFocus.getClientRects().length === 0) {
      // The step would hide what the reader is on: the box scrolls instead.
      take(taken - 1);
      break;
    }
    placed = await placeOnce(doc, reference, floating, options, measured);
  }
  return placed;
}

/** The box scrolls: its content is taller than the room it was given. */
const overflows = (box: HTMLElement) => box.scrollHeight > box.clientHeight + 1;

function placeOnce(
  doc: Document,
  reference: AnchorReference,
  floating: HTMLElement,
  options: PlacementOptions,
  measured: ((size: { width: number; height: number }) => void) | undefined,
) {
  // On a right-to-left page the card hangs from the name's right (start) edge.
  const rtl = doc.defaultView?.getComputedStyle(reference.contextElement).direction === 'rtl';
  // Measure the card at its natural height (capped by CSS), so flip sees when it does not
  // fit below the name; size then caps it to the room on the side chosen.
  floating.style.removeProperty('--available-height');
  // Keep clear of the keyboard toolbar at the bottom of the window while it is shown.
  const navTop = options.toolbarTop();
  const viewportHeight = doc.documentElement.clientHeight;
  const padding = navTop ? { top: 8, right: 8, left: 8, bottom: Math.max(8, viewportHeight - navTop + 8) } : 8;
  return computePosition(reference, floating, {
    strategy: 'fixed',
    placement: rtl ? 'bottom-end' : 'bottom-start',
    middleware: [
      offset(6),
      flip({ padding }),
      // Main axis only: shifting along the cross axis would make size() offer the card the
      // whole viewport's height, and it would cover the name it is about.
      shift({ padding }),
      size({
        padding,
        apply({ availableHeight, elements, rects }) {
          elements.floating.style.setProperty('--available-height', `${Math.max(120, Math.floor(availableHeight))}px`);
          // The last call measures the box as placed (size() measures again after a change and runs once more).
          measured?.(rects.floating);
        },
      }),
      // The name scrolled out of view (the page, or a scrolling box inside it): hide the card
      // rather than leave it floating over unrelated text.
      hide(),
    ],
  });
}

/**
 * Keeps `floating` placed next to the anchor while the page scrolls and resizes; returns the
 * stop. `keepShown`: the box stays visible even when its name scrolls out of view.
 */
export function keepPlaced(doc: Document, anchor: Anchor, floating: HTMLElement, options: PlacementOptions & { keepShown(): boolean }): () => void {
  const reference = anchorReference(doc, anchor);
  let placedSize: { width: number; height: number } | null = null;
  const updatePosition = () => {
    void computeCardPlacement(doc, reference, floating, options, (size) => (placedSize = size)).then(({ x, y, middlewareData }) => {
      floating.style.transform = `translate(${Math.round(x)}px, ${Math.round(y)}px)`;
      floating.style.visibility = middlewareData.hide?.referenceHidden && !options.keepShown() ? 'hidden' : '';
    });
  };
  const stopAuto = autoUpdate(reference, floating, updatePosition, { animationFrame: false, elementResize: false });
  // What the box shows can change while its size cannot (a card held at its room's height turns
  // from the full card back to a glance): ResizeObserver misses that, and the glance must step
  // again for its new content. Only then: a ready card being shown must paint in the frame it is
  // shown in, without placing itself again.
  const changed = new MutationObserver(() => {
    const box = floating.querySelector<HTMLElement>('[data-fit-steps]');
    if (box && overflows(box)) updatePosition();
  });
  changed.observe(floating, { subtree: true, childList: true, characterData: true, attributeFilter: ['class', 'aria-expanded', 'data-fit-steps'] });
  // Resizes are watched here rather than by autoUpdate, which places the box again on every
  // report, the first one too (a ResizeObserver reports each box it starts watching): on a huge
  // page each placing forces a layout of the whole document. A report of the box at the size it
  // was placed at, and the name's block's first report, change nothing.
  const referenceEl = reference.contextElement;
  let referenceSeen = false;
  const resizes =
    typeof ResizeObserver === 'function'
      ? new ResizeObserver((entries) => {
          const resized = entries.some((entry) => {
            if (entry.target === referenceEl && !referenceSeen) {
              referenceSeen = true;
              return false;
            }
            if (entry.target !== floating) return true;
            const box = entry.borderBoxSize?.[0];
            return !box || !placedSize || Math.abs(box.inlineSize - placedSize.width) > 1 || Math.abs(box.blockSize - placedSize.height) > 1;
          });
          if (resized) updatePosition();
        })
      : null;
  resizes?.observe(referenceEl);
  resizes?.observe(floating);
  return () => {
    stopAuto();
    changed.disconnect();
    resizes?.disconnect();
  };
}

/** The same name and the same line box of it (a name can wrap onto two lines). */
export function sameAnchor(a: Anchor, b: Anchor): boolean {
  if (a.range !== b.range) return false;
  if (!a.rect || !b.rect) return a.rect === b.rect;
  return a.rect.top === b.rect.top && a.rect.left === b.rect.left;
}
