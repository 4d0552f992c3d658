/** Settings: pause, sites where Backstory stays off, which names to highlight, and how. */
import { useEffect, useState } from 'preact/hooks';
import { askBackground } from '../../messages/client';
import { EntityTypes } from '../../pack/schema';
import type { Settings } from '../../settings/settings';
import { watchSettings } from '../../settings/store';
import { TYPE_LABELS } from '../../components/card/Card';

/** The settings form. One component, mostly markup: each fieldset is a few lines of JSX reading the same `settings` and `update`. */
export function Options() {
  const [settings, setSettings] = useState<Settings | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);

  useEffect(() => {
    void askBackground('settings:get', {}).then((r) => (r.ok ? setSettings(r.value) : setError(r.error)));
    // Changes made elsewhere (the popup's per-site switch, a synced browser) show here at once.
    return watchSettings(setSettings);
  }, []);

  const update = async (patch: Partial<Settings>) => {
    const reply = await askBackground('settings:set', { patch });
    if (reply.ok) {
      setSettings(reply.value);
      setSaved(true);
      setError(null);
    } else setError(reply.error);
  };

  if (!settings) return <main class="options">{error ? <p class="error">{error}</p> : <p>Loading settings…</p>}</main>;

  return (
    <main class="options">
      <h1>Backstory settings</h1>
      <p class="muted">Changes apply to open tabs at once, and follow you to other browsers where you are signed in.</p>
      <p>
        <a class="link" href="/welcome.html" target="_blank">
          Welcome page and sample article
        </a>
      </p>
      <fieldset>
        <legend>Everywhere</legend>
        <label>
          <input type="checkbox" checked={settings.paused} onChange={(e) => void update({ paused: (e.currentTarget as HTMLInputElement).checked })} />
          Pause Backstory on every site
        </label>
      </fieldset>
      <fieldset>
        <legend>Highlight these kinds of names</legend>
        {EntityTypes.map((type) => (
          <label key={type}>
            <input
              type="checkbox"
              checked={settings.entityTypes[type]}
              onChange={(e) =>
                void update({ entityTypes: { ...settings.entityTypes, [type]: (e.currentTarget as HTMLInputElement).checked } })
              }
            />
            {TYPE_LABELS[type]}
          </label>
        ))}
      </fieldset>
      <fieldset>
        <legend>How much to highlight</legend>
        <label>
          <input type="radio" name="mentions" checked={!settings.firstMentionOnly} onChange={() => void update({ firstMentionOnly: false })} />
          Every mention
        </label>
        <label>
          <input type="radio" name="mentions" checked={settings.firstMentionOnly} onChange={() => void update({ firstMentionOnly: true })} />
          Only the first mention of each name
        </label>
      </fieldset>
      <fieldset>
        <legend>Highlight style</legend>
        <label>
          <input type="radio" name="style" checked={settings.highlightStyle === 'underline'} onChange={() => void update({ highlightStyle: 'underline' })} />
          Dotted underline
        </label>
        <label>
          <input type="radio" name="style" checked={settings.highlightStyle === 'background'} onChange={() => void update({ highlightStyle: 'background' })} />
          Soft background
        </label>
      </fieldset>
      <fieldset>
        <legend>Sites where Backstory is off</legend>
        {settings.disabledSites.length === 0 ? (
          <p class="muted">None. Turn Backstory off for a site from the popup on that site.</p>
        ) : (
          <ul class="sites">
            {settings.disabledSites.map((site) => (
              <li key={site}>
                <span>{site}</span>
                <button type="button" onClick={() => void update({ disabledSites: settings.disabledSites.filter((s) => s !== site) })}>
                  Turn back on
                </button>
              </li>
            ))}
          </ul>
        )}
      </fieldset>
      <p role="status" class="muted">{saved ? 'Saved.' : ''}</p>
      {error ? <p class="error" role="alert">{error}</p> : null}
    </main>
  );
}
