/** The small note editor: note text, optional tags, Save/Cancel, and a clear error when saving fails. */
import { useLayoutEffect, useRef, useState } from 'preact/hooks';

export interface NoteEditorProps {
  /** The passage the note is about, shown above the text box. */
  quote?: string;
  heading: string;
  initialText?: string;
  initialTags?: string[];
  /** Checks the text before saving; returns an error message or null. */
  validate: (text: string) => string | null;
  /** Saves; resolves to an error message, or null when saved. */
  onSave: (text: string, tags: string[]) => Promise<string | null>;
  onCancel: () => void;
}

export function parseTags(input: string): string[] {
  return input
    .split(',')
    .map((t) => t.trim())
    .filter(Boolean);
}

export function NoteEditor(props: NoteEditorProps) {
  const [text, setText] = useState(props.initialText ?? '');
  const [tags, setTags] = useState((props.initialTags ?? []).join(', '));
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const textRef = useRef<HTMLTextAreaElement>(null);

  // Focus before the first paint, so the first keystrokes land in the text box.
  useLayoutEffect(() => {
    textRef.current?.focus();
  }, []);

  const save = async (e?: Event) => {
    e?.preventDefault();
    const problem = props.validate(text);
    if (problem) {
      setError(problem);
      textRef.current?.focus();
      return;
    }
    setSaving(true);
    const failure = await props.onSave(text, parseTags(tags));
    setSaving(false);
    if (failure) setError(failure);
  };

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) void save(e);
    if (e.key === 'Escape') {
      e.stopPropagation();
      props.onCancel();
    }
  };

  return (
    <form class="editor" onSubmit={save} onKeyDown={onKeyDown} aria-label={props.heading}>
      <p class="editor-heading">{props.heading}</p>
      {props.quote ? <blockquote class="editor-quote">{props.quote}</blockquote> : null}
      <label class="field">
        <span>Note</span>
        <textarea
          ref={textRef}
          rows={4}
          value={text}
          aria-invalid={error ? 'true' : 'false'}
          aria-describedby={error ? 'backstory-editor-error' : undefined}
          onInput={(e) => {
            setText((e.currentTarget as HTMLTextAreaElement).value);
            if (error) setError(null);
          }}
        />
      </label>
      <label class="field">
        <span>Tags (optional, comma-separated)</span>
        <input type="text" value={tags} onInput={(e) => setTags((e.currentTarget as HTMLInputElement).value)} />
      </label>
      {error ? (
        <p class="error" id="backstory-editor-error" role="alert">
          {error}
        </p>
      ) : null}
      <div class="actions">
        <button type="submit" class="primary" disabled={saving}>
          {saving ? 'Saving…' : 'Save note'}
        </button>
        <button type="button" onClick={props.onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
