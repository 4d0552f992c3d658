/**
 * The first-run page: what Backstory does, what the installed pack covers (read from the pack, via
 * the background), that it works offline, the shortcuts as the browser has them, and the sample.
 */
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { askBackground } from '../../messages/client';
import type { PackAbout } from '../../messages/protocol';
import { shortcutSettingsHint, shortcutsOf, type Shortcut } from './shortcuts';

/** One page of static sections filled from the pack and the browser; long for its markup, not its logic. */
export function Welcome() {
  const [about, setAbout] = useState<PackAbout | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [shortcuts, setShortcuts] = useState<Shortcut[] | null>(null);

  useEffect(() => {
    void askBackground('pack:about', {}).then((r) => (r.ok ? setAbout(r.value) : setError(r.error)));
    // Firefox for Android has no commands API: the section then says there are none.
    void (browser.commands?.getAll() ?? Promise.resolve([])).then((all) => setShortcuts(shortcutsOf(all)), () => setShortcuts([]));
  }, []);

  return (
    <main class="welcome">
      <h1>Welcome to Backstory</h1>
      <p class="lede">
        Backstory gives context to the news you read, where you read it. On an article about the topic it covers, it highlights
        the people, offices, documents, court cases and key terms. Hover or focus a name to open its card: who this is, their
        part in the story, dated facts with their sources, and quotes with who said them.
      </p>

      <section aria-labelledby="welcome-covers">
        <h2 id="welcome-covers">What it covers</h2>
        {error ? (
          <p class="error" role="alert">
            {error}
          </p>
        ) : about ? (
          <>
            <p class="pack-title">{about.title}</p>
            <p>{about.description}</p>
            <p class="muted">
              {about.entities} names and {about.sources} cited sources. On pages about other things, Backstory shows nothing.
            </p>
          </>
        ) : (
          <p class="muted">Reading the topic…</p>
        )}
      </section>

      <section aria-labelledby="welcome-try">
        <h2 id="welcome-try">Try it</h2>
        <p>
          The sample article is made of passages quoted from the reporting this topic’s dataset starts from. Backstory reads it
          as it would a news page: hover a highlighted name to see its card.
        </p>
        <p>
          <a class="button-like primary" href="/sample.html">
            Open the sample article
          </a>
        </p>
        <p class="muted">
          On a news page that Backstory covers, the toolbar button shows how many names it found there. Click it for what it
          found, your notes, and the switch to turn it off for a site.
        </p>
      </section>

      <section aria-labelledby="welcome-private">
        <h2 id="welcome-private">Offline, and nothing sent</h2>
        <ul>
          <li>Everything runs from data that comes with the extension. Backstory makes no network requests.</li>
          <li>It sends nothing anywhere: not the pages you read, not your notes.</li>
          <li>Your notes stay in this browser, until you export them yourself.</li>
        </ul>
      </section>

      <section aria-labelledby="welcome-keys">
        <h2 id="welcome-keys">Keyboard shortcuts</h2>
        {shortcuts === null ? null : shortcuts.length === 0 ? (
          <p class="muted">This browser offers no keyboard shortcuts for extensions.</p>
        ) : (
          <>
            <dl class="shortcuts">
              {shortcuts.map((s) => (
                <div key={s.description}>
                  <dt>{s.keys ? <kbd>{s.keys}</kbd> : <span class="muted">No shortcut set</span>}</dt>
                  <dd>{s.description}</dd>
                </div>
              ))}
            </dl>
            <p class="muted">{shortcutSettingsHint(navigator.userAgent)}</p>
          </>
        )}
      </section>

      <footer class="welcome-footer">
        <a class="link" href="/options.html">
          Settings
        </a>
        <a class="link" href="/notes.html">
          Your notes
        </a>
      </footer>
    </main>
  );
}
