/**
 * The session's card preparation on a real fixture page (jsdom): on a covered page, once idle,
 * the card UI is readied and the cards of the names on the page are fetched in one message;
 * an uncovered page gets neither; stop() leaves nothing behind.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { compilePackIndex } from '../../../../src/detect/pack-index';
import { entityCard, entityCards } from '../../../../src/background/cards';
import { entityMetaOf } from '../../../../src/pack/entity-meta';
import { zeroTolerancePack as pack } from '../../../../src/pack/packs/zero-tolerance';
import { PageSession } from '../../../../src/content/session/session';
import { PageUi } from '../../../../src/content/ui/page-ui';
import { handOver } from '../../../../src/content/boot/contract';
import { HOST_TAG } from '../../../../src/content/ui/shadow-host';
import { DEFAULT_SETTINGS } from '../../../../src/settings/settings';
import { installHighlightApi } from '../../highlight-api';
import { layOutRangesOnOneLine } from './fakes';

const index = compilePackIndex(pack);
const entities = entityMetaOf(pack);

function fixture(name: string): string {
  return readFileSync(join(process.cwd(), 'tests/fixtures/e2e', name), 'utf8');
}

/** Every request the session sent, by type. */
let sent: Array<{ type: string; [key: string]: unknown }> = [];

beforeAll(() => {
  // Highlights are drawn through the CSS Custom Highlight API, as in every supported browser.
  installHighlightApi();
  // The card UI script, as if page-ui.js had loaded (the loader finds it and imports nothing).
  handOver('pageUi', { PageUi });
  layOutRangesOnOneLine();
});

beforeEach(() => {
  sent = [];
  fakeBrowser.runtime.onMessage.addListener((message: unknown) => {
    const m = message as { type: string; entityId?: string; entityIds?: string[] };
    sent.push(m);
    switch (m.type) {
      case 'page:boot':
        return Promise.resolve({ ok: true, value: { settings: DEFAULT_SETTINGS, notes: [] } });
      case 'card:get':
        return Promise.resolve({ ok: true, value: entityCard(pack, m.entityId!) });
      case 'card:get-many':
        return Promise.resolve({ ok: true, value: entityCards(pack, m.entityIds!) });
      default:
        return Promise.resolve({ ok: true, value: [] });
    }
  });
});

let session: PageSession | null = null;

afterEach(() => {
  session?.stop();
  session = null;
  document.documentElement.innerHTML = '<head></head><body></body>';
});

async function open(name: string): Promise<PageSession> {
  const html = fixture(name);
  document.documentElement.innerHTML = html.replace(/^[\s\S]*?<html[^>]*>/i, '').replace(/<\/html>[\s\S]*$/i, '');
  session = new PageSession({ index, entities, doc: document });
  await session.start();
  return session;
}

/** Past the idle callbacks (jsdom has no requestIdleCallback: the session falls back to a timer). */
const idle = () => new Promise((r) => setTimeout(r, 700));
/** Until the idle-time work has happened: waits for it rather than for a fixed time, which a busy machine can outlast. */
const idleWorkDone = (done: () => boolean) => vi.waitFor(() => expect(done()).toBe(true), { timeout: 10_000, interval: 50 });

const types = () => sent.map((m) => m.type);

describe('PageSession: cards ready before the first hover', () => {
  it('on a covered page, readies the UI and fetches the names’ cards in one message', async () => {
    const s = await open('covered-article.html');
    const state = await s.pageState();
    expect(state.covered).toBe(true);
    await idleWorkDone(() => types().includes('card:get-many') && document.querySelector(HOST_TAG) !== null);
    await idle();
    expect(types().filter((t) => t.startsWith('card:'))).toEqual(['card:get-many']);
    const asked = sent.find((m) => m.type === 'card:get-many')!.entityIds as string[];
    const onPage = [...new Set(state.mentions.map((m) => m.entityId))];
    expect(asked).toEqual(onPage.slice(0, asked.length));
    expect(asked.length).toBe(Math.min(onPage.length, 12));
    // One host, and nothing shown or left over in it.
    expect(document.querySelectorAll(HOST_TAG)).toHaveLength(1);
    const root = s.readings().shadowRoot!;
    expect(root.querySelectorAll('.layer')).toHaveLength(1);
    expect(root.querySelector('.layer')!.childElementCount).toBe(0);
  });

  it('leaves an uncovered page alone: no host, no card asked for', async () => {
    const s = await open('doj-unrelated.html');
    expect((await s.pageState()).covered).toBe(false);
    await idle();
    expect(types().filter((t) => t.startsWith('card:'))).toEqual([]);
    expect(document.querySelector(HOST_TAG)).toBeNull();
  });

  it('stop() removes the readied UI', async () => {
    await open('covered-article.html');
    await idleWorkDone(() => document.querySelector(HOST_TAG) !== null);
    session!.stop();
    expect(document.querySelector(HOST_TAG)).toBeNull();
  });

  it('stopped before the page was idle, readies nothing afterwards', async () => {
    await open('covered-article.html');
    session!.stop();
    await idle();
    expect(document.querySelector(HOST_TAG)).toBeNull();
    expect(types().filter((t) => t.startsWith('card:'))).toEqual([]);
  });
});
