/**
 * "Scan this page anyway" in the page session (jsdom, real fixtures and the real pack): an uncovered
 * page's names are drawn and made hoverable on the reader's asking, while the verdict stays
 * uncovered and says it was forced; a covered page is left as it is; a route change forgets it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { compilePackIndex } from '../../../../src/detect/pack-index';
import { entityCards } from '../../../../src/background/cards';
import { entityMetaOf } from '../../../../src/pack/entity-meta';
import { zeroTolerancePack as pack } from '../../../../src/pack/packs/zero-tolerance';
import { PageSession } from '../../../../src/content/session/session';
import { PageUi } from '../../../../src/content/ui/page-ui';
import { handOver } from '../../../../src/content/boot/contract';
import { DEFAULT_SETTINGS } from '../../../../src/settings/settings';
import { fakeBackground, layOutRangesOnOneLine } from './fakes';
import { installHighlightApi } from '../../highlight-api';

const index = compilePackIndex(pack);
const entities = entityMetaOf(pack);

let background: ReturnType<typeof fakeBackground>;
let session: PageSession | null = null;

beforeAll(() => {
  handOver('pageUi', { PageUi });
  installHighlightApi();
  layOutRangesOnOneLine();
});

beforeEach(() => {
  background = fakeBackground((type, m) => {
    if (type === 'page:boot') return { ok: true, value: { settings: DEFAULT_SETTINGS, notes: [] } };
    if (type === 'card:get-many') return { ok: true, value: entityCards(pack, m.entityIds as string[]) };
    return { ok: true, value: [] };
  });
});

afterEach(() => {
  session?.stop();
  session = null;
  document.documentElement.innerHTML = '<head></head><body></body>';
});

async function open(html: string): Promise<PageSession> {
  document.documentElement.innerHTML = html.replace(/^[\s\S]*?<html[^>]*>/i, '').replace(/<\/html>[\s\S]*$/i, '');
  session = new PageSession({ index, entities, doc: document });
  await session.start();
  return session;
}

const fixture = (name: string) => readFileSync(join(process.cwd(), 'tests/fixtures/e2e', name), 'utf8');

describe('PageSession.scanAnyway', () => {
  it('draws an uncovered page’s names on asking, keeps it uncovered, and says it was forced', async () => {
    const s = await open(fixture('doj-unrelated.html'));
    const before = await s.pageState();
    expect(before).toMatchObject({ covered: false, mentions: [] });
    expect(before).not.toHaveProperty('forced');
    expect(s.readings().mentions).toBe(0);

    const summary = await s.scanAnyway();
    expect(summary).toMatchObject({ covered: false, score: before.score, forced: true });
    expect(summary.entities.map((e) => e.entityId).sort()).toEqual(['doj', 'jeff-sessions', 'rod-rosenstein']);
    const after = await s.pageState();
    expect(after).toMatchObject({ covered: false, score: before.score, forced: true });
    expect(new Set(after.mentions.map((m) => m.entityId))).toEqual(new Set(['doj', 'jeff-sessions', 'rod-rosenstein']));
    expect(s.readings().mentions).toBe(after.mentions.length);
    expect(s.readings().highlightMode).not.toBeNull();
    // The names are made hoverable: their cards are fetched ahead, as on a covered page.
    await vi.waitFor(() => expect(background.types()).toContain('card:get-many'), { timeout: 10_000, interval: 50 });
  });

  it('on a page without any of the pack’s names, is forced and finds none', async () => {
    const s = await open('<html><body><article><h1>Rain</h1><p>Rain will fall all week, forecasters said.</p></article></body></html>');
    expect(await s.scanAnyway()).toMatchObject({ covered: false, entities: [], forced: true });
    expect(await s.pageState()).toMatchObject({ covered: false, mentions: [], forced: true });
  });

  it('leaves a covered page as it was: nothing forced, the same names', async () => {
    const s = await open(fixture('covered-article.html'));
    const before = await s.pageState();
    expect(before.covered).toBe(true);
    expect((await s.scanAnyway()).forced).toBe(false);
    expect(await s.pageState()).toEqual(before);
  });

  it('forgets the asking on a route change: the new page gets its own verdict', async () => {
    const s = await open(fixture('doj-unrelated.html'));
    await s.scanAnyway();
    history.pushState(null, '', '/another-route');
    await s.restart();
    const state = await s.pageState();
    expect(state).toMatchObject({ covered: false, mentions: [] });
    expect(state).not.toHaveProperty('forced');
    expect(s.readings().mentions).toBe(0);
  });
});
