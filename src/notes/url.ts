/**
 * The page key notes are stored under. Two visits to the same article should
 * find the same notes even when one came from a newsletter link with tracking
 * parameters or jumped to a #section; everything else in the URL is kept,
 * because query parameters often select the article itself (?id=123, ?page=2).
 */

const TRACKING_PARAMETERS = new Set(['fbclid', 'gclid', 'mc_cid', 'mc_eid', 'igshid']);

function isTrackingParameter(name: string): boolean {
  const lower = name.toLowerCase();
  return lower.startsWith('utm_') || TRACKING_PARAMETERS.has(lower);
}

/**
 * Drops the fragment and tracking parameters, lowercases the host and drops a
 * default port (the URL parser does those two), and drops empty "&&" pairs and
 * a bare "?". The remaining parameters keep their order and original encoding.
 * Not a URL → returned unchanged.
 * Idempotent: normalizing a normalized URL changes nothing.
 */
export function normalizePageUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return url;
  }
  parsed.hash = '';
  // Filter the raw query rather than going through URLSearchParams, which
  // would re-encode what it keeps (spaces as "+", "~" as "%7E", ...).
  const keptParameters = parsed.search
    .slice(1)
    .split('&')
    .filter((pair) => pair !== '' && !isTrackingParameter(parameterName(pair)));
  // Assigning '' also drops a bare trailing "?".
  parsed.search = keptParameters.length > 0 ? `?${keptParameters.join('&')}` : '';
  return parsed.href;
}

/** The hostname of a page URL (no port), lowercased, or '' when it has none: what notes are grouped and searched by. */
export function hostnameOf(url: string): string {
  try {
    return new URL(url).hostname;
  } catch {
    return '';
  }
}

function parameterName(pair: string): string {
  const raw = pair.split('=', 1)[0] ?? '';
  try {
    return decodeURIComponent(raw.replace(/\+/g, ' '));
  } catch {
    return raw;
  }
}
