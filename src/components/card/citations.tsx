/**
 * How a card cites its sources: a short label per source (publisher, number or kind, date), a
 * line of source buttons, and the glance's compact form with the rest behind "Sources (n)".
 */
import { useState } from 'preact/hooks';
import type { Source } from '../../pack/schema';
import { formatIsoDate } from '../format';

/** Opens a source's context: the source, and the excerpt and quote to find in it. */
export type ViewSource = (sourceId: string, excerptId?: string, quote?: string) => void;

/** What a source is, said where its publisher alone would not: "memo" vs "press release" from the same office. */
const KIND_WORDS: Partial<Record<Source['kind'], string>> = {
  report: 'report',
  memo: 'memo',
  'court-order': 'court order',
  'court-filing': 'court filing',
  'executive-order': 'executive order',
  statement: 'statement',
  'press-release': 'press release',
  hearing: 'hearing',
  'social-post': 'post',
  interview: 'interview',
};

/** A source as the card cites it: publisher, its number or what kind of document it is, and its own date. */
export function citeLabel(source: Source): string {
  const parts = [source.publisher];
  const kind = KIND_WORDS[source.kind];
  if (source.number) parts.push(source.number);
  else if (kind) parts.push(kind);
  parts.push(formatIsoDate(source.date));
  return parts.join(', ');
}

/** Labels for a list of sources; two that would read the same get the start of their titles. */
export function citeLabels(list: Source[]): string[] {
  const labels = list.map((s) => citeLabel(s));
  return labels.map((label, i) =>
    labels.indexOf(label) !== labels.lastIndexOf(label) ? `${label}: ${shortTitle(list[i]!.title)}` : label,
  );
}

function shortTitle(title: string): string {
  const words = title.split(/\s+/);
  return words.length > 6 ? `${words.slice(0, 6).join(' ')}…` : title;
}

export interface SourcesProps {
  ids: readonly string[];
  sources: Record<string, Source>;
  onViewSource: ViewSource;
}

/** One button per known source, each opening that source's context. */
export function SourceLinks({ ids, sources, onViewSource }: SourcesProps) {
  const known = ids.filter((id) => sources[id]);
  if (known.length === 0) return null;
  const labels = citeLabels(known.map((id) => sources[id]!));
  return (
    <span class="cites" role="group" aria-label={known.length === 1 ? 'Source' : 'Sources'}>
      {known.map((id, i) => (
        <button type="button" class="cite" key={id} title={`${sources[id]!.title} — view source context`} onClick={() => onViewSource(id)}>
          {labels[i]}
        </button>
      ))}
    </span>
  );
}

/** One source named, the rest behind "Sources (n)": a glance keeps each fact's source line short. */
export function CompactSources({ ids, sources, onViewSource }: SourcesProps) {
  const [open, setOpen] = useState(false);
  const known = ids.filter((id) => sources[id]);
  const shown = open ? known : known.slice(0, 1);
  return (
    <span class={open ? 'compact-sources open' : 'compact-sources'}>
      <SourceLinks ids={shown} sources={sources} onViewSource={onViewSource} />
      {known.length > 1 ? (
        <button type="button" class="sources-toggle" aria-expanded={open} onClick={() => setOpen(!open)}>
          {open ? 'Fewer sources' : `Sources (${known.length})`}
        </button>
      ) : null}
    </span>
  );
}
