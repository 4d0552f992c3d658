/**
 * The popup's "This page": whether Backstory covers the page (and why, on request), the names
 * found, the notes saved here, and the switches; paused and site-off pages say so, with one switch
 * to undo. An unrelated page says what Backstory covers and where to see it work.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { askBackground, askTab } from '../../messages/client';
import type { PackAbout, PageSummary } from '../../messages/protocol';
import { siteOf, type Settings } from '../../settings/settings';
import { TYPE_LABELS } from '../../components/card/Card';
import { formatIsoDate } from '../../components/format';
import { NoteItem } from '../notes/NoteItem';
import { openSampleArticle } from '../welcome/open';
import type { ThisPageData } from './useThisPage';
import { reasonsOf, verdictOf, type Verdict } from './verdict';
import { ForcedVerdict, ScanAnyway } from './ScanAnyway';

export interface ThisPageProps extends ThisPageData {
  tabId: number | null;
}

/** The page's verdict, switches, names and notes in one tab: each state (paused, off, unrelated, asked) is a branch of its markup. */
export function ThisPage({ tabId, load, settings, about, updateSettings, reread }: ThisPageProps) {
  const [editing, setEditing] = useState<string | null>(null);
  const root = useRef<HTMLDivElement>(null);
  // A switch is replaced by its undo (and back) once it acts: focus follows, rather than falling to the page.
  const switched = useRef(false);
  const toggle = (patch: Partial<Settings>) => {
    switched.current = true;
    void updateSettings(patch);
  };
  useEffect(() => {
    if (!switched.current) return;
    const next = root.current?.querySelector<HTMLElement>('.undo-switch button, .switches input');
    if (next && document.activeElement !== next && !root.current?.contains(document.activeElement)) {
      next.focus();
      switched.current = false;
    }
  });

  if (load.state === 'loading' || (load.state === 'ready' && !settings)) return <p class="empty">Reading this page…</p>;
  if (load.state === 'none') {
    return (
      <>
        <p class="empty">
          Backstory doesn’t run on this kind of page. Open a news article on an http(s) site, or reload a tab that was open
          before Backstory was installed.
        </p>
        <WhatItCovers about={about} />
      </>
    );
  }
  const { summary, notes: pageNotes } = load;
  const host = siteOf(summary.url);
  const verdict = verdictOf(summary, settings!, host);
  const active = verdict.kind === 'covered' || verdict.kind === 'not-covered';
  const orphans = new Set(summary.orphanIds);
  const sites = settings!.disabledSites.filter((s) => s !== host.toLowerCase());

  return (
    <div class="this-page" ref={root}>
      {summary.forced && verdict.kind === 'not-covered' ? (
        <ForcedVerdict summary={summary} topic={about?.title ?? null} />
      ) : (
        <VerdictView verdict={verdict} summary={summary} about={about} />
      )}
      {verdict.kind === 'not-covered' && !summary.forced && tabId !== null ? <ScanAnyway tabId={tabId} onScanned={reread} /> : null}
      {verdict.kind === 'paused' ? (
        <p class="undo-switch">
          <button type="button" class="primary" onClick={() => toggle({ paused: false })}>
            Resume Backstory
          </button>
        </p>
      ) : verdict.kind === 'site-off' ? (
        <p class="undo-switch">
          <button type="button" class="primary" onClick={() => toggle({ disabledSites: sites })}>
            Turn on for {host}
          </button>
        </p>
      ) : null}

      {verdict.kind === 'not-covered' && !summary.forced ? <WhatItCovers about={about} /> : null}

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

      {active && summary.entities.length > 0 ? (
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

      {active ? (
        <section class="switches" aria-label="Backstory on this site">
          {/^https?:/.test(summary.url) ? (
            <label>
              <input type="checkbox" checked onChange={() => toggle({ disabledSites: [...sites, host.toLowerCase()] })} />
              On for {host}
            </label>
          ) : null}
          <label>
            <input type="checkbox" checked={false} onChange={() => toggle({ paused: true })} />
            Pause everywhere
          </label>
        </section>
      ) : null}
    </div>
  );
}

function VerdictView({ verdict, summary, about }: { verdict: Verdict; summary: PageSummary; about: PackAbout | null }) {
  const topic = about?.title ?? 'the topic Backstory covers';
  switch (verdict.kind) {
    case 'paused':
      return (
        <section class="verdict off" aria-label="Coverage">
          <p class="verdict-title">Backstory is paused everywhere.</p>
          <p class="verdict-sub">No page gets highlights or cards until you resume it.</p>
        </section>
      );
    case 'site-off':
      return (
        <section class="verdict off" aria-label="Coverage">
          <p class="verdict-title">Backstory is off for {verdict.host}.</p>
          <p class="verdict-sub">Pages on this site get no highlights or cards until you turn it back on.</p>
        </section>
      );
    case 'covered':
      return (
        <section class="verdict covered" aria-label="Coverage">
          <p class="verdict-title">This article is about {topic}.</p>
          <p class="verdict-sub">
            Hover a highlighted name for its context card, or press Alt+Shift+B to move through them by keyboard.
          </p>
          {summary.published ? (
            <p class="verdict-sub article-date">
              Article dated {formatIsoDate(summary.published)}
              {summary.publishedConfidence === 'low' ? ' (read from its address or an undated line: may be off)' : ''}. Cards set
              apart what came later.
            </p>
          ) : null}
          <Why summary={summary} />
        </section>
      );
    case 'not-covered':
      return (
        <section class="verdict not-covered" aria-label="Coverage">
          <p class="verdict-title">This page is not about {topic}.</p>
          <p class="verdict-sub">Backstory stays out of the way here. You can still select text and save a note.</p>
          <Why summary={summary} />
        </section>
      );
  }
}

/** The evidence behind the verdict, folded away: most readers need only the verdict. */
function Why({ summary }: { summary: PageSummary }) {
  const r = reasonsOf(summary);
  return (
    <details class="why">
      <summary>Why?</summary>
      {r.toward.length === 0 && r.names === 0 ? (
        <p>None of the phrases that mark the topic appear on this page, so Backstory looked no further.</p>
      ) : (
        <ul>
          {r.toward.length > 0 ? <li>Phrases of the topic: {r.toward.join(', ')}</li> : <li>No phrases of the topic.</li>}
          {r.away.length > 0 ? <li>Phrases that point elsewhere: {r.away.join(', ')}</li> : null}
          <li>{r.names === 1 ? '1 name of the topic' : `${r.names} names of the topic`}</li>
        </ul>
      )}
      <p class="score">
        Coverage score {r.score}
        {r.threshold ? `; a page counts as covered from ${r.threshold}.` : '.'}
      </p>
    </details>
  );
}

/** On a page Backstory does not cover: what it does cover, and where to see it work. */
function WhatItCovers({ about }: { about: PackAbout | null }) {
  if (!about) return null;
  return (
    <section class="covers" aria-labelledby="covers-title">
      <h2 class="section-title" id="covers-title">
        What Backstory covers
      </h2>
      <p class="covers-title">{about.title}</p>
      <p class="small">{about.description}</p>
      <p class="covers-links">
        <button type="button" class="link" onClick={openSampleArticle}>
          See it work on a sample article
        </button>
      </p>
    </section>
  );
}
