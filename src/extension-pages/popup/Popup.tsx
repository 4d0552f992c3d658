/** The toolbar popup: "This page" and "All notes". */
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { NotesPanel, openFullNotesPage } from '../notes/NotesPanel';
import { useAllNotes } from '../notes/useNotes';
import { openWelcomePage } from '../welcome/open';
import { ThisPage } from './ThisPage';
import { useThisPage } from './useThisPage';

type Tab = 'page' | 'all';

/** The tab the popup is about: the active tab, or ?tabId= (tests open the popup as a page). */
async function targetTabId(): Promise<number | null> {
  const fromQuery = new URLSearchParams(location.search).get('tabId');
  if (fromQuery && /^\d+$/.test(fromQuery)) return Number(fromQuery);
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab?.id ?? null;
}

export function Popup() {
  const [tab, setTab] = useState<Tab>('page');
  const [tabId, setTabId] = useState<number | null | undefined>(undefined);
  const { notes, total, loading, error, removed, updated } = useAllNotes();
  const page = useThisPage(tabId);
  // This page's notes that could not be placed on it are marked in All notes as well.
  const orphanIds = page.load.state === 'ready' ? new Set(page.load.summary.orphanIds) : undefined;

  useEffect(() => {
    void targetTabId().then(setTabId);
  }, []);

  return (
    <main class="popup">
      <header class="popup-header">
        <h1>Backstory</h1>
        <div role="tablist" aria-label="Views" class="tabs">
          <button role="tab" id="tab-page" aria-selected={tab === 'page'} aria-controls="panel-page" onClick={() => setTab('page')}>
            This page
          </button>
          <button role="tab" id="tab-all" aria-selected={tab === 'all'} aria-controls="panel-all" onClick={() => setTab('all')}>
            All notes{total !== null ? ` (${total})` : ''}
          </button>
        </div>
      </header>
      {error ? (
        <p class="error" role="alert">
          {error}
        </p>
      ) : null}
      {tab === 'page' ? (
        <section role="tabpanel" id="panel-page" aria-labelledby="tab-page">
          {tabId === undefined ? <p class="empty">Reading this page…</p> : <ThisPage tabId={tabId} {...page} />}
        </section>
      ) : (
        <section role="tabpanel" id="panel-all" aria-labelledby="tab-all" class="all-notes">
          {notes === null ? (
            <p class="empty">Loading notes…</p>
          ) : (
            <NotesPanel
              notes={notes}
              total={total}
              loading={loading}
              onRemoved={removed}
              onUpdated={updated}
              // The popup is 420 × 580 (popup.css): about 58 characters of note text a line, and
              // a list about 330 pixels high below the tabs, search and filters.
              rowMetrics={{ charsPerLine: 58, textLine: 16.9, frame: 80.8 }}
              listHeight={330}
              orphanIds={orphanIds}
              emptyMessage="No notes yet. On a news page, hover a highlighted name and choose “Save note”, or select any passage and pick “Save note to Backstory” from the right-click menu."
            />
          )}
        </section>
      )}
      <footer class="popup-footer">
        <button type="button" class="link" onClick={openFullNotesPage}>
          Notes page · import
        </button>
        <button type="button" class="link" onClick={openWelcomePage}>
          Welcome · sample
        </button>
        <button type="button" class="link" onClick={() => void browser.runtime.openOptionsPage()}>
          Settings
        </button>
      </footer>
    </main>
  );
}
