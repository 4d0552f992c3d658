import { describe, expect, it } from 'vitest';
import { BenchProbe, type SessionReadings } from '../../../../src/content/session/probe';

const readings: SessionReadings = {
  shadowRoot: null,
  highlightMode: 'custom-highlight',
  orphanIds: ['n1'],
  scanMs: 7,
  stages: { textModel: 1, coverage: 2, mentions: 3 },
  textLength: 100,
  covered: true,
  mentions: 4,
  pendingMentions: 1, noteEditorReadyMs: null,
};

function sessionWith(firstScan: Promise<void> = Promise.resolve()) {
  return { firstScan, readings: () => readings };
}

describe('BenchProbe', () => {
  it('publishes a scan’s slices and times when the scan is done, and keeps them over a cancelled scan', async () => {
    const probe = new BenchProbe();
    const debug = probe.debugHandle(sessionWith(), 'gate');
    probe.scanStarted();
    probe.slice(10, 14);
    probe.slice(20, 22);
    expect((await debug.perf()).slices).toEqual([]);
    probe.scanDone({ startedAt: 10, endedAt: 30, highlightMs: 2 });
    // A later scan that a newer one cancelled never reports done: the figures stay the last full scan's.
    probe.scanStarted();
    probe.slice(40, 41);
    const perf = await debug.perf();
    expect(perf).toMatchObject({ mode: 'engine', reason: 'gate', scanStartedAt: 10, scanEndedAt: 30, highlightMs: 2, slices: [[10, 14], [20, 22]] });
    expect(perf).toMatchObject({ scanMs: 7, stages: readings.stages, textLength: 100, covered: true, mentions: 4, pendingMentions: 1 });
  });

  it('keeps at most 5000 slices of one scan', async () => {
    const probe = new BenchProbe();
    probe.scanStarted();
    for (let i = 0; i < 5003; i++) probe.slice(i, i + 1);
    probe.scanDone({ startedAt: 0, endedAt: 5003, highlightMs: 0 });
    expect((await probe.debugHandle(sessionWith(), 'noted').perf()).slices).toHaveLength(5000);
  });

  it('records the last card’s due and shown times', async () => {
    const probe = new BenchProbe();
    probe.cardDue(100);
    probe.cardShown(101);
    expect(await probe.debugHandle(sessionWith(), 'message').perf()).toMatchObject({ cardDueAt: 100, cardShownAt: 101 });
  });

  it('answers perf() only once the first scan is done, and the rest of the handle at once', async () => {
    let done!: () => void;
    const debug = new BenchProbe().debugHandle(sessionWith(new Promise<void>((r) => (done = r))), 'gate');
    expect(debug.highlightMode()).toBe('custom-highlight');
    expect(debug.orphans()).toEqual(['n1']);
    let answered = false;
    const perf = debug.perf().then(() => (answered = true));
    await Promise.resolve();
    expect(answered).toBe(false);
    done();
    await perf;
    expect(answered).toBe(true);
  });
});
