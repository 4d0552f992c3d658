/** Keyboard focus inside Backstory's UI: what Tab reaches, and where it goes next. */

/** The controls Tab reaches in `root`, in document (reading) order: enabled and shown. */
export function focusablesIn(root: HTMLElement): HTMLElement[] {
  return [...root.querySelectorAll<HTMLElement>('button, a[href], input, textarea, select, summary, [tabindex]')].filter(
    (el) => el.tabIndex >= 0 && !(el as HTMLButtonElement).disabled && el.getClientRects().length > 0,
  );
}

/** The control after (or, going back, before) `active` in `ring`, round from the end to the start. */
export function nextInRing(ring: readonly HTMLElement[], active: Element | null, back: boolean): HTMLElement | undefined {
  const at = active ? ring.indexOf(active as HTMLElement) : -1;
  const next = at < 0 ? (back ? ring.length - 1 : 0) : (at + (back ? -1 : 1) + ring.length) % ring.length;
  return ring[next];
}
