/**
 * All notes: search as you type, filters, sort, edit in place, delete with undo,
 * select several to delete or export. Shared by the popup and the full notes page.
 */
import { useMemo, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { askBackground } from '../../messages/client';
import type { ExportFormat } from '../../messages/protocol';
import type { Note } from '../../notes/model';
import { searchSummaries, type NoteSummary, type SearchFilters, type SortOrder } from '../../notes/search';
import { useAfterPaint } from './after-paint';
import { downloadText } from './download';
import { noMatchMessage } from './filter-summary';
import { estimateNoteHeight, NoteItem, type RowMetrics } from './NoteItem';
import { VirtualList } from './VirtualList';

export interface NotesPanelProps {
  /** Newest first: every note, or the first pages of them while `loading`. */
  notes: NoteSummary[];
  /** How many notes there are in all; null until counted. */
  total: number | null;
  loading: boolean;
  /** Told of this panel's own deletes and edits, to show them before the re-read. */
  onRemoved?: (ids: readonly string[]) => void;
  onUpdated?: (note: Note) => void;
  /** How note text wraps in this view's rows, for placing rows not yet drawn. */
  rowMetrics: RowMetrics;
  /** The list's height to plan the first frame for, when it is known better than the window's. */
  listHeight?: number;
  orphanIds?: Set<string>;
  emptyMessage: string;
}

/**
 * The notes list with its search, filters, sort, selection and bulk actions. One component: the
 * controls share the filtered list and the selection, and splitting it would pass both around.
 */
export function NotesPanel(props: NotesPanelProps) {
  const [query, setQuery] = useState('');
  const [site, setSite] = useState('');
  const [entity, setEntity] = useState('');
  const [tag, setTag] = useState('');
  const [sort, setSort] = useState<SortOrder>('newest');
  const [editing, setEditing] = useState<string | null>(null);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [undo, setUndo] = useState<Note[] | null>(null);
  const [status, setStatus] = useState<string | null>(null);

  const filters: SearchFilters = { site: site || undefined, entityId: entity || undefined, tag: tag || undefined, sort };
  const results = useMemo(() => searchSummaries(props.notes, query, filters), [props.notes, query, site, entity, tag, sort]);
  // The filters' choices wait until the first rows are painted: a frame with fewer elements to
  // style. After that they follow the notes in the same render (one render per page of notes).
  const choices = useAfterPaint(props.notes.length > 0, false);
  const facets = useMemo(() => (choices ? facetsOf(props.notes) : NO_FACETS), [props.notes, choices]);
  const filtered = query.trim() !== '' || site !== '' || entity !== '' || tag !== '';
  const clearFilters = () => {
    setQuery('');
    setSite('');
    setEntity('');
    setTag('');
  };

  const remove = async (ids: string[]) => {
    // Thousands of notes take a second or more: say so at once.
    if (ids.length > 1) setStatus(`Deleting ${ids.length} notes…`);
    const reply = await askBackground('notes:delete', { ids });
    if (!reply.ok) return setStatus(reply.error);
    setSelected(new Set());
    props.onRemoved?.(reply.value.map((n) => n.id));
    setUndo(reply.value);
    setStatus(`${reply.value.length === 1 ? 'Note' : `${reply.value.length} notes`} deleted.`);
  };
  const restore = async () => {
    if (!undo) return;
    // The Undo button goes at once, so it cannot be pressed twice while the notes go back.
    setUndo(null);
    setStatus(undo.length > 1 ? `Restoring ${undo.length} notes…` : 'Restoring…');
    const reply = await askBackground('notes:restore', { notes: undo });
    setStatus(reply.ok ? 'Restored.' : reply.error);
  };
  const save = async (note: NoteSummary, text: string, tags: string[]) => {
    const reply = await askBackground('notes:update', { id: note.id, text, tags });
    if (!reply.ok) return reply.error;
    setEditing(null);
    props.onUpdated?.(reply.value);
    return null;
  };
  const open = (note: NoteSummary) => {
    void askBackground('page:open-note', { url: note.originalUrl || note.source, noteId: note.id });
  };
  /** `all`: every note, whatever the list shows; else the selection, or the notes the search and filters show. */
  const exportAs = async (format: ExportFormat, all = false) => {
    const ids = all ? undefined : selected.size > 0 ? [...selected] : filtered ? results.map((n) => n.id) : undefined;
    const reply = await askBackground('notes:export', { format, ids });
    if (!reply.ok) return setStatus(reply.error);
    downloadText(reply.value.filename, reply.value.mime, reply.value.text);
    setStatus(`Exported ${ids ? ids.length : (props.total ?? props.notes.length)} notes as ${reply.value.filename}.`);
  };

  /** No note has arrived yet: the panel is drawn without rows, so their frame has only them to draw. */
  const waiting = props.loading && props.notes.length === 0;
  if (!props.loading && props.notes.length === 0) {
    return <p class="empty">{props.emptyMessage}</p>;
  }

  return (
    <div class="notes-panel">
      <div class="toolbar">
        <input
          type="search"
          class="search"
          placeholder="Search notes, quotes, tags, pages, names"
          aria-label="Search notes"
          value={query}
          onInput={(e) => setQuery((e.currentTarget as HTMLInputElement).value)}
        />
        <div class="filters">
          <select aria-label="Filter by site" value={site} onChange={(e) => setSite((e.currentTarget as HTMLSelectElement).value)}>
            <option value="">All sites</option>
            {facets.sites.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
          <select aria-label="Filter by name" value={entity} onChange={(e) => setEntity((e.currentTarget as HTMLSelectElement).value)}>
            <option value="">All names</option>
            {facets.entities.map(([id, name]) => (
              <option key={id} value={id}>
                {name}
              </option>
            ))}
          </select>
          <select aria-label="Filter by tag" value={tag} onChange={(e) => setTag((e.currentTarget as HTMLSelectElement).value)}>
            <option value="">All tags</option>
            {facets.tags.map((t) => (
              <option key={t} value={t}>
                {t}
              </option>
            ))}
          </select>
          <select aria-label="Sort" value={sort} onChange={(e) => setSort((e.currentTarget as HTMLSelectElement).value as SortOrder)}>
            <option value="newest">Newest first</option>
            <option value="oldest">Oldest first</option>
            <option value="page">By page</option>
          </select>
        </div>
        <div class="bulk">
          {/* With two export menus the row is full: the count takes a line of its own. */}
          <span class={selected.size > 0 || filtered ? 'count full' : 'count'} aria-live="polite">
            {waiting
              ? 'Loading notes…'
              : props.total === null || results.length === props.total
                ? `${results.length} notes`
                : `${results.length} of ${props.total} notes`}
            {props.loading && !waiting ? ' · loading…' : ''}
            {selected.size > 0 ? ` · ${selected.size} selected` : ''}
          </span>
          {selected.size > 0 ? (
            <>
              <button type="button" class="danger" onClick={() => void remove([...selected])}>
                Delete selected
              </button>
              <button type="button" onClick={() => setSelected(new Set())}>
                Clear selection
              </button>
            </>
          ) : (
            // Until every note has arrived, "all" would mean only some of them.
            <button type="button" onClick={() => setSelected(new Set(results.map((n) => n.id)))} disabled={results.length === 0 || props.loading}>
              Select all
            </button>
          )}
          <ExportMenu
            onExport={(format) => void exportAs(format)}
            scope={selected.size > 0 ? 'selected' : filtered ? 'shown' : 'all'}
            disabled={selected.size === 0 && filtered && results.length === 0}
          />
          {selected.size > 0 || filtered ? <ExportMenu onExport={(format) => void exportAs(format, true)} scope="all" /> : null}
        </div>
      </div>
      {status ? (
        <p class="status" role="status">
          {status}
          {undo ? (
            <button type="button" class="link" onClick={() => void restore()}>
              Undo
            </button>
          ) : null}
        </p>
      ) : null}
      {waiting ? (
        // The list's place, empty: the first rows then only fill it.
        <div class="vscroll" />
      ) : results.length === 0 ? (
        <div class="empty">
          <p>
            {noMatchMessage(
              { query, site, entityName: entity ? (facets.entities.find(([id]) => id === entity)?.[1] ?? entity) : undefined, tag },
              props.loading,
            )}
          </p>
          {filtered ? (
            <button type="button" onClick={clearFilters}>
              Clear filters
            </button>
          ) : null}
        </div>
      ) : (
        <VirtualList
          items={results}
          estimate={(note) => estimateNoteHeight(note, props.rowMetrics)}
          initialViewport={props.listHeight}
          keyOf={(n) => n.id}
          label="Notes"
          render={(note) => (
            <NoteItem
              note={note}
              editing={editing === note.id}
              orphan={props.orphanIds?.has(note.id)}
              selected={selected.has(note.id)}
              onSelect={(on) => {
                const next = new Set(selected);
                if (on) next.add(note.id);
                else next.delete(note.id);
                setSelected(next);
              }}
              onOpen={open}
              onEdit={(n) => setEditing(n ? n.id : null)}
              onSave={save}
              onDelete={(n) => void remove([n.id])}
            />
          )}
        />
      )}
    </div>
  );
}

const EXPORT_LABELS = {
  selected: ['Export selected notes', 'Export selected…'],
  shown: ['Export the notes shown', 'Export shown…'],
  all: ['Export all notes', 'Export all…'],
} as const;

function ExportMenu({ onExport, scope, disabled }: { onExport: (f: ExportFormat) => void; scope: keyof typeof EXPORT_LABELS; disabled?: boolean }) {
  const [label, prompt] = EXPORT_LABELS[scope];
  return (
    <select
      aria-label={label}
      disabled={disabled}
      value=""
      onChange={(e) => {
        const value = (e.currentTarget as HTMLSelectElement).value as ExportFormat | '';
        (e.currentTarget as HTMLSelectElement).value = '';
        if (value) onExport(value);
      }}
    >
      <option value="">{prompt}</option>
      <option value="jsonld">Web Annotation (JSON-LD)</option>
      <option value="markdown">Markdown</option>
      <option value="csv">CSV</option>
    </select>
  );
}

const NO_FACETS: ReturnType<typeof facetsOf> = { sites: [], entities: [], tags: [] };

function facetsOf(notes: NoteSummary[]) {
  const sites = new Set<string>();
  const entities = new Map<string, string>();
  const tags = new Set<string>();
  for (const n of notes) {
    sites.add(n.host);
    if (n.entityId) entities.set(n.entityId, n.entityName ?? n.entityId);
    for (const t of n.tags) tags.add(t);
  }
  return {
    sites: [...sites].sort(),
    entities: [...entities].sort((a, b) => a[1].localeCompare(b[1])),
    tags: [...tags].sort(),
  };
}

export function openFullNotesPage(): void {
  void browser.tabs.create({ url: browser.runtime.getURL('/notes.html') });
  window.close();
}
