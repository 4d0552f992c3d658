import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { zeroTolerancePack as pack } from '../../../../src/pack/packs/zero-tolerance';
import { entityCard } from '../../../../src/background/cards';
import { PageUi } from '../../../../src/content/ui/page-ui';
import type { PageUiCallbacks } from '../../../../src/content/ui/views';
import { HOST_TAG } from '../../../../src/content/ui/shadow-host';

const callbacks: PageUiCallbacks = {
  onViewSource: () => undefined,
  noteDraft: () => ({ pageTitle: 'A page', selector: [] }),
  onAbout: () => undefined,
  onPointerEnterFloating: () => undefined,
  onPointerLeaveFloating: () => undefined,
  onClosed: () => undefined,
  onNavKey: () => undefined,
  articleDate: () => null,
  mentionedNames: () => [],
  onOpenEntity: () => undefined,
  onOpenTimeline: () => undefined,
};

// jsdom lays nothing out: give ranges the line boxes floating-ui asks for.
beforeAll(() => {
  const rect = () => new DOMRect(40, 100, 120, 18);
  Range.prototype.getClientRects = function () {
    return [rect()] as unknown as DOMRectList;
  };
  Range.prototype.getBoundingClientRect = rect;
});

let ui: PageUi | null = null;

afterEach(() => {
  ui?.destroy();
  ui = null;
  document.body.replaceChildren();
});

function page() {
  document.body.innerHTML = '<p>Attorney General <span>Jeff Sessions</span> and <span>Stephen Miller</span> spoke.</p>';
  const [sessions, miller] = [...document.querySelectorAll('span')].map((span) => {
    const range = document.createRange();
    range.selectNodeContents(span);
    return range;
  });
  ui = new PageUi(document, callbacks);
  return { ui, sessions: sessions!, miller: miller! };
}

function hostCount(): number {
  return document.querySelectorAll(HOST_TAG).length;
}

const sessionsCard = () => ({ entityId: 'jeff-sessions', mentionText: 'Jeff Sessions', card: entityCard(pack, 'jeff-sessions') });

describe('PageUi.prepare', () => {
  it('leaves the shadow host with an empty layer and no card in it', async () => {
    const { ui, sessions } = page();
    ui.prepare();
    expect(hostCount()).toBe(1);
    let warmed = false;
    const warming = ui.warm({ card: entityCard(pack, 'jeff-sessions'), mentionText: 'Jeff Sessions', anchor: { range: sessions } }).then(() => (warmed = true));
    // The sample card is removed in the task that rendered it, once placement has run.
    await Promise.resolve();
    await new Promise((r) => setTimeout(r, 0));
    expect(warmed).toBe(true);
    await warming;
    expect(hostCount()).toBe(1);
    const root = ui.shadowRoot!;
    expect(root.querySelectorAll('.layer')).toHaveLength(1);
    expect(root.querySelector('.layer')!.childElementCount).toBe(0);
    expect(root.querySelector('.card, .floating, .upcoming')).toBeNull();
    expect(ui.current).toBeNull();
  });

  it('warms only once, and only a prepared UI', async () => {
    const { ui, sessions } = page();
    const sample = { card: entityCard(pack, 'jeff-sessions'), mentionText: 'Jeff Sessions', anchor: { range: sessions } };
    await ui.warm(sample);
    expect(hostCount()).toBe(0);
    ui.prepare();
    await ui.warm(sample);
    await ui.warm(sample);
    expect(ui.shadowRoot!.querySelector('.card')).toBeNull();
  });

  it('does nothing the second time, nor after destroy', () => {
    const { ui } = page();
    ui.prepare();
    ui.prepare();
    expect(hostCount()).toBe(1);
    ui.destroy();
    expect(hostCount()).toBe(0);
    ui.prepare();
    expect(hostCount()).toBe(0);
  });
});

describe('PageUi.readyCard', () => {
  it('renders the card hidden, out of the accessibility tree and not as a shown card', () => {
    const { ui, sessions } = page();
    ui.readyCard({ anchor: { range: sessions }, ...sessionsCard() });
    const root = ui.shadowRoot!;
    const box = root.querySelector<HTMLElement>('.upcoming')!;
    expect(box).not.toBeNull();
    expect(box.getAttribute('aria-hidden')).toBe('true');
    expect(box.hasAttribute('inert')).toBe(true);
    expect(box.textContent).toContain('Jeff Sessions');
    expect(root.querySelector('.floating')).toBeNull();
    expect(ui.current).toBeNull();
  });

  it('is revealed, the same element, when the card for that name is shown', () => {
    const { ui, sessions } = page();
    ui.readyCard({ anchor: { range: sessions }, ...sessionsCard() });
    const ready = ui.shadowRoot!.querySelector('.upcoming');
    ui.showCard({ anchor: { range: sessions }, ...sessionsCard(), card: null });
    const shown = ui.shadowRoot!.querySelector<HTMLElement>('.floating')!;
    expect(shown).toBe(ready);
    expect(shown.hasAttribute('aria-hidden')).toBe(false);
    expect(shown.hasAttribute('inert')).toBe(false);
    expect(ui.shadowRoot!.querySelector('.upcoming')).toBeNull();
    // Shown with no content passed: the content it was made ready with stays.
    expect(ui.current).toMatchObject({ kind: 'card', entityId: 'jeff-sessions' });
    expect(shown.querySelector('.card[aria-busy]')).toBeNull();
    expect(shown.querySelector('.facts li')).not.toBeNull();
  });

  it('gives way to the card of another name', () => {
    const { ui, sessions, miller } = page();
    ui.readyCard({ anchor: { range: sessions }, ...sessionsCard() });
    ui.showCard({ anchor: { range: miller }, entityId: 'stephen-miller', mentionText: 'Stephen Miller', card: entityCard(pack, 'stephen-miller') });
    const root = ui.shadowRoot!;
    expect(root.querySelectorAll('.floating, .upcoming')).toHaveLength(1);
    expect(root.querySelector('.floating .name')!.textContent).toBe('Stephen Miller');
  });

  it('is removed when the pointer leaves the name first', () => {
    const { ui, sessions } = page();
    ui.readyCard({ anchor: { range: sessions }, ...sessionsCard() });
    ui.dropReadyCard();
    expect(ui.shadowRoot!.querySelector('.upcoming, .floating')).toBeNull();
  });

  it('waits, hidden, beside a card already open, and takes its place when shown', () => {
    const { ui, sessions, miller } = page();
    ui.showCard({ anchor: { range: miller }, entityId: 'stephen-miller', mentionText: 'Stephen Miller', card: entityCard(pack, 'stephen-miller') });
    const open = ui.shadowRoot!.querySelector('.floating');
    ui.readyCard({ anchor: { range: sessions }, ...sessionsCard() });
    const root = ui.shadowRoot!;
    expect(root.querySelector('.floating')).toBe(open);
    expect(root.querySelector('.floating .name')!.textContent).toBe('Stephen Miller');
    const ready = root.querySelector('.upcoming');
    expect(ready!.querySelector('.name')!.textContent).toBe('Jeff Sessions');
    // Every id in the UI is unique, with two cards in it.
    const ids = [...root.querySelectorAll('[id]')].map((el) => el.id);
    expect(new Set(ids).size).toBe(ids.length);
    ui.showCard({ anchor: { range: sessions }, ...sessionsCard(), card: null });
    expect(root.querySelectorAll('.floating, .upcoming')).toHaveLength(1);
    expect(root.querySelector('.floating')).toBe(ready);
    expect(ui.current).toMatchObject({ entityId: 'jeff-sessions' });
  });

  it('is dropped when the editor opens', () => {
    const { ui, sessions } = page();
    ui.readyCard({ anchor: { range: sessions }, ...sessionsCard() });
    ui.showEditor({ anchor: { range: sessions }, quote: 'Jeff Sessions', pageNote: false });
    expect(ui.shadowRoot!.querySelector('.upcoming')).toBeNull();
    // The editor itself is the note frame, laid over this slot; no text box is in the page.
    expect(ui.shadowRoot!.querySelector('.floating .frame-slot')).not.toBeNull();
    expect(ui.shadowRoot!.querySelector('iframe[title="Backstory note"]')).not.toBeNull();
    expect(ui.shadowRoot!.querySelector('textarea, input')).toBeNull();
  });
});
