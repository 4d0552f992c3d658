import { describe, expect, it, vi } from 'vitest';
import { matchPatternsFor, matchPatternsForAll, NOTED_PAGE_SCRIPT_ID, notedPagesRegistration } from '../../../src/background/noted-pages';

describe('matchPatternsFor', () => {
  it('names the page’s origin only: no path, no query, no port', () => {
    expect(matchPatternsFor('https://News.Example.com:8443/2018/06/story.html?id=7')).toEqual(['https://news.example.com/*']);
    expect(matchPatternsFor('http://127.0.0.1:4000/')).toEqual(['http://127.0.0.1/*']);
    expect(matchPatternsFor('http://[::1]:8080/private/path')).toEqual(['http://[::1]/*']);
  });

  it('gives nothing for URLs no content script can run on', () => {
    expect(matchPatternsFor('file:///home/me/a.html')).toEqual([]);
    expect(matchPatternsFor('chrome-extension://abc/popup.html')).toEqual([]);
    expect(matchPatternsFor('not a url')).toEqual([]);
  });

  it('collects each origin once, sorted', () => {
    expect(matchPatternsForAll(['https://a.example/x?b=1', 'https://a.example/y', 'http://b.example/'])).toEqual([
      'http://b.example/*',
      'https://a.example/*',
    ]);
  });
});

function fakeScripting() {
  const registered = new Map<string, { id: string; matches?: string[]; js?: string[] }>();
  const api = {
    registerContentScripts: vi.fn(async (scripts: Array<{ id: string; matches?: string[]; js?: string[] }>) => {
      for (const s of scripts) {
        if (registered.has(s.id)) throw new Error(`Duplicate script ID '${s.id}'`);
        registered.set(s.id, s);
      }
    }),
    updateContentScripts: vi.fn(async (scripts: Array<{ id: string; matches?: string[] }>) => {
      for (const s of scripts) registered.set(s.id, { ...registered.get(s.id)!, ...s });
    }),
    unregisterContentScripts: vi.fn(async ({ ids }: { ids: string[] }) => ids.forEach((id) => registered.delete(id))),
    getRegisteredContentScripts: vi.fn(async ({ ids }: { ids: string[] }) => ids.flatMap((id) => (registered.has(id) ? [registered.get(id)!] : []))),
  };
  return { api, registered };
}

describe('notedPagesRegistration', () => {
  it('registers, updates and unregisters the noted-page script as the notes change', async () => {
    const { api, registered } = fakeScripting();
    let urls = ['https://a.example/story'];
    const sync = notedPagesRegistration({ pageUrls: async () => urls, scripting: api as never });
    await sync();
    expect(registered.get(NOTED_PAGE_SCRIPT_ID)).toMatchObject({ matches: ['https://a.example/*'], js: ['noted-page.js'] });

    urls = ['https://a.example/story', 'https://b.example/other'];
    await sync();
    expect(registered.get(NOTED_PAGE_SCRIPT_ID)!.matches).toEqual(['https://a.example/*', 'https://b.example/*']);
    expect(api.updateContentScripts).toHaveBeenCalledTimes(1);

    // Nothing changed, or another page of a site already registered: no call to the browser.
    await sync();
    urls = [...urls, 'https://a.example/second-story?id=2'];
    await sync();
    expect(api.updateContentScripts).toHaveBeenCalledTimes(1);

    urls = [];
    await sync();
    expect(registered.has(NOTED_PAGE_SCRIPT_ID)).toBe(false);
  });

  it('keeps no page’s path or query in what it registers, and drops a site with its last note', async () => {
    const { api, registered } = fakeScripting();
    let urls = ['https://a.example/private/diary?entry=42', 'https://b.example/story'];
    const sync = notedPagesRegistration({ pageUrls: async () => urls, scripting: api as never });
    await sync();
    const everything = JSON.stringify([...registered.values()]);
    expect(everything).not.toContain('private');
    expect(everything).not.toContain('entry');
    urls = ['https://b.example/story'];
    await sync();
    expect(JSON.stringify([...registered.values()])).not.toContain('a.example');
  });

  it('folds calls made during a sync into one more run, which sees the latest notes', async () => {
    const { api, registered } = fakeScripting();
    let urls = ['https://a.example/1'];
    const pageUrls = vi.fn(async () => urls);
    const sync = notedPagesRegistration({ pageUrls, scripting: api as never });
    const first = sync();
    urls = ['https://b.example/2'];
    void sync();
    void sync();
    await first;
    expect(pageUrls).toHaveBeenCalledTimes(2);
    expect(registered.get(NOTED_PAGE_SCRIPT_ID)!.matches).toEqual(['https://b.example/*']);
  });

  it('keeps going after the browser refuses an update, and tries again next time', async () => {
    const { api, registered } = fakeScripting();
    api.registerContentScripts.mockRejectedValueOnce(new Error('Invalid match pattern'));
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const sync = notedPagesRegistration({ pageUrls: async () => ['https://a.example/x'], scripting: api as never });
    await sync();
    expect(registered.size).toBe(0);
    expect(warn).toHaveBeenCalled();
    await sync();
    expect(registered.size).toBe(1);
    warn.mockRestore();
  });
});
