/** Formatting shared by cards, popup and the source viewer: dates and citations in readers' terms. */
import type { Confidence, Source } from '../pack/schema';

const MONTHS = ['Jan.', 'Feb.', 'March', 'April', 'May', 'June', 'July', 'Aug.', 'Sept.', 'Oct.', 'Nov.', 'Dec.'];

/** "2018-04-06" → "April 6, 2018"; "2018-04" → "April 2018"; "2018" → "2018" (news style months). */
export function formatIsoDate(iso: string): string {
  const [y, m, d] = iso.split('-');
  if (!m) return y ?? iso;
  const month = MONTHS[Number(m) - 1] ?? m;
  return d ? `${month} ${Number(d)}, ${y}` : `${month} ${y}`;
}

/** A short, readable citation: "DOJ Office of the Inspector General, 21-028, Jan. 14, 2021". */
export function citation(source: Source): string {
  const parts = [source.publisher];
  if (source.number) parts.push(source.number);
  parts.push(formatIsoDate(source.date));
  return parts.join(', ');
}

/** How a fact's confidence is told to the reader; seed-only facts name the one report they rest on. */
export function confidenceNote(confidence: Confidence, sources: Source[]): string | null {
  if (confidence !== 'seed') return null;
  const seed = sources[0];
  return seed ? `reported by ${seed.publisher}, ${formatIsoDate(seed.date)}` : 'reported by a single news article';
}

// Made once, on first use: toLocaleString with options builds a new formatter (and looks up
// its locale data) on every call, which was most of a notes-list row's render time.
let timestampFormat: Intl.DateTimeFormat | undefined;

/** "Nov 29, 2026, 12:45 PM" in the reader's locale; the input as it is when it is not a date. */
export function formatTimestamp(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  timestampFormat ??= new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
  return timestampFormat.format(date);
}

/** The host a reader is shown for a link (with any port); the URL itself when it has none. */
export function displayHost(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}
