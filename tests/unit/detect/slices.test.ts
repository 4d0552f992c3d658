import { describe, expect, it } from 'vitest';
import { compilePackIndex } from '../../../src/detect/pack-index';
import { scanDocument, scanDocumentInSlices } from '../../../src/detect/scan';
import { runInSlices, runToEnd, unslicedClock, type SliceClock, type Steps } from '../../../src/detect/slices';
import { testPack } from './test-pack';

const index = compilePackIndex(testPack({ gate: ['toleran', 'separat'] }));

function page(body: string): Document {
  return new DOMParser().parseFromString(`<!doctype html><html><body>${body}</body></html>`, 'text/html');
}

const paragraphs = [
  'Attorney General <a href="#">Jeff</a> Sessions issued the zero tolerance memo, and children were separated from their parents.',
  'Sessions defended it; critics called the <em>family separation</em> policy cruel. Stephen Miller agreed with Sessions.',
  'Mr. Miller and Gene Hamilton drafted the order.<br>Hamilton later said little about family separation.',
  'The council also discussed parking rules and library hours, as it does every week of the year.',
];

/** A long covered article: hundreds of paragraphs, a rail, hidden text and a comment thread. */
function longStory(count: number): string {
  const body = Array.from({ length: count }, (_, i) => `<p>${paragraphs[i % paragraphs.length]}</p>`).join('\n');
  return `<article><h1>Memo set off family separation</h1>${body}
    <aside class="related"><p>Gene Hamilton profile and more zero tolerance stories</p></aside>
    <p hidden>Sessions hidden</p></article>
    <div id="comments"><p>Sessions should resign over family separation and zero tolerance!</p></div>`;
}

function summary(result: NonNullable<Awaited<ReturnType<typeof scanDocumentInSlices>>>) {
  return {
    covered: result.covered,
    score: result.score,
    coverage: result.coverage,
    text: result.model.text,
    nodes: result.model.nodes,
    starts: result.model.starts,
    mentions: result.mentions,
  };
}

describe('scanDocumentInSlices', () => {
  it('finds exactly what the one-piece scan finds, while giving the page many turns', async () => {
    const doc = page(longStory(400));
    let pauses = 0;
    const sliced = await scanDocumentInSlices(doc, index, {
      sliceMs: 0, // every check of the clock ends the slice
      yieldToPage: async () => {
        pauses++;
      },
    });
    const whole = scanDocument(doc, index);
    expect(whole.covered).toBe(true);
    expect(whole.mentions.length).toBeGreaterThan(500);
    expect(pauses).toBeGreaterThan(50);
    expect(summary(sliced!)).toEqual(summary(whole));
  });

  it('scans a page that fits in one slice without a single pause', async () => {
    const doc = page(longStory(8));
    let pauses = 0;
    // A generous slice: jsdom on a busy machine is far slower than a browser.
    const sliced = await scanDocumentInSlices(doc, index, { sliceMs: 10_000, yieldToPage: async () => void pauses++ });
    expect(pauses).toBe(0);
    expect(summary(sliced!)).toEqual(summary(scanDocument(doc, index)));
  });

  it('stops at the next pause once cancelled, and resolves to null', async () => {
    const doc = page(longStory(400));
    let pauses = 0;
    const result = await scanDocumentInSlices(doc, index, {
      sliceMs: 0,
      yieldToPage: async () => void pauses++,
      cancelled: () => pauses >= 3,
    });
    expect(result).toBeNull();
    expect(pauses).toBe(3);
  });

  it('counts only its own time in the stage timings, not the pauses', async () => {
    const doc = page(longStory(400));
    let clock = 0;
    const now = () => (clock += 0.01);
    const sliced = await scanDocumentInSlices(doc, index, {
      now,
      sliceMs: 1,
      yieldToPage: async () => {
        clock += 1000; // the page runs for a second between slices
      },
    });
    const { textModel, mentions, coverage } = sliced!.timings;
    expect(textModel + mentions + coverage).toBeLessThan(1000);
  });

  it('keeps its place in the shared name pattern when another scan runs during a pause', async () => {
    const doc = page(longStory(400));
    const other = page(longStory(12));
    const sliced = await scanDocumentInSlices(doc, index, {
      sliceMs: 0,
      yieldToPage: async () => {
        scanDocument(other, index); // moves the same compiled patterns' lastIndex
      },
    });
    expect(summary(sliced!)).toEqual(summary(scanDocument(doc, index)));
  }, 10_000);
});

describe('runInSlices', () => {
  function* counting(clock: SliceClock, total: number): Steps<number> {
    let done = 0;
    for (let i = 0; i < total; i++) {
      done++;
      if (clock.due()) yield;
    }
    return done;
  }

  it('gives the page a turn whenever a slice has used its time, and returns the same result', async () => {
    let t = 0;
    let pauses = 0;
    const result = await runInSlices((clock) => counting(clock, 10_000), {
      sliceMs: 5,
      now: () => (t += 1), // the clock is read every 32nd step: each read moves it 1 ms
      yieldToPage: async () => void pauses++,
    });
    expect(result).toBe(10_000);
    // 10,000 steps read the clock about 312 times, a slice lasts about 5 reads.
    expect(pauses).toBeGreaterThan(40);
    expect(pauses).toBeLessThan(80);
    expect(runToEnd(counting(unslicedClock(), 10_000))).toBe(10_000);
  });

  it('reports every slice, in order and without overlap, one more than the pauses', async () => {
    let t = 0;
    let pauses = 0;
    const slices: Array<[number, number]> = [];
    await runInSlices((clock) => counting(clock, 5_000), {
      sliceMs: 5,
      now: () => (t += 1),
      yieldToPage: async () => void pauses++,
      onSlice: (start, end) => void slices.push([start, end]),
    });
    expect(slices).toHaveLength(pauses + 1);
    for (let i = 0; i < slices.length; i++) {
      expect(slices[i]![1]).toBeGreaterThan(slices[i]![0]);
      if (i > 0) expect(slices[i]![0]).toBeGreaterThanOrEqual(slices[i - 1]![1]);
    }
  });

  it('yields to the real event loop by default', async () => {
    let timerRan = false;
    setTimeout(() => (timerRan = true), 0);
    let sawTimer = false;
    function* watching(clock: SliceClock): Steps<void> {
      const start = Date.now();
      while (Date.now() - start < 200 && !timerRan) if (clock.due()) yield;
      sawTimer = timerRan;
    }
    await runInSlices((clock) => watching(clock), { sliceMs: 2 });
    expect(sawTimer).toBe(true);
  });
});
