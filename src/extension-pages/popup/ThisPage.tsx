/** The popup's "This page": coverage verdict and score, names found, and the notes saved here. */
import { useEffect, useState } from 'preact/hooks';
import { askBackground, askTab } from '../../messages/client';
import type { PageSummary } from '../../messages/protocol';
import { summarizeNote, type NoteSummary } from '../../notes/search';
import type { Settings } from '../../settings/settings';
import { TYPE_LABELS } from '../../components/card/Card';
import { formatIsoDate, hostOf } from '../../components/format';
import { NoteItem } from '../notes/NoteItem';
import { useNotesChanged } from '../notes/useNotes';

export interface ThisPageProps {
  tabId: number | null;
}

type Load = { state: 'loading' } | { state: 'none' } | { state: 'ready'; summary: PageSummary; notes: NoteSummary[] };

export function ThisPage({ tabId }: ThisPageProps) {
  const [load, setLoad] = useState<Load>({ state: 'loading' });
  const [settings, setSettings] = useState<Settings | null>(null);
  const [editing, setEditing] = useState<string | null>(null);
  // Bumped when notes change anywhere: re-read this page's notes and which of them are orphans.
  const [notesVersion, setNotesVersion] = useState(0);
  useNotesChanged(() => setNotesVersion((v) => v + 1));

  useEffect(() => {
    let cancelled = false;
    const read = async () => {
      const summary = tabId === null ? undefined : await askTab(tabId, 'backstory:page-summary', {});
      const notes = summary ? await askBackground('notes:list-page', { url: summary.url }) : undefined;
      if (cancelled) return;
      // A failed read shows no notes here; the All notes tab reports the error.
      setLoad(summary ? { state: 'ready', summary, notes: notes?.ok ? notes.value.map(summarizeNote) : [] } : { state: 'none' });
    };
    void read();
    void askBackground('settings:get', {}).then((r) => r.ok && !cancelled && setSettings(r.value));
    return () => {
      cancelled = true;
    };
  }, [tabId, notesVersion]);

  if (load.state === 'loading') return <p class="empty">Reading this page…</p>;
  if (load.state === 'none') {
    return (
      <p class="empty">
        Backstory doesn’t run on this kind of page. Open a news article on an http(s) site, or reload a tab that was open
        before Backstory was installed.
      </p>
    );
  }
  const { summary, notes: pageNotes } = load;
  const host = hostOf(summary.url);
  const orphans = new Set(summary.orphanIds);
  const updateSettings = async (patch: Partial<Settings>) => {
    const reply = await askBackground('settings:set', { patch });
    if (reply.ok) setSettings(reply.value);
  };
  const siteOff = settings?.disabledSites.includes(host.toLowerCase()) ?? false;

  return (
    <div class="this-page">
      <section class={`verdict ${summary.covered ? 'covered' : 'not-covered'}`} aria-label="Coverage">
        <p class="verdict-title">
          {summary.paused
            ? 'Backstory is off for this page.'
            : summary.covered
              ? 'This article covers the 2018 zero-tolerance policy.'
              : 'This page is not about the zero-tolerance policy.'}
        </p>
        <p class="verdict-sub">
          {summary.paused
            ? 'Turn it back on below to see highlights and cards.'
            : summary.covered
              ? 'Hover a highlighted name for its context card, or press Alt+Shift+B to move through them by keyboard.'
              : 'Backstory stays out of the way here. You can still select text and save a note.'}{' '}
          <span class="score">Coverage score {summary.score.toFixed(2)}</span>
        </p>
        {summary.covered && summary.published ? (
          <p class="verdict-sub article-date">
            Article dated {formatIsoDate(summary.published)}
            {summary.publishedConfidence === 'low' ? ' (read from its address or an undated line: may be off)' : ''}. Cards set
            apart what came later.
          </p>
        ) : null}
      </section>

      <section aria-label="Your notes on this page">
        <h2 class="section-title">Your notes on this page</h2>
        {pageNotes.length === 0 ? (
          <p class="empty small">
            No notes here yet. Hover a name and choose “Save note”, or select any passage and use “Save note to Backstory”
            from the right-click menu (Alt+Shift+N).
          </p>
        ) : (
          <div class="page-notes">
            {pageNotes.map((note) => (
              <NoteItem
                key={note.id}
                note={note}
                orphan={orphans.has(note.id)}
                editing={editing === note.id}
                onOpen={() => void askTab(tabId!, 'backstory:show-note', { noteId: note.id })}
                onEdit={(n) => setEditing(n ? n.id : null)}
                onSave={async (n, text, tags) => {
                  const r = await askBackground('notes:update', { id: n.id, text, tags });
                  if (!r.ok) return r.error;
                  setEditing(null);
                  return null;
                }}
                onDelete={(n) => void askBackground('notes:delete', { ids: [n.id] })}
              />
            ))}
          </div>
        )}
      </section>

      {summary.entities.length > 0 ? (
        <section aria-label="Names on this page">
          <h2 class="section-title">Names on this page</h2>
          <button
            type="button"
            class="timeline-open"
            onClick={() => void askBackground('timeline:open', { date: summary.published, entities: summary.entities.map((e) => e.entityId) })}
          >
            Timeline of the policy
          </button>
          <ul class="entities">
            {summary.entities.map((e) => (
              <li key={e.entityId}>
                {/* Opens that name's card on the page, with focus in it. */}
                <button type="button" class="entity-name entity-open" onClick={() => void askTab(tabId!, 'backstory:open-card', { entityId: e.entityId })}>
                  {e.name}
                </button>
                <span class="entity-type">{TYPE_LABELS[e.type] ?? e.type}</span>
                {/* aria-label on a plain span is ignored by screen readers: say "mentions" in hidden text. */}
                <span class="entity-count">
                  {e.count}
                  <span class="sr-only">{e.count === 1 ? ' mention' : ' mentions'}</span>
                </span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {settings ? (
        <section class="switches" aria-label="Backstory on this site">
          <label>
            <input
              type="checkbox"
              checked={!siteOff}
              onChange={(e) => {
                const on = (e.currentTarget as HTMLInputElement).checked;
                const sites = settings.disabledSites.filter((s) => s !== host.toLowerCase());
                void updateSettings({ disabledSites: on ? sites : [...sites, host.toLowerCase()] });
              }}
            />
            On for {host}
          </label>
          <label>
            <input
              type="checkbox"
              checked={settings.paused}
              onChange={(e) => void updateSettings({ paused: (e.currentTarget as HTMLInputElement).checked })}
            />
            Pause everywhere
          </label>
        </section>
      ) : null}
    </div>
  );
}
