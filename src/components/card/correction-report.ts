/**
 * The text a reader copies from a card's "Something wrong?" control: which pack and card, every
 * claim the card shows with the documents it cites, and the page's address only when the reader
 * asks for it. Plain text, so it pastes into any email or form; Backstory itself sends nothing.
 */
import type { EntityCard } from '../../messages/protocol';
import type { Source } from '../../pack/schema';
import { formatIsoDate } from '../format';

export interface CorrectionReportOptions {
  /** Included only when the reader ticked the box. */
  pageUrl?: string;
}

/** Where the pack asks for corrections to go, in words, or null when it names nowhere. */
export function correctionsAddress(card: EntityCard): string | null {
  const to = card.pack.corrections;
  return to?.email ?? to?.url ?? null;
}

function sourceLine(source: Source | undefined, id: string): string {
  if (!source) return `[${id}]`;
  const parts = [source.publisher, `“${source.title}”`];
  if (source.number) parts.push(source.number);
  parts.push(formatIsoDate(source.date));
  if (source.url) parts.push(source.url);
  return parts.join(', ');
}

export function correctionReport(card: EntityCard, options: CorrectionReportOptions = {}): string {
  const { entity, sources, pack } = card;
  const lines: string[] = [
    'Backstory correction report',
    `Pack: ${pack.title}, version ${pack.version}, data as of ${formatIsoDate(pack.dataAsOf)}`,
    `Card: ${entity.name} (${entity.id})`,
    '',
    'What is wrong, and the document that shows it:',
    '',
    '',
    'What the card says:',
    `- Identity: ${entity.identity}${entity.asOf ? ` (as of ${formatIsoDate(entity.asOf)})` : ''}`,
    `- Role: ${entity.role}`,
  ];
  let n = 0;
  const claim = (label: string, text: string, ids: readonly string[]) => {
    n += 1;
    lines.push(`${n}. ${label}${text}`);
    for (const id of ids) lines.push(`   Source: ${sourceLine(sources[id], id)}`);
  };
  const when = (date?: string) => (date ? `${formatIsoDate(date)}: ` : '');
  for (const f of entity.facts) claim(when(f.date), `${f.text}${f.unverified ? ' [unverified]' : ''}`, f.sources);
  for (const q of entity.quotes ?? []) {
    const speaker = card.names[q.speaker] ?? q.speaker;
    const secondhand = q.secondhand ? `, ${q.secondhand}` : '';
    claim(when(q.date), `“${q.text}” (${speaker}${secondhand})`, [q.source, ...(q.alsoIn ?? [])]);
  }
  for (const f of entity.figures ?? []) claim('Figure: ', `${f.value} ${f.scope}`, f.sources);
  for (const t of card.events) claim(`Timeline, ${when(t.date)}`, t.description, t.sources);
  if (options.pageUrl) lines.push('', `Page where I saw the card: ${options.pageUrl}`);
  return lines.join('\n');
}
