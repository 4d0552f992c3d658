/** The toolbar popup: "This page" and "All notes". */
import { Component } from 'preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import type { NoteSummary } from '../../notes/search';
import { NotesPanel, openFullNotesPage, type NotesPanelProps } from '../notes/NotesPanel';
import { useAllNotes } from '../notes/useNotes';
import { openWelcomePage } from '../welcome/open';
import { ThisPage } from './ThisPage';
import { useThisPage } from './useThisPage';

type Tab = 'page' | 'all';

/**
 * The notes list, drawn again only when one of its props changes: replies for This page (settings,
 * the page's summary) then leave the list alone instead of rendering every row again, on the way
 * to the first row's paint among others. (preact/compat's memo would do it, but compat comes with
 * hooks that change how every element is rendered.)
 */
class PopupNotesPanel extends Component<NotesPanelProps> {
  override shouldComponentUpdate(next: NotesPanelProps): boolean {
    const now = this.props as unknown as Record<string, unknown>;
    const then = next as unknown as Record<string, unknown>;
    return Object.keys({ ...now, ...then }).some((key) => now[key] !== then[key]);
  }
  override render() {
    return <NotesPanel {...this.props} />;
  }
}

// The popup is 420 × 580 (popup.css): about 58 characters of note text a line, and a list about
// 330 pixels high below the tabs, search and filters.
const ROW_METRICS = { charsPerLine: 58, textLine: 16.9, frame: 80.8 };
const LIST_HEIGHT = 330;
const NO_NOTES: NoteSummary[] = [];
const EMPTY_MESSAGE =
  'No notes yet. On a news page, hover a highlighted name and choose “Save note”, or select any passage and pick “Save note to Backstory” from the right-click menu.';

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
  const orphanIds = useMemo(() => (page.load.state === 'ready' ? new Set(page.load.summary.orphanIds) : undefined), [page.load]);

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
          {notes === null && !loading ? (
            // The newest notes could not be read: the error above says why.
            <p class="empty">No notes to show.</p>
          ) : (
            // Drawn before the notes arrive (as the tab opens): their reply then adds only the rows.
            <PopupNotesPanel
              notes={notes ?? NO_NOTES}
              total={total}
              loading={loading}
              onRemoved={removed}
              onUpdated={updated}
              rowMetrics={ROW_METRICS}
              listHeight={LIST_HEIGHT}
              orphanIds={orphanIds}
              emptyMessage={EMPTY_MESSAGE}
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
