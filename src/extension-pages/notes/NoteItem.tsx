/** One note in a list: quote, text, page, tags; open, edit in place, delete. Drawn from the note's summary. */
import { validateNoteText } from '../../notes/model';
import type { NoteSummary } from '../../notes/search';
import { NoteEditor } from '../../components/card/NoteEditor';
import { formatTimestamp } from '../../components/format';
import { Tags } from '../../components/Tags';

export interface NoteItemProps {
  note: NoteSummary;
  editing: boolean;
  orphan?: boolean;
  selected?: boolean;
  onSelect?: (selected: boolean) => void;
  onOpen: (note: NoteSummary) => void;
  onEdit: (note: NoteSummary | null) => void;
  onSave: (note: NoteSummary, text: string, tags: string[]) => Promise<string | null>;
  onDelete: (note: NoteSummary) => void;
}

/** How a list's rows are set (notes-list.css): a row's height is estimated from them until it is drawn. */
export interface RowMetrics {
  /** Characters of note text on one line, roughly. */
  charsPerLine: number;
  /** A line of note text, in pixels. */
  textLine: number;
  /**
   * Everything a row has whatever the note: the card's padding and border, the page title and
   * source line, the actions (and tags) row and the gap below the row.
   */
  frame: number;
}

/** The quote's one line and its margins. */
const QUOTE_LINE = 22.25;

/** A row's height before it is drawn: close enough that the scrollbar barely moves once it is measured. */
export function estimateNoteHeight(note: NoteSummary, metrics: RowMetrics): number {
  const textLines = note.text ? Math.min(2, Math.ceil(note.text.length / metrics.charsPerLine)) : 0;
  return metrics.frame + (note.quote ? QUOTE_LINE : 0) + (textLines ? 3 + textLines * metrics.textLine : 0);
}

export function NoteItem(props: NoteItemProps) {
  const { note } = props;
  const quote = note.quote;
  return (
    <article class={`note${props.orphan ? ' orphan' : ''}`} aria-label={`Note on ${note.pageTitle || note.host}`}>
      <div class="note-top">
        {props.onSelect ? (
          <input
            type="checkbox"
            aria-label="Select note"
            checked={props.selected}
            onChange={(e) => props.onSelect!((e.currentTarget as HTMLInputElement).checked)}
          />
        ) : null}
        <div class="note-meta">
          <span class="note-page" title={note.originalUrl}>
            {note.pageTitle || note.host}
          </span>
          <span class="note-sub">
            {note.host} · {formatTimestamp(note.modified)}
            {note.entityName ? ` · ${note.entityName}` : ''}
          </span>
        </div>
      </div>
      {props.orphan ? <p class="orphan-label">Not found on the page as it is now; kept here with its quote.</p> : null}
      {quote ? <blockquote class="note-quote">{quote}</blockquote> : null}
      {props.editing ? (
        <NoteEditor
          heading="Edit note"
          initialText={note.text}
          initialTags={note.tags}
          validate={validateNoteText}
          onSave={(text, tags) => props.onSave(note, text, tags)}
          onCancel={() => props.onEdit(null)}
        />
      ) : (
        <>
          <p class="note-body">{note.text}</p>
          <Tags tags={note.tags} />
          <div class="note-actions">
            <button type="button" onClick={() => props.onOpen(note)} title="Open the page and show this note">
              Open
            </button>
            <button type="button" onClick={() => props.onEdit(note)}>
              Edit
            </button>
            <button type="button" class="danger" onClick={() => props.onDelete(note)}>
              Delete
            </button>
          </div>
        </>
      )}
    </article>
  );
}
