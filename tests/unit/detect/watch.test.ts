import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { findArticle } from '../../../src/detect/article-region';
import { scanAdded, watchNewText } from '../../../src/detect/watch';
import { testIndex } from './test-pack';

/** MutationObserver callbacks are microtasks; let them run under fake timers. */
const settle = () => Promise.resolve().then(() => Promise.resolve());

describe('watchNewText', () => {
  let stop: () => void = () => {};
  beforeEach(() => {
    vi.useFakeTimers();
    document.body.innerHTML = '<main id="root"><p>Existing text.</p></main>';
  });
  afterEach(() => {
    stop();
    vi.useRealTimers();
  });

  const root = () => document.getElementById('root')!;
  const addParagraph = (text: string) => {
    const p = document.createElement('p');
    p.textContent = text;
    root().append(p);
    return p;
  };

  it('delivers added nodes in one batch after a quiet period', async () => {
    const batches: Node[][] = [];
    stop = watchNewText(root(), (nodes) => batches.push(nodes), { debounceMs: 100, now: () => Date.now() });
    const a = addParagraph('one');
    await settle();
    vi.advanceTimersByTime(50);
    const b = addParagraph('two');
    await settle();
    vi.advanceTimersByTime(60);
    expect(batches).toEqual([]);
    vi.advanceTimersByTime(100);
    expect(batches).toEqual([[a, b]]);
  });

  it('delivers only outermost nodes and includes changed text', async () => {
    const batches: Node[][] = [];
    stop = watchNewText(root(), (nodes) => batches.push(nodes), { debounceMs: 10, now: () => Date.now() });
    const div = document.createElement('div');
    root().append(div);
    await settle();
    const inner = document.createElement('p');
    inner.textContent = 'inner';
    div.append(inner);
    const existing = root().querySelector('p')!.firstChild as Text;
    existing.data = 'Changed text.';
    await settle();
    vi.advanceTimersByTime(20);
    expect(batches).toEqual([[existing, div]]);
  });

  it('ignores attribute-only changes and changes inside our own UI', async () => {
    const onText = vi.fn();
    const ui = document.createElement('backstory-ui');
    root().append(ui);
    await settle();
    stop = watchNewText(root(), onText, { debounceMs: 10, skip: (el) => el.localName === 'backstory-ui', now: () => Date.now() });
    root().setAttribute('data-x', '1');
    ui.append(document.createElement('span'));
    await settle();
    vi.advanceTimersByTime(50);
    expect(onText).not.toHaveBeenCalled();
  });

  it('still delivers within maxBatchMs on a page that never stops mutating', async () => {
    const batches: Node[][] = [];
    stop = watchNewText(root(), (nodes) => batches.push(nodes), { debounceMs: 100, maxBatchMs: 300, now: () => Date.now() });
    for (let t = 0; t < 350; t += 50) {
      addParagraph(`tick ${t}`);
      await settle();
      vi.advanceTimersByTime(50);
    }
    expect(batches.length).toBe(1);
    expect(batches[0]!.length).toBeGreaterThanOrEqual(6);
  });

  it('backs off when batches keep coming', async () => {
    const deliveredAt: number[] = [];
    const start = Date.now();
    stop = watchNewText(root(), () => deliveredAt.push(Date.now() - start), { debounceMs: 50, maxBatchMs: 100, now: () => Date.now() });
    for (let t = 0; t < 5000; t += 25) {
      addParagraph('busy');
      await settle();
      vi.advanceTimersByTime(25);
    }
    // A delivery may arrive in several slices at the same moment: count moments.
    const moments = [...new Set(deliveredAt)];
    const gaps = moments.slice(1).map((t, i) => t - moments[i]!);
    expect(gaps.length).toBeGreaterThan(2);
    expect(gaps.at(-1)!).toBeGreaterThan(gaps[0]! * 3);
    // Far fewer deliveries than the 50 an un-backed-off 100 ms cap would give.
    expect(moments.length).toBeLessThan(15);
  });

  it('slices a big delivery to stay within the time budget, yielding in between', async () => {
    let clock = 0;
    const calls: number[] = [];
    stop = watchNewText(
      root(),
      (nodes) => {
        calls.push(nodes.length);
        clock += 5; // each call "costs" 5 ms
      },
      { debounceMs: 10, budgetMs: 8, now: () => clock },
    );
    for (let i = 0; i < 100; i++) addParagraph(`p${i}`);
    await settle();
    vi.advanceTimersByTime(10);
    expect(calls).toEqual([25, 25]); // 10 ms spent: yield
    vi.advanceTimersByTime(1);
    expect(calls).toEqual([25, 25, 25, 25]);
  });

  it('stops observing when disconnected', async () => {
    const onText = vi.fn();
    const disconnect = watchNewText(root(), onText, { debounceMs: 10, now: () => Date.now() });
    addParagraph('late');
    await settle();
    disconnect();
    vi.advanceTimersByTime(100);
    addParagraph('later');
    await settle();
    vi.advanceTimersByTime(100);
    expect(onText).not.toHaveBeenCalled();
  });
});

describe('scanAdded', () => {
  it('finds mentions in new text only, licensed by what the page introduced, with ranges into a batch model', () => {
    document.body.innerHTML = '<article id="a"><p>Attorney General Jeff Sessions spoke.</p></article><aside id="rail"></aside>';
    const region = document.getElementById('a')!;
    const added = document.createElement('p');
    added.innerHTML = 'Later, <a href="#">Sessions</a> and Stephen Miller spoke.';
    region.append(added);
    const railItem = document.createElement('p');
    railItem.textContent = 'Stephen Miller in the rail';
    document.getElementById('rail')!.append(railItem);

    const batch = scanAdded([added, railItem], testIndex, { region, introduced: ['jeff-sessions'] });
    expect(batch.model.text).toBe('Later, Sessions and Stephen Miller spoke.');
    expect(batch.mentions.map((m) => [m.entityId, m.text])).toEqual([
      ['jeff-sessions', 'Sessions'],
      ['stephen-miller', 'Stephen Miller'],
    ]);
  });

  it('maps mentions found past a soft hyphen back to the batch model', () => {
    document.body.innerHTML = '<article id="a"><p>Attorney General Jeff Sessions spoke.</p></article>';
    const region = document.getElementById('a')!;
    const added = document.createElement('p');
    added.textContent = 'Ses\u00adsions and Ste\u00adphen Miller spoke.';
    region.append(added);
    const batch = scanAdded([added], testIndex, { region, introduced: ['jeff-sessions'] });
    expect(batch.mentions.map((m) => [m.start, m.end, batch.model.text.slice(m.start, m.end)])).toEqual([
      [0, 9, 'Ses\u00adsions'],
      [14, 29, 'Ste\u00adphen Miller'],
    ]);
  });

  it("reads new text in a named block that the region's own test keeps as story", () => {
    const story = (label: string) => Array.from({ length: 6 }, (_, i) => `<p>${label} paragraph ${i} of the guide goes on for some words.</p>`).join('');
    document.body.innerHTML = `<div id="doc"><h1>Guide</h1>${story('Intro')}<div class="section" id="sharing-with-one">${story('One')}</div><div class="section" id="sharing-with-many">${story('Many')}</div></div>`;
    const region = findArticle(document);
    const added = document.createElement('p');
    added.textContent = 'Attorney General Jeff Sessions spoke.';
    document.getElementById('sharing-with-one')!.append(added);
    expect(scanAdded([added], testIndex, { region: region.root }).model.text).toBe('');
    const batch = scanAdded([added], testIndex, { region: region.root, skipBlock: region.skipBlock });
    expect(batch.mentions.map((m) => m.text)).toEqual(['Attorney General Jeff Sessions']);
  });

  it('does not license short forms without the earlier introductions', () => {
    document.body.innerHTML = '<article id="a"><p>Sessions spoke.</p></article>';
    const p = document.querySelector('p')!;
    expect(scanAdded([p], testIndex, {}).mentions).toEqual([]);
  });
});
