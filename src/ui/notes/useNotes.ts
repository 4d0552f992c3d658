/** All notes for an extension page, kept live: re-read whenever any tab or page changes them. */
import { useCallback, useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { askBackground } from '../../messages/client';
import type { Note } from '../../notes/model';

export interface NotesState {
  notes: Note[] | null;
  error: string | null;
  reload: () => Promise<void>;
}

export function useAllNotes(): NotesState {
  const [notes, setNotes] = useState<Note[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const reload = useCallback(async () => {
    const reply = await askBackground('notes:list-all', {});
    if (reply.ok) {
      setNotes(reply.value);
      setError(null);
    } else setError(reply.error);
  }, []);
  useEffect(() => {
    void reload();
    const onMessage = (message: unknown) => {
      if ((message as { type?: string })?.type === 'backstory:notes-changed') void reload();
      return undefined;
    };
    browser.runtime.onMessage.addListener(onMessage);
    return () => browser.runtime.onMessage.removeListener(onMessage);
  }, [reload]);
  return { notes, error, reload };
}
