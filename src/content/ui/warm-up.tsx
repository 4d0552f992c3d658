/**
 * Warming the card UI before it is first needed: a sample card rendered, laid out and placed in
 * a hidden layer of its own, then removed, all in one task. The browser has then compiled the
 * card's code, matched its CSS and loaded its fonts, so the first real card costs no more than
 * the next ones.
 */
import { render } from 'preact';
import type { EntityCard } from '../../messages/protocol';
import { Card } from '../../components/card/Card';
import type { ShadowHost } from './shadow-host';

/**
 * Renders `sample` hidden beside the live layer (so a card or toolbar already open is
 * untouched), measures it, hands it to `place`, and removes it once placed; resolves then. The
 * sample is never painted, focusable or in the accessibility tree: it is hidden and inert while
 * it exists, and gone before any frame.
 */
export function warmUp(doc: Document, host: ShadowHost, sample: { card: EntityCard; mentionText: string }, place: (floating: HTMLElement) => Promise<unknown>): Promise<void> {
  const layer = doc.createElement('div');
  layer.className = 'layer';
  layer.dataset.theme = host.mount.dataset.theme;
  layer.setAttribute('aria-hidden', 'true');
  layer.inert = true;
  layer.style.setProperty('visibility', 'hidden', 'important');
  host.shadow.append(layer);
  let floating: HTMLElement | null = null;
  const noop = () => undefined;
  render(
    <div
      class="floating"
      lang="en"
      dir="ltr"
      ref={(el) => {
        floating = el;
      }}
    >
      <Card
        card={sample.card}
        mentionText={sample.mentionText}
        editing={false}
        onViewSource={noop}
        onStartNote={noop}
        noteSlot={() => null}
        onClose={noop}
      />
    </div>,
    layer,
  );
  const remove = () => {
    render(null, layer);
    layer.remove();
  };
  if (!floating) {
    remove();
    return Promise.resolve();
  }
  // Style, layout and text shaping now, then floating-ui's measuring and placement; the
  // promise settles in this task's microtasks, before any frame could paint the sample.
  (floating as HTMLElement).getBoundingClientRect();
  return place(floating).then(remove, remove);
}
