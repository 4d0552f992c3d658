/** One note in a list: quote, text, page, tags; open, edit in place, delete. */
import type { Note } from '../../notes/model';
import { validateNoteText } from '../../notes/model';
import { NoteEditor } from '../card/NoteEditor';
import { formatTimestamp, hostOf } from '../format';
import { Tags } from '../Tags';

export interface NoteItemProps {
  note: Note;
  editing: boolean;
  orphan?: boolean;
  selected?: boolean;
  onSelect?: (selected: boolean) => void;
  onOpen: (note: Note) => void;
  onEdit: (note: Note | null) => void;
  onSave: (note: Note, text: string, tags: string[]) => Promise<string | null>;
  onDelete: (note: Note) => void;
}

export function quoteOf(note: Note): string {
  const q = note.target.selector.find((s) => s.type === 'TextQuoteSelector');
  return q && 'exact' in q ? q.exact : '';
}

export function NoteItem(props: NoteItemProps) {
  const { note } = props;
  const quote = quoteOf(note);
  return (
    <article class={`note${props.orphan ? ' orphan' : ''}`} aria-label={`Note on ${note.target.pageTitle || hostOf(note.target.source)}`}>
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
          <span class="note-page" title={note.target.originalUrl}>
            {note.target.pageTitle || hostOf(note.target.source)}
          </span>
          <span class="note-sub">
            {hostOf(note.target.source)} · {formatTimestamp(note.modified)}
            {note.entityName ? ` · ${note.entityName}` : ''}
          </span>
        </div>
      </div>
      {props.orphan ? <p class="orphan-label">Not found on the page as it is now; kept here with its quote.</p> : null}
      {quote ? <blockquote class="note-quote">{quote}</blockquote> : null}
      {props.editing ? (
        <NoteEditor
          heading="Edit note"
          initialText={note.body.text}
          initialTags={note.body.tags}
          validate={validateNoteText}
          onSave={(text, tags) => props.onSave(note, text, tags)}
          onCancel={() => props.onEdit(null)}
        />
      ) : (
        <>
          <p class="note-body">{note.body.text}</p>
          <Tags tags={note.body.tags} />
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
