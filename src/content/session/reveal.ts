/** Scrolling a name into view for its card. */

/**
 * Brings a name into view a quarter of the way down the window (the keyboard moved to it, or the
 * popup opened its card), leaving the card room to open below it. A name already comfortably in
 * view does not move the page: arrowing along a paragraph should not make it jump on every key.
 */
export function revealForCard(range: Range): void {
  const win = range.startContainer.ownerDocument?.defaultView;
  const el = range.startContainer.parentElement;
  if (!win || !el) return;
  const rect = range.getBoundingClientRect();
  if (rect.top >= win.innerHeight * 0.08 && rect.bottom <= win.innerHeight * 0.45) return;
  // Scroll any scrolling boxes around it first, then place it in the window.
  el.scrollIntoView({ block: 'nearest', behavior: 'instant' as ScrollBehavior });
  win.scrollBy({ top: range.getBoundingClientRect().top - win.innerHeight * 0.25, behavior: 'instant' as ScrollBehavior });
}
