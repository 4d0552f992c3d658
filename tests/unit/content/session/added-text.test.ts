import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Mention } from '../../../../src/detect/mentions';
import { buildTextModel } from '../../../../src/detect/text-model';
import { AddedText } from '../../../../src/content/session/added-text';
import type { MentionLayer } from '../../../../src/content/session/mentions';
import { testIndex } from '../../detect/test-pack';

/** Past watchNewText's debounce. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 400));

function fakeMentions() {
  const layer = {
    mentions: [] as Mention[],
    visible: (all: Mention[]) => all,
    add: vi.fn((_model: unknown, mentions: readonly Mention[]) => mentions.map((mention) => ({ mention, range: document.createRange() }))),
  };
  return layer;
}

function paragraph(text: string): HTMLParagraphElement {
  const p = document.createElement('p');
  p.textContent = text;
  document.querySelector('article')!.append(p);
  return p;
}

let added: AddedText | null = null;
afterEach(() => {
  added?.stop();
  added = null;
});

describe('AddedText', () => {
  function start(showingNames: boolean) {
    document.body.innerHTML = '<article><h1>A story</h1><p>The zero tolerance policy began in April.</p></article>';
    const mentions = fakeMentions();
    const calls = { rescan: vi.fn(), onNewNames: vi.fn(), onText: vi.fn() };
    added = new AddedText({ doc: document, index: testIndex, mentions: mentions as unknown as MentionLayer, showingNames: () => showingNames, ...calls });
    added.watch();
    return { mentions, ...calls };
  }

  it('draws the names in text added later, and says so', async () => {
    const { mentions, onNewNames, onText } = start(true);
    paragraph('Stephen Miller spoke later that day.');
    await settle();
    expect(mentions.add).toHaveBeenCalledTimes(1);
    expect(mentions.add.mock.calls[0]![1].map((m: Mention) => m.entityId)).toEqual(['stephen-miller']);
    expect(onNewNames).toHaveBeenCalledTimes(1);
    expect(onText).toHaveBeenCalledTimes(1);
  });

  it('holds text added during a full scan, and takes only what that scan did not read', async () => {
    const { mentions } = start(true);
    added!.scanStarting();
    paragraph('Stephen Miller spoke later that day.');
    await settle();
    const model = buildTextModel(document.body);
    paragraph('Jeff Sessions answered.');
    await settle();
    expect(mentions.add).not.toHaveBeenCalled();
    added!.scanDone(model);
    expect(mentions.add).toHaveBeenCalledTimes(1);
    expect(mentions.add.mock.calls[0]![1].map((m: Mention) => m.entityId)).toEqual(['jeff-sessions']);
  });

  it('asks for the full scan again when the page shows no names: the new text may make it covered', async () => {
    const { mentions, rescan } = start(false);
    paragraph('Jeff Sessions answered.');
    await settle();
    expect(rescan).toHaveBeenCalledTimes(1);
    expect(mentions.add).not.toHaveBeenCalled();
  });
});
