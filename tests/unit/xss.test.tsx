/**
 * Every Preact view that shows text Backstory did not write — a note (text, tags, quote, page
 * title, entity name), the editor's quote, a card's mention and error, the source viewer's
 * quote — renders each classic XSS payload as the characters it contains: the text is there
 * verbatim and the payload adds no element or attribute. Fast twin of the browser tests in
 * tests/e2e/hostile-input.test.ts.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { render, type ComponentChild } from 'preact';
import { zeroTolerancePack as pack } from '../../src/pack/packs/zero-tolerance';
import { createNote, type Note } from '../../src/notes/model';
import { summarizeNote } from '../../src/notes/search';
import { NoteItem } from '../../src/extension-pages/notes/NoteItem';
import { NoteEditor } from '../../src/components/card/NoteEditor';
import { Card } from '../../src/components/card/Card';
import { SourceViewer } from '../../src/extension-pages/source/SourceViewer';
import { INJECTED_MARKUP_SELECTOR, XSS_PAYLOADS, XSS_TAG_PAYLOADS } from '../fixtures/hostile/xss-payloads';

let root: HTMLElement | null = null;

function show(view: ComponentChild): HTMLElement {
  root = document.createElement('div');
  document.body.append(root);
  render(view, root);
  return root;
}

afterEach(() => {
  if (root) {
    render(null, root);
    root.remove();
    root = null;
  }
  delete (window as { __xss?: unknown }).__xss;
});

/** No payload-made element, and no event-handler or javascript: attribute anywhere. */
function expectInert(el: HTMLElement): void {
  expect(el.querySelectorAll(INJECTED_MARKUP_SELECTOR).length).toBe(0);
  for (const node of el.querySelectorAll('*')) {
    for (const attr of node.attributes) {
      expect(attr.name, `<${node.localName} ${attr.name}>`).not.toMatch(/^on/i);
      expect(attr.value, `<${node.localName} ${attr.name}>`).not.toMatch(/^\s*(javascript|data):/i);
    }
  }
  expect((window as { __xss?: unknown }).__xss).toBeUndefined();
}

function noteWith(payload: string, i: number): Note {
  const made = createNote(
    {
      pageUrl: `https://news.example/story?q=${encodeURIComponent(payload)}`,
      pageTitle: payload,
      selector: [{ type: 'TextQuoteSelector', exact: payload, prefix: '', suffix: '' }],
      text: payload,
      tags: [XSS_TAG_PAYLOADS[i % XSS_TAG_PAYLOADS.length]!],
      entityId: 'jeff-sessions',
      entityName: payload.slice(0, 200),
    },
    new Date('2026-01-01T00:00:00Z'),
  );
  if (!made.ok) throw new Error(made.error);
  return made.note;
}

const noop = () => undefined;

describe.each(XSS_PAYLOADS.map((p, i) => [i, p] as const))('payload %i', (i, payload) => {
  it('is text in a note in the popup and notes page', () => {
    const note = noteWith(payload, i);
    const el = show(
      <NoteItem note={summarizeNote(note)} editing={false} onOpen={noop} onEdit={noop} onSave={async () => null} onDelete={noop} />,
    );
    const text = el.textContent ?? '';
    expect(text).toContain(payload.trim());
    expect(text).toContain(note.body.tags[0]!);
    expectInert(el);
  });

  it('is text in the note editor (quote and the note being edited)', () => {
    const el = show(
      <NoteEditor heading="Save note to Backstory" quote={payload} initialText={payload} initialTags={[...XSS_TAG_PAYLOADS]} validate={() => null} onSave={async () => null} onCancel={noop} />,
    );
    expect(el.textContent).toContain(payload);
    expect(el.querySelector('textarea')!.value).toBe(payload);
    expectInert(el);
  });

  it('is text in a card’s mention and error', () => {
    const el = show(
      <Card card={null} error={payload} mentionText={payload} editing={false} onViewSource={noop} onStartNote={noop} noteSlot={() => null} onClose={noop} />,
    );
    expect(el.textContent).toContain(payload);
    expectInert(el);
  });

  it('is text in the source viewer’s quote', () => {
    const withExcerpts = pack.sources.find((s) => (s.excerpts?.length ?? 0) > 0)!;
    const el = show(<SourceViewer pack={pack} sourceId={withExcerpts.id} excerptId={null} quote={payload} />);
    expect(el.textContent).toContain(payload);
    expectInert(el);
  });
});
