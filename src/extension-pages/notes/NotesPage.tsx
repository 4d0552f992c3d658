/** The full-tab notes page: the same list as the popup, with room to read and sort, plus import. */
import { useEffect, useRef, useState } from 'preact/hooks';
import { askBackground } from '../../messages/client';
import type { Note } from '../../notes/model';
import { formatBytes, IMPORT_MAX_BYTES } from '../../notes/issues';
import type { ImportResult } from '../../notes/store';
import { NotesPanel } from './NotesPanel';
import { useAllNotes } from './useNotes';

/** The page's list, import flow and its confirmations; the list itself is NotesPanel, shared with the popup. */
export function NotesPage() {
  const { notes, total, loading, error, removed, updated } = useAllNotes();
  const [importStatus, setImportStatus] = useState<{ ok: boolean; text: string } | null>(null);
  // A file that would replace stored notes waits here until the reader says yes or no.
  const [pending, setPending] = useState<{ text: string; plan: ImportResult } | null>(null);
  // The versions the last import replaced, until they are restored.
  const [replaced, setReplaced] = useState<Note[] | null>(null);
  const cancelButton = useRef<HTMLButtonElement>(null);
  // The question takes focus, so a keyboard or screen reader user meets it before anything else.
  useEffect(() => {
    if (pending) cancelButton.current?.focus();
  }, [pending]);

  const onFile = async (file: File | undefined) => {
    if (!file) return;
    setPending(null);
    setReplaced(null);
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
    await runImport(text, false);
  };

  /** Without `replace`, a file that would replace notes writes nothing, and the reader is asked first. */
  const runImport = async (text: string, replace: boolean) => {
    setPending(null);
    const reply = await askBackground('notes:import', { text, replace });
    if (!reply.ok) return setImportStatus({ ok: false, text: `${reply.error}\nNothing was imported; your notes are unchanged.` });
    if (!reply.value.written) {
      setImportStatus(null);
      return setPending({ text, plan: reply.value });
    }
    setImportStatus({ ok: true, text: importSummary(reply.value) });
    setReplaced(reply.value.previous.length > 0 ? reply.value.previous : null);
  };

  const restoreReplaced = async () => {
    if (!replaced) return;
    // The button goes at once, so the old versions cannot be put back twice.
    setReplaced(null);
    const reply = await askBackground('notes:restore', { notes: replaced });
    setImportStatus(
      reply.ok
        ? { ok: true, text: `Put back ${plural(replaced.length, 'note')} as ${replaced.length === 1 ? 'it was' : 'they were'} before the import.` }
        : { ok: false, text: reply.error },
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
      {pending ? (
        <div class="import-confirm" role="alertdialog" aria-labelledby="import-confirm-text">
          <p id="import-confirm-text">
            {plural(pending.plan.replaced, 'note')} in this file would replace {pending.plan.replaced === 1 ? 'an existing one' : 'existing ones'}{' '}
            (the file’s {pending.plan.replaced === 1 ? 'copy was' : 'copies were'} edited later). {importPlan(pending.plan)} You can put the
            replaced versions back afterwards.
          </p>
          <button type="button" class="primary" onClick={() => void runImport(pending.text, true)}>
            Import and replace
          </button>
          <button type="button" ref={cancelButton} onClick={() => setPending(null)}>
            Cancel
          </button>
        </div>
      ) : null}
      {importStatus ? (
        <p class={importStatus.ok ? 'status' : 'error'} role={importStatus.ok ? 'status' : 'alert'}>
          {importStatus.text}
          {replaced ? (
            <button type="button" class="link" onClick={() => void restoreReplaced()}>
              Restore the {plural(replaced.length, 'replaced note')}
            </button>
          ) : null}
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
  const parts = [`Imported ${plural(added, 'note')}`];
  if (replaced) parts.push(`replaced ${replaced} with newer copies`);
  if (skipped) parts.push(`${skipped} already here, skipped`);
  return `${parts.join('; ')}.`;
}

function importPlan({ added, skipped }: ImportResult): string {
  const parts = [];
  if (added) parts.push(`${plural(added, 'new note')} would be added`);
  if (skipped) parts.push(`${skipped} already here would be skipped`);
  return parts.length > 0 ? `${parts.join('; ')}.` : '';
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
