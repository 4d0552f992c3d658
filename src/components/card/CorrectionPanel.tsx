/**
 * "Something wrong?": builds a correction report for the reader to copy and send. The page's
 * address goes in only when the reader ticks the box, since it says what they were reading.
 */
import { useId, useState } from 'preact/hooks';
import type { EntityCard } from '../../messages/protocol';
import { correctionReport, correctionsAddress } from './correction-report';

type CopyState = 'idle' | 'copied' | 'failed';

export function CorrectionPanel({ card, pageUrl }: { card: EntityCard; pageUrl?: string }) {
  const id = useId();
  const [withPage, setWithPage] = useState(false);
  const [state, setState] = useState<CopyState>('idle');
  const text = correctionReport(card, { pageUrl: withPage ? pageUrl : undefined });
  const address = correctionsAddress(card);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setState('copied');
    } catch {
      // No clipboard (permission, older browser): the reader can still select the text below.
      setState('failed');
    }
  };
  return (
    <div class="report" role="group" aria-label="Report a correction">
      <p class="report-line">
        {address ? `Send corrections to ${address}.` : 'Send corrections to the maintainers of this topic pack.'} Backstory
        itself sends nothing: you copy the report and send it yourself.
      </p>
      <label class="report-check" for={`backstory-report-page-${id}`}>
        <input
          id={`backstory-report-page-${id}`}
          type="checkbox"
          checked={withPage}
          onChange={(e) => setWithPage((e.currentTarget as HTMLInputElement).checked)}
        />{' '}
        Include this page’s address
      </label>
      <div class="report-actions">
        <button type="button" onClick={copy}>
          Copy correction report
        </button>
        <span class="saved-status" role="status">
          {state === 'copied' ? 'Copied to the clipboard.' : state === 'failed' ? 'Could not copy; select the text below.' : ''}
        </span>
      </div>
      {state === 'failed' ? (
        <textarea class="report-text" readOnly rows={6} aria-label="Correction report" value={text} />
      ) : null}
    </div>
  );
}
