/**
 * What the popup knows about its tab's page: the page's summary, its notes, the settings and what
 * the pack covers. Read again whenever notes change and after every settings change, so the popup
 * says what is true now; both tabs read it (All notes marks this page's orphans too).
 */
import { useEffect, useState } from 'preact/hooks';
import { askBackground, askTab } from '../../messages/client';
import type { PackAbout, PageSummary } from '../../messages/protocol';
import { summarizeNote, type NoteSummary } from '../../notes/search';
import type { Settings } from '../../settings/settings';
import { useNotesChanged } from '../notes/useNotes';

export type PageLoad = { state: 'loading' } | { state: 'none' } | { state: 'ready'; summary: PageSummary; notes: NoteSummary[] };

export interface ThisPageData {
  load: PageLoad;
  settings: Settings | null;
  about: PackAbout | null;
  /** Changes settings, then reads the page again once it has applied them. */
  updateSettings(patch: Partial<Settings>): Promise<void>;
  /** Reads the page again (after "Scan this page anyway"). */
  reread(): void;
}

/** `tabId` undefined: not known yet; null: no tab to ask. */
export function useThisPage(tabId: number | null | undefined): ThisPageData {
  const [load, setLoad] = useState<PageLoad>({ state: 'loading' });
  const [settings, setSettings] = useState<Settings | null>(null);
  const [about, setAbout] = useState<PackAbout | null>(null);
  const [version, setVersion] = useState(0);
  useNotesChanged(() => setVersion((v) => v + 1));

  useEffect(() => {
    void askBackground('pack:about', {}).then((r) => r.ok && setAbout(r.value));
  }, []);

  useEffect(() => {
    if (tabId === undefined) return;
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
  }, [tabId, version]);

  const updateSettings = async (patch: Partial<Settings>) => {
    const reply = await askBackground('settings:set', { patch });
    if (!reply.ok) return;
    setSettings(reply.value);
    // The background replies once open pages have taken the change: read this one again.
    setVersion((v) => v + 1);
  };

  return { load, settings, about, updateSettings, reread: () => setVersion((v) => v + 1) };
}
