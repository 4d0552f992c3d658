import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createHandlers, webUrl } from '../../../src/background/handlers';
import type { Caller } from '../../../src/messages/handler';
import { createNote, type Note } from '../../../src/notes/model';
import { openNoteStore } from '../../../src/notes/store';
import { exportJsonLd } from '../../../src/notes/transfer';
import { zeroTolerancePack } from '../../../src/pack/packs/zero-tolerance';

let databases = 0;

async function setUp() {
  // Changes are broadcast to tabs; there are none here.
  vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockRejectedValue(new Error('no tab'));
  vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockRejectedValue(new Error('no page'));
  const store = await openNoteStore(`handlers-test-${++databases}`);
  const handlers = createHandlers({ store: async () => store, pack: zeroTolerancePack });
  return { store, handlers };
}

const HERE = 'https://news.example/2018/06/story.html';
const ELSEWHERE = 'https://other.example/private-page';
const page: Caller = { kind: 'page', url: `${HERE}#comments` };
const extension: Caller = { kind: 'extension' };

function note(url: string, text: string, modified = '2018-06-20T12:00:00.000Z'): Note {
  const made = createNote({ pageUrl: url, pageTitle: 'A story', text }, new Date(modified));
  if (!made.ok) throw new Error(made.error);
  return made.note;
}

describe('page-bound requests', () => {
  it('read a content script’s own page’s notes, whatever URL the message names', async () => {
    const { store, handlers } = await setUp();
    await store.add(note(HERE, 'mine'));
    await store.add(note(ELSEWHERE, 'not for this page'));
    const listed = await handlers['notes:list-page']({ url: ELSEWHERE }, page);
    expect(listed.map((n) => n.body.text)).toEqual(['mine']);
    const boot = await handlers['page:boot']({ url: ELSEWHERE }, page);
    expect(boot.notes.map((n) => n.body.text)).toEqual(['mine']);
    expect(await handlers['notes:page-has-notes']({}, page)).toBe(true);
    expect(await handlers['notes:page-has-notes']({}, { kind: 'page', url: 'https://news.example/another' })).toBe(false);
    // An extension page names the page it asks about (the popup's "This page").
    expect((await handlers['notes:list-page']({ url: ELSEWHERE }, extension)).map((n) => n.body.text)).toEqual(['not for this page']);
  });

  it('save a content script’s note under its own page, never the URL its draft names', async () => {
    const { store, handlers } = await setUp();
    const saved = await handlers['notes:save']({ draft: { pageUrl: ELSEWHERE, pageTitle: 'Forged', text: 'planted' } }, page);
    expect(saved.target.source).toBe(HERE);
    expect(await store.listForPage(ELSEWHERE)).toEqual([]);
    const fromExtension = await handlers['notes:save']({ draft: { pageUrl: ELSEWHERE, pageTitle: 'Other', text: 'typed in the notes page' } }, extension);
    expect(fromExtension.target.source).toBe(ELSEWHERE);
  });
});

describe('the note frame', () => {
  const frame: Caller = { kind: 'frame', url: HERE };

  it('edits, deletes and restores its own page’s notes, and no other page’s', async () => {
    const { store, handlers } = await setUp();
    const mine = note(HERE, 'mine');
    const theirs = note(ELSEWHERE, 'not for this page');
    await store.add(mine);
    await store.add(theirs);
    expect((await handlers['notes:update']({ id: mine.id, text: 'mine, edited' }, frame)).body.text).toBe('mine, edited');
    await expect(handlers['notes:update']({ id: theirs.id, text: 'overwritten' }, frame)).rejects.toMatchObject({ code: 'not-allowed' });
    await expect(handlers['notes:update']({ id: 'urn:uuid:none', text: 'x' }, frame)).rejects.toMatchObject({ code: 'not-allowed' });
    await expect(handlers['notes:delete']({ ids: [mine.id, theirs.id] }, frame)).rejects.toMatchObject({ code: 'not-allowed' });
    expect(await store.count()).toBe(2);
    const removed = await handlers['notes:delete']({ ids: [mine.id] }, frame);
    expect(removed.map((n) => n.id)).toEqual([mine.id]);
    await expect(handlers['notes:restore']({ notes: [theirs] }, frame)).rejects.toMatchObject({ code: 'not-allowed' });
    expect(await handlers['notes:restore']({ notes: removed }, frame)).toBe(1);
    expect((await store.get(theirs.id))?.body.text).toBe('not for this page');
  });

  it('saves under the tab’s page, whatever URL its draft names', async () => {
    const { handlers } = await setUp();
    const saved = await handlers['notes:save']({ draft: { pageUrl: ELSEWHERE, pageTitle: 'Forged', text: 'typed in the frame' } }, frame);
    expect(saved.target.source).toBe(HERE);
  });
});

describe('page:open-note', () => {
  it('opens http(s) pages only', async () => {
    const { handlers } = await setUp();
    const create = vi.spyOn(fakeBrowser.tabs, 'create');
    const hostile = [
      'data:text/html,<script>alert(1)</script>',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'chrome://settings',
      'about:blank',
      'moz-extension://abc/notes.html',
      'chrome-extension://abc/notes.html',
      'view-source:https://news.example/',
      'not a url',
    ];
    for (const url of hostile) {
      await expect(handlers['page:open-note']({ url, noteId: 'n' }, extension), url).rejects.toThrow('Backstory opens only web pages (http or https)');
    }
    expect(create).not.toHaveBeenCalled();
    create.mockResolvedValue({} as never);
    await handlers['page:open-note']({ url: HERE, noteId: 'n' }, extension);
    expect(create).toHaveBeenCalledWith({ url: HERE });
  });

  it('gives the parsed URL, so what is opened is what was checked', () => {
    expect(webUrl('HTTPS://News.Example/a b')).toBe('https://news.example/a%20b');
    expect(() => webUrl(42)).toThrow(/only web pages/);
  });
});

describe('notes:import', () => {
  it('says what a file would replace before it does, and gives back the versions it replaced', async () => {
    const { store, handlers } = await setUp();
    const mine = note(HERE, 'my words');
    await store.add(mine);
    const theirs = { ...mine, body: { ...mine.body, text: 'their words' }, modified: '2030-01-01T00:00:00.000Z' };
    const file = exportJsonLd([theirs, note(ELSEWHERE, 'new one')]);
    expect(await handlers['notes:import']({ text: file }, extension)).toEqual({ written: false, added: 1, replaced: 1, skipped: 0, previous: [] });
    expect((await store.get(mine.id))?.body.text).toBe('my words');
    expect(await store.count()).toBe(1);
    const result = await handlers['notes:import']({ text: file, replace: true }, extension);
    expect(result).toMatchObject({ written: true, added: 1, replaced: 1, skipped: 0 });
    expect((await store.get(mine.id))?.body.text).toBe('their words');
    await handlers['notes:restore']({ notes: result.previous }, extension);
    expect(await store.get(mine.id)).toEqual(mine);
  });

  it('imports a file that replaces nothing at once', async () => {
    const { store, handlers } = await setUp();
    expect(await handlers['notes:import']({ text: exportJsonLd([note(HERE, 'one')]) }, extension)).toMatchObject({ written: true, added: 1 });
    expect(await store.count()).toBe(1);
  });
});

describe('pack:about', () => {
  it('tells the active pack’s own title and description, and how much it holds', async () => {
    const { handlers } = await setUp();
    expect(await handlers['pack:about']({}, extension)).toEqual({
      title: zeroTolerancePack.title,
      description: zeroTolerancePack.description,
      entities: zeroTolerancePack.entities.length,
      sources: zeroTolerancePack.sources.length,
    });
  });
});
