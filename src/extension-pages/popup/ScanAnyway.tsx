/**
 * "Scan this page anyway": the reader's recourse when Backstory judges a page not covered. The
 * page's names are highlighted for this visit only, and the verdict stays honest: the popup says
 * the page was not judged to be about the topic and was scanned because the reader asked. The
 * topic's name comes from the pack (`pack:about`, read by useThisPage), never from here.
 */
import { useState } from 'preact/hooks';
import { askTab } from '../../messages/client';
import type { PageSummary } from '../../messages/protocol';

/** Said of the topic until the pack's title has arrived (or if it cannot be read). */
const SOME_TOPIC = 'the topic Backstory covers';

/** The verdict on a page scanned because the reader asked. Pure, so its wording is tested alone. */
export function forcedVerdictOf(summary: Pick<PageSummary, 'entities'>, topic: string | null): { title: string; sub: string } {
  const about = topic ?? SOME_TOPIC;
  if (summary.entities.length === 0) {
    return {
      title: `No names from ${about} found on this page.`,
      sub: 'Backstory scanned it because you asked, and still judges it not to be about this topic.',
    };
  }
  return {
    title: `Not judged to be about ${about} — highlighted because you asked.`,
    sub: 'Hover a highlighted name for its context card. The highlights last until you reload the page.',
  };
}

export function ForcedVerdict({ summary, topic }: { summary: PageSummary; topic: string | null }) {
  const { title, sub } = forcedVerdictOf(summary, topic);
  return (
    <section class="verdict not-covered forced" aria-label="Coverage">
      <p class="verdict-title">{title}</p>
      <p class="verdict-sub">{sub}</p>
    </section>
  );
}

/** The button, on a page judged not covered; `onScanned` gets the page's summary once its names are drawn. */
export function ScanAnyway({ tabId, onScanned }: { tabId: number; onScanned: (summary: PageSummary) => void }) {
  const [state, setState] = useState<'idle' | 'scanning' | 'failed'>('idle');
  const scan = async () => {
    setState('scanning');
    // The tab's loader is woken if it is idle (askTab → tab-wake); the engine then loads for the message.
    const summary = await askTab(tabId, 'backstory:scan-anyway', {});
    if (summary) onScanned(summary);
    else setState('failed');
  };
  return (
    <div class="scan-anyway">
      <button type="button" disabled={state === 'scanning'} onClick={() => void scan()}>
        {state === 'scanning' ? 'Scanning…' : 'Scan this page anyway'}
      </button>
      <p class="muted small" role={state === 'failed' ? 'alert' : undefined}>
        {state === 'failed'
          ? 'Backstory could not scan this page. Reload it and try again.'
          : 'Highlights the names Backstory knows on this page, for this visit only.'}
      </p>
    </div>
  );
}
