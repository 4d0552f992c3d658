/** The full-tab notes page: the same list as the popup, with room to read and sort, plus import. */
import { useState } from 'preact/hooks';
import { askBackground } from '../../messages/client';
import { formatBytes, IMPORT_MAX_BYTES } from '../../notes/issues';
import type { ImportResult } from '../../notes/store';
import { NotesPanel } from './NotesPanel';
import { useAllNotes } from './useNotes';

export function NotesPage() {
  const { notes, total, loading, error, removed, updated } = useAllNotes();
  const [importStatus, setImportStatus] = useState<{ ok: boolean; text: string } | null>(null);

  const onFile = async (file: File | undefined) => {
    if (!file) return;
    if (file.size > IMPORT_MAX_BYTES) {
      setImportStatus({
        ok: false,
        text: `This file is ${formatBytes(file.size)}; Backstory imports files up to ${formatBytes(IMPORT_MAX_BYTES, true)}. Nothing was imported.`,
      });
      return;
    }
    const bytes = await file.arrayBuffer();
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      setImportStatus({ ok: false, text: 'This file is not UTF-8 text. Export it again as UTF-8 JSON. Nothing was imported.' });
      return;
    }
    const reply = await askBackground('notes:import', { text });
    setImportStatus(
      reply.ok
        ? {
            ok: true,
            text: importSummary(reply.value),
          }
        : { ok: false, text: `${reply.error}\nNothing was imported; your notes are unchanged.` },
    );
  };

  return (
    <main class="notes-page">
      <header class="page-header">
        <h1>Backstory notes</h1>
        <label class="import">
          <span class="button-like">Import notes…</span>
          <input
            type="file"
            accept=".json,.jsonld,application/json,application/ld+json"
            class="sr-only"
            onChange={(e) => {
              const input = e.currentTarget as HTMLInputElement;
              void onFile(input.files?.[0]).finally(() => (input.value = ''));
            }}
          />
        </label>
      </header>
      {importStatus ? (
        <p class={importStatus.ok ? 'status' : 'error'} role={importStatus.ok ? 'status' : 'alert'}>
          {importStatus.text}
        </p>
      ) : null}
      {error ? (
        <p class="error" role="alert">
          {error}
        </p>
      ) : null}
      {notes === null ? (
        <p class="empty">Loading notes…</p>
      ) : (
        <NotesPanel
          notes={notes}
          total={total}
          loading={loading}
          onRemoved={removed}
          onUpdated={updated}
          rowMetrics={{ charsPerLine: 120, textLine: 17.55, frame: 82.2 }}
          emptyMessage="No notes yet. Save one from a context card or a selected passage, or import a Web Annotation (JSON-LD) file."
        />
      )}
    </main>
  );
}

function importSummary({ added, replaced, skipped }: ImportResult): string {
  const parts = [`Imported ${added} note${added === 1 ? '' : 's'}`];
  if (replaced) parts.push(`updated ${replaced} with newer copies`);
  if (skipped) parts.push(`${skipped} already here, skipped`);
  return `${parts.join('; ')}.`;
}
