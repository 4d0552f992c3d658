import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { answerTabMessage, createBackgroundListener, onBroadcast, type BackgroundHandlers } from '../../../src/messages/handler';

const ownId = () => fakeBrowser.runtime.id;

function handlers(): BackgroundHandlers {
  const fail = async () => {
    throw new Error('not in this test');
  };
  return new Proxy({} as BackgroundHandlers, {
    get: (_t, key) =>
      key === 'settings:get'
        ? async () => ({ paused: true })
        : key === 'notes:list-all'
          ? async () => {
              throw Object.assign(new Error('The notes database is closed.'), { code: 'closed' });
            }
          : fail,
    has: () => true,
  });
}

describe('background message listener', () => {
  it('answers its own extension with a typed reply', async () => {
    const listen = createBackgroundListener(handlers());
    const reply = await listen({ type: 'settings:get' }, { id: ownId() });
    expect(reply).toEqual({ ok: true, value: { paused: true } });
  });

  it('turns thrown errors into readable error replies with their code', async () => {
    const listen = createBackgroundListener(handlers());
    const reply = await listen({ type: 'notes:list-all' }, { id: ownId() });
    expect(reply).toEqual({ ok: false, error: 'The notes database is closed.', code: 'closed' });
  });

  it('refuses messages from other extensions and malformed messages', () => {
    const listen = createBackgroundListener(handlers());
    expect(listen({ type: 'settings:get' }, { id: 'some-other-extension' })).toBeUndefined();
    expect(listen('settings:get', { id: ownId() })).toBeUndefined();
    expect(listen({ type: 42 }, { id: ownId() })).toBeUndefined();
  });
});

describe('tab message answers', () => {
  // Strangers are turned away before this, by the loader's listener (tests/unit/content/boot/loader.test.ts).
  it('answers page-state in its raw shape and nothing it has no handler for', async () => {
    const state = { covered: true, score: 3, mentions: [], scanMs: 1 };
    const handlers = { 'backstory:page-state': () => state };
    expect(await answerTabMessage(handlers, { type: 'backstory:page-state' })).toEqual(state);
    expect(answerTabMessage(handlers, { type: 'backstory:unknown' })).toBeUndefined();
    expect(answerTabMessage(handlers, 'backstory:page-state')).toBeUndefined();
  });
});

describe('extension-page broadcast listener', () => {
  it('hears only its own type from Backstory itself, until unlistened', async () => {
    const heard = vi.fn();
    const stop = onBroadcast('backstory:notes-changed', heard);
    await fakeBrowser.runtime.onMessage.trigger({ type: 'backstory:notes-changed', url: 'https://a.example/' }, { id: ownId() });
    await fakeBrowser.runtime.onMessage.trigger({ type: 'backstory:settings-changed', settings: {} }, { id: ownId() });
    await fakeBrowser.runtime.onMessage.trigger({ type: 'backstory:notes-changed' }, { id: 'another-extension' });
    expect(heard.mock.calls).toEqual([[{ type: 'backstory:notes-changed', url: 'https://a.example/' }]]);
    stop();
    await fakeBrowser.runtime.onMessage.trigger({ type: 'backstory:notes-changed' }, { id: ownId() });
    expect(heard).toHaveBeenCalledTimes(1);
  });
});
