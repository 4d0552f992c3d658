/** Hover → card: how long a card takes to paint once the pointer has rested on a name. */
import type { Page } from 'playwright-core';
import type { PageProbe } from './probe';
import type { HoverResult } from './page-run';

/**
 * Rests the pointer on the first highlighted name and times the card, from the end of the intent
 * delay (the session's `cardDueAt`: the pointer's arrival plus the delay) to the paint of the frame
 * that first shows it. In the isolated world a MutationObserver on Backstory's shadow root sees the
 * card appear. A change made while a frame runs its animation callbacks (the session shows the
 * card in one) is painted by that frame; any other change by the next one. A message posted at
 * that point is handled once that frame is rendered: its time is the paint.
 */
export async function measureHover(page: Page, probe: PageProbe, nth = 0): Promise<HoverResult> {
  const target = await page.evaluate((nth) => {
    const registry = (CSS as unknown as { highlights: Map<string, Set<Range>> }).highlights;
    let best: Range[] = [];
    for (const [, highlight] of registry) if (highlight.size > best.length) best = [...highlight];
    for (const range of best.slice(nth)) {
      (range.startContainer.parentElement as HTMLElement | null)?.scrollIntoView({ block: 'center', behavior: 'instant' as ScrollBehavior });
      const rect = range.getClientRects()[0];
      if (rect && rect.width > 0) return { x: rect.left + Math.min(rect.width / 2, 12), y: rect.top + rect.height / 2, text: range.toString() };
    }
    return null;
  }, nth);
  if (!target) throw new Error('no highlighted range to hover');
  await page.mouse.move(2, 2);
  await probe.inBackstory(`(b) => {
    const state = { shellFrameAt: 0, shellPaintAt: 0, contentFrameAt: 0, contentPaintAt: 0, gaveUp: false };
    globalThis.__bsHover = state;
    const afterFrame = (set) => { const ch = new MessageChannel(); ch.port1.onmessage = () => set(performance.now()); ch.port2.postMessage(0); };
    // True from a frame's first animation callback until the frame is rendered.
    let inFrame = false;
    const started = performance.now();
    const tick = () => {
      inFrame = true;
      afterFrame(() => { inFrame = false; });
      if (state.contentPaintAt) return;
      if (performance.now() - started > 8000) { state.gaveUp = true; return; }
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
    // The session requests its show frame from a timer, after this loop requested the same frame's
    // tick, so in the frame that shows the card the tick has run first and inFrame is set.
    const paintOf = (set) => inFrame ? afterFrame(set) : requestAnimationFrame(() => afterFrame(set));
    const root = b.shadowRoot();
    if (!root) throw new Error('no Backstory shadow root before the hover (the card UI is made ready after the scan)');
    // Not the warm-up's sample card (warm-up.tsx), made and removed in an inert layer of its own.
    const seen = () => {
      const floating = [...root.querySelectorAll('.floating')].find((el) => !el.closest('[inert]'));
      if (floating && !state.shellFrameAt) {
        state.shellFrameAt = performance.now();
        paintOf((t) => (state.shellPaintAt = t));
      }
      if (floating && floating.querySelector('.card:not([aria-busy])') && !state.contentFrameAt) {
        state.contentFrameAt = performance.now();
        paintOf((t) => (state.contentPaintAt = t));
      }
    };
    new MutationObserver(seen).observe(root, { subtree: true, childList: true, attributes: true });
    return true;
  }`);
  await page.mouse.move(target.x, target.y, { steps: 3 });
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    const result = await probe.inBackstory<{ shown: number; state: { shellFrameAt: number; shellPaintAt: number; contentPaintAt: number; gaveUp: boolean } }>(
      `(b) => b.perf().then((p) => ({ shown: p.cardDueAt || p.cardShownAt, state: globalThis.__bsHover }))`,
    );
    const { shown, state } = result;
    if (state.gaveUp) throw new Error('the card did not open');
    if (state.contentPaintAt && state.shellPaintAt && shown) {
      return {
        shellPaintMs: state.shellPaintAt - shown,
        contentPaintMs: state.contentPaintAt - shown,
        shellFrameMs: state.shellFrameAt - shown,
        entity: target.text,
      };
    }
    await new Promise((r) => setTimeout(r, 40));
  }
  throw new Error('timed out waiting for the card');
}
