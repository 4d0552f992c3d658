/** What a notes database failure becomes: a NoteStoreError with a message a reader can act on and a code to branch on. */

export type NoteStoreErrorCode = 'quota' | 'closed' | 'invalid' | 'not-found' | 'unknown';

export class NoteStoreError extends Error {
  override readonly name = 'NoteStoreError';
  constructor(
    message: string,
    readonly code: NoteStoreErrorCode,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export const QUOTA_MESSAGE = "Your browser's storage for Backstory is full; nothing was saved. Delete or export notes to make room.";
export const CLOSED_MESSAGE =
  "Backstory's notes database was closed (usually because Backstory was updated or restarted). Reload and try again.";

export function toStoreError(error: unknown): NoteStoreError {
  if (error instanceof NoteStoreError) return error;
  const name = error instanceof Error || error instanceof DOMException ? error.name : '';
  switch (name) {
    case 'QuotaExceededError':
      return new NoteStoreError(QUOTA_MESSAGE, 'quota', { cause: error });
    case 'InvalidStateError':
      return new NoteStoreError(CLOSED_MESSAGE, 'closed', { cause: error });
    case 'ConstraintError':
      return new NoteStoreError('A note with this id is already saved.', 'invalid', { cause: error });
    case 'DataError':
    case 'DataCloneError':
      return new NoteStoreError(`This note can't be stored: ${errorNameAndMessage(error)}`, 'invalid', { cause: error });
    case 'VersionError':
      return new NoteStoreError('Your notes were saved by a newer version of Backstory. Update Backstory to open them.', 'unknown', {
        cause: error,
      });
    default:
      return new NoteStoreError(`Backstory couldn't read or save notes: ${errorNameAndMessage(error)}`, 'unknown', { cause: error });
  }
}

export function isAbortError(error: unknown): boolean {
  return (error instanceof Error || error instanceof DOMException) && error.name === 'AbortError';
}

export function abortQuietly(tx: IDBTransaction | { abort(): void }): void {
  try {
    tx.abort();
  } catch {
    // Already committed or aborting: nothing left to undo.
  }
}

/** A storage failure in words, with its DOMException name (QuotaExceededError, VersionError), which says most about what went wrong. */
export function errorNameAndMessage(error: unknown): string {
  if (error instanceof Error || error instanceof DOMException) return error.message ? `${error.name}: ${error.message}` : error.name;
  return String(error);
}
