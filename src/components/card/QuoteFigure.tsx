/** A quote on a card: the exact words, who said them, when and where, and the sources that record them. */
import type { Quote, Source } from '../../pack/schema';
import { formatIsoDate } from '../format';
import { GLANCE_QUOTE_CHARS, TIGHT_QUOTE_CHARS, quoteExcerpt } from './choose-content';
import { CompactSources, SourceLinks, type ViewSource } from './citations';

export function QuoteFigure({
  quote,
  speaker,
  sources,
  onViewSource,
  compact,
}: {
  quote: Quote;
  speaker: string;
  sources: Record<string, Source>;
  onViewSource: ViewSource;
  /** The glance's form: no place, one source named. */
  compact?: boolean;
}) {
  const ids = [quote.source, ...(quote.alsoIn ?? [])];
  return (
    <figure class={compact ? 'quote compact' : 'quote'}>
      <blockquote>{compact ? <GlanceQuoteWords text={quote.text} /> : `“${quote.text}”`}</blockquote>
      <figcaption>
        — {speaker}
        {quote.date ? `, ${formatIsoDate(quote.date)}` : ''}
        {quote.where && !compact ? `, ${quote.where}` : ''}
        {quote.secondhand ? <span class="secondhand">{quote.secondhand}</span> : null}
        {quote.unverified ? <span class="secondhand">unverified: no specific document found</span> : null}
        {compact ? <CompactSources ids={ids} sources={sources} onViewSource={onViewSource} /> : <SourceLinks ids={ids} sources={sources} onViewSource={onViewSource} />}
      </figcaption>
    </figure>
  );
}

/**
 * The glance's quote: whole up to GLANCE_QUOTE_CHARS, else its start; a shorter start too, shown
 * instead when the glance is short of room (glance.css). Both cut between words and end "…"; the
 * full card has the whole quote.
 */
function GlanceQuoteWords({ text }: { text: string }) {
  const roomy = quoteExcerpt(text, GLANCE_QUOTE_CHARS);
  const tight = quoteExcerpt(text, TIGHT_QUOTE_CHARS);
  if (tight === roomy) return <>“{roomy}”</>;
  return (
    <>
      <span class="quote-roomy">“{roomy}”</span>
      <span class="quote-tight">“{tight}”</span>
    </>
  );
}
