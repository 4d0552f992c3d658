/** Renders one real card from the zero-tolerance pack into a fresh element, for the card tests. */
import { render, type VNode } from 'preact';
import { act } from 'preact/test-utils';
import { zeroTolerancePack as pack } from '../../../../src/pack/packs/zero-tolerance';
import { entityCard } from '../../../../src/background/cards';
import { Card, type CardProps } from '../../../../src/components/card/Card';

/** The full card unless `glance` is set: most card tests read what "More" opens. */
export function renderCard(props: Partial<CardProps> & { entityId?: string; glance?: boolean } = {}): HTMLElement {
  const root = document.createElement('div');
  document.body.append(root);
  const { entityId = 'jeff-sessions', glance = false, ...rest } = props;
  render(
    <Card
      card={entityCard(pack, entityId)}
      mentionText="Attorney General Jeff Sessions"
      editing={false}
      onViewSource={() => undefined}
      onStartNote={() => undefined}
      noteSlot={() => <div class="frame-slot" />}
      onClose={() => undefined}
      {...rest}
    />,
    root,
  );
  if (!glance) act(() => root.querySelector<HTMLButtonElement>('.more-toggle')?.click());
  return root;
}

/** Renders any card into a fresh element in the body; `unmount` takes it away again. */
export function mount(vnode: VNode): HTMLElement {
  const root = document.createElement('div');
  document.body.append(root);
  render(vnode, root);
  return root;
}

export function unmount(root: HTMLElement | null): null {
  if (root) {
    render(null, root);
    root.remove();
  }
  return null;
}
