import { afterEach, describe, expect, it, vi } from 'vitest';
import { MentionLayer } from '../../../../src/content/session/mentions';
import type { SessionProbe } from '../../../../src/content/session/probe';
import type { Mention } from '../../../../src/detect/mentions';
import { buildTextModel, type TextModel } from '../../../../src/detect/text-model';
import { DEFAULT_SETTINGS, type Settings } from '../../../../src/settings/settings';
import { asSurface, fakeSurface } from './fakes';

const entities = { a: { name: 'Alpha', type: 'person' as const }, b: { name: 'Beta', type: 'organization' as const } };

/** `count` paragraphs "Alpha met Beta." and a mention of each name in every one. */
function page(count: number): { model: TextModel; mentions: Mention[] } {
  document.body.innerHTML = '<p>Alpha met Beta.</p>'.repeat(count);
  const model = buildTextModel(document.body);
  const mentions: Mention[] = [];
  for (let at = model.text.indexOf('Alpha'); at >= 0; at = model.text.indexOf('Alpha', at + 1)) {
    mentions.push({ entityId: 'a', start: at, end: at + 5, text: 'Alpha' }, { entityId: 'b', start: at + 10, end: at + 14, text: 'Beta' });
  }
  return { model, mentions };
}

function layer(options: { settings?: Settings; now?: () => number; probe?: SessionProbe } = {}) {
  const surface = fakeSurface();
  const onDrawn = vi.fn();
  const onDrawnLate = vi.fn();
  const abort = new AbortController();
  const mentions = new MentionLayer({
    doc: document,
    surface: asSurface(surface),
    entities,
    settings: () => options.settings ?? DEFAULT_SETTINGS,
    now: options.now ?? (() => 0),
    signal: abort.signal,
    probe: options.probe,
    onDrawn,
    onDrawnLate,
  });
  return { mentions, surface, onDrawn, onDrawnLate, abort };
}

afterEach(() => {
  document.body.innerHTML = '';
});

describe('MentionLayer', () => {
  it('shows only the entity types switched on, and each name once when asked to', () => {
    const { mentions: all } = page(3);
    const noOrganizations = { ...DEFAULT_SETTINGS, entityTypes: { ...DEFAULT_SETTINGS.entityTypes, organization: false } };
    expect(layer({ settings: noOrganizations }).mentions.visible(all).map((m) => m.entityId)).toEqual(['a', 'a', 'a']);
    const firstOnly = { ...DEFAULT_SETTINGS, firstMentionOnly: true };
    const { mentions } = layer({ settings: firstOnly });
    expect(mentions.visible(all)).toEqual([all[0], all[1]]);
    // Names already shown are not shown again.
    expect(mentions.visible(all, [all[0]!])).toEqual([all[1]]);
  });

  it('draws the first 1500 mentions at once and keeps the rest pending', async () => {
    const { model, mentions: all } = page(1000);
    const t = layer();
    expect(await t.mentions.drawScan(model, all, () => false)).toBe(0);
    expect(t.mentions.mentions).toEqual(all.slice(0, 1500));
    expect(t.mentions.ranges.map((r) => r.toString())).toEqual(all.slice(0, 1500).map((m) => m.text));
    expect(t.surface.highlighter!.drawn.get('mention')).toHaveLength(1500);
    expect(t.mentions.pendingCount).toBe(500);
    expect(t.mentions.all()).toEqual(all);
    expect(t.onDrawn).toHaveBeenCalledTimes(1);
  });

  it('pauses for the page between slices, gives up when cancelled meanwhile, and reports each slice', async () => {
    const { model, mentions: all } = page(200);
    let clock = 0;
    const slices: Array<[number, number]> = [];
    const probe = { slice: (a: number, b: number) => void slices.push([a, b]) } as SessionProbe;
    const t = layer({ now: () => (clock += 50), probe });
    expect(await t.mentions.drawScan(model, all, () => true)).toBeNull();
    expect(slices).toHaveLength(1);
    expect(t.onDrawn).not.toHaveBeenCalled();

    const done = layer({ now: () => (clock += 50), probe });
    slices.length = 0;
    const spent = await done.mentions.drawScan(model, all, () => false);
    expect(slices.length).toBeGreaterThan(1);
    expect(spent).toBeGreaterThan(0);
    expect(done.mentions.mentions).toHaveLength(400);
  });

  it('adds mentions found later beside those drawn, leaving out any that no longer resolve', async () => {
    const { model, mentions: all } = page(2);
    const t = layer();
    await t.mentions.drawScan(model, all.slice(0, 2), () => false);
    const late = [all[2]!, { entityId: 'a', start: model.text.length + 5, end: model.text.length + 10, text: 'Alpha' }];
    const added = t.mentions.add(model, late);
    expect(added.map((d) => d.mention)).toEqual([all[2]]);
    expect(added[0]!.range.toString()).toBe('Alpha');
    expect(t.mentions.mentions).toEqual(all.slice(0, 3));
    expect(t.mentions.ranges).toHaveLength(3);
  });

  it('clear() forgets what is drawn and pending; reset() the mentions too', async () => {
    const { model, mentions: all } = page(1000);
    const t = layer();
    await t.mentions.drawScan(model, all, () => false);
    t.mentions.clear();
    expect(t.mentions.ranges).toEqual([]);
    expect(t.mentions.pendingCount).toBe(0);
    expect(t.mentions.mentions).toHaveLength(1500);
    t.mentions.reset();
    expect(t.mentions.all()).toEqual([]);
  });
});

