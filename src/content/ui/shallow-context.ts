/**
 * The element floating-ui measures the card's anchor against. It walks every ancestor of
 * that element (recursively, reading each one's computed style) to find scroll containers,
 * on every position update. News pages nest a few dozen levels; a hostile or broken page can
 * nest thousands, which overflowed the content script's stack and took tens of seconds to
 * open a card (10,000 levels: 20–35 s). Past MAX_CONTEXT_DEPTH levels below the root we hand
 * it the ancestor at that depth instead: only scroll containers nested deeper than that stop
 * carrying the card along when they scroll, and only on such pages.
 */
export const MAX_CONTEXT_DEPTH = 128;

export function shallowContext(el: Element, maxDepth: number = MAX_CONTEXT_DEPTH): Element {
  const chain: Element[] = [];
  for (let e: Element | null = el; e; e = e.parentElement) chain.push(e);
  return chain.length > maxDepth ? chain[chain.length - maxDepth]! : el;
}
