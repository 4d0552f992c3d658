/**
 * What the note frame shows: the note editor (a selection, a whole page, or a name's card), or a
 * saved note with Edit, Delete (with Undo) and "About <name> ›". It reads and writes notes through
 * the background, which answers this frame for its own tab's page only.
 */
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { askBackground } from '../../messages/client';
import type { FrameSignal, FrameView } from '../../messages/note-frame';
import type { Note } from '../../notes/model';
import { validateNoteText } from '../../notes/model';
import { formatTimestamp } from '../../components/format';
import { Tags } from '../../components/Tags';
import { NoteEditor } from '../../components/card/NoteEditor';

export interface NoteFrameProps {
  view: FrameView;
  theme: 'light' | 'dark';
  /** The show this renders (FrameShow.seq), named in its size signals. */
  seq: number;
  signal(s: FrameSignal): void;
}

export function NoteFrame({ view, theme, seq, signal }: NoteFrameProps) {
  const root = useRef<HTMLDivElement>(null);
  // Tells the card how tall the content is, whenever it changes.
  useLayoutEffect(() => {
    const el = root.current;
    if (!el) return;
    let last = -1;
    const report = () => {
      const height = Math.ceil(el.getBoundingClientRect().height);
      if (height !== last) signal({ kind: last < 0 ? 'shown' : 'size', height, seq });
      last = height;
    };
    const observer = new ResizeObserver(report);
    observer.observe(el);
    report();
    return () => observer.disconnect();
  }, []);
  return (
    <div class="layer frame-root" data-theme={theme} lang="en" dir="ltr" ref={root}>
      {view.mode === 'editor' ? (
        <FrameEditor view={view} signal={signal} />
      ) : view.mode === 'note' ? (
        <SavedNote view={view} signal={signal} />
      ) : null}
    </div>
  );
}

function FrameEditor({ view, signal }: { view: Extract<FrameView, { mode: 'editor' }>; signal: NoteFrameProps['signal'] }) {
  return (
    <NoteEditor
      heading={view.heading}
      quote={view.quote || undefined}
      validate={validateNoteText}
      onSave={async (text, tags) => {
        const reply = await askBackground('notes:save', {
          draft: { ...view.draft, pageUrl: '', text, tags, motivation: 'commenting' },
        });
        if (!reply.ok) return reply.error;
        signal({ kind: 'close', saved: true });
        return null;
      }}
      onCancel={() => signal({ kind: 'close', saved: false })}
    />
  );
}

type NoteState =
  | { at: 'loading' }
  | { at: 'missing' }
  | { at: 'shown'; note: Note; error?: string }
  | { at: 'editing'; note: Note }
  | { at: 'deleted'; note: Note; error?: string };

/** A saved note in its states (shown, editing, deleted with undo) in one component, so undo keeps the note it deleted. */
function SavedNote({ view, signal }: { view: Extract<FrameView, { mode: 'note' }>; signal: NoteFrameProps['signal'] }) {
  const [state, setState] = useState<NoteState>({ at: 'loading' });
  const editButton = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    void askBackground('notes:list-page', { url: '' }).then((reply) => {
      const note = reply.ok ? reply.value.find((n) => n.id === view.noteId) : undefined;
      setState(note ? { at: 'shown', note } : { at: 'missing' });
    });
  }, [view.noteId]);
  const writing = state.at === 'editing';
  useEffect(() => signal({ kind: 'writing', on: writing }), [writing]);

  const close = () => signal({ kind: 'close', saved: false });
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape' && state.at !== 'editing') close();
  };
  const remove = async (note: Note) => {
    const reply = await askBackground('notes:delete', { ids: [note.id] });
    setState(reply.ok ? { at: 'deleted', note } : { at: 'shown', note, error: reply.error });
  };
  const undo = async (note: Note) => {
    const reply = await askBackground('notes:restore', { notes: [note] });
    setState(reply.ok ? { at: 'shown', note } : { at: 'deleted', note, error: reply.error });
  };

  if (state.at === 'loading') return <p class="muted">Loading your note…</p>;
  if (state.at === 'missing') return <p class="muted">This note is no longer saved.</p>;
  const { note } = state;
  return (
    <section class="saved-note" role="dialog" aria-label="Your note" onKeyDown={onKeyDown}>
      <div class="card-header">
        <p class="kind">Your note{note.entityName ? ` · ${note.entityName}` : ''}</p>
        <button type="button" class="close" aria-label="Close note" onClick={close}>
          <span aria-hidden="true">×</span>
        </button>
      </div>
      {state.at === 'editing' ? (
        <NoteEditor
          heading="Edit your note"
          initialText={note.body.text}
          initialTags={note.body.tags}
          validate={validateNoteText}
          onSave={async (text, tags) => {
            const reply = await askBackground('notes:update', { id: note.id, text, tags });
            if (!reply.ok) return reply.error;
            setState({ at: 'shown', note: reply.value });
            requestAnimationFrame(() => editButton.current?.focus());
            return null;
          }}
          onCancel={() => {
            setState({ at: 'shown', note });
            requestAnimationFrame(() => editButton.current?.focus());
          }}
        />
      ) : state.at === 'deleted' ? (
        <div class="actions">
          <span role="status">Note deleted.</span>
          <button type="button" onClick={() => void undo(note)}>
            Undo
          </button>
        </div>
      ) : (
        <>
          <p class="note-text">{note.body.text}</p>
          <Tags tags={note.body.tags} />
          <p class="muted small">Saved {formatTimestamp(note.created)}</p>
          <div class="actions">
            <button type="button" ref={editButton} onClick={() => setState({ at: 'editing', note })}>
              Edit
            </button>
            <button type="button" onClick={() => void remove(note)}>
              Delete
            </button>
            {view.about ? (
              <button type="button" class="about" onClick={() => signal({ kind: 'about', entityId: view.about!.entityId })}>
                About {view.about.name} ›
              </button>
            ) : null}
          </div>
        </>
      )}
      {'error' in state && state.error ? (
        <p class="error" role="alert">
          {state.error}
        </p>
      ) : null}
    </section>
  );
}
