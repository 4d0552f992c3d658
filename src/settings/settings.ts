/** User settings, their defaults, and how a stored value is read back safely. */
import type { EntityType } from '../pack/schema';

export type HighlightStyle = 'underline' | 'background';

export interface Settings {
  /** Pause Backstory everywhere. */
  paused: boolean;
  /** Hosts where Backstory stays off. */
  disabledSites: string[];
  /** Which kinds of names to highlight. */
  entityTypes: Record<EntityType, boolean>;
  /** Highlight only the first mention of each entity. */
  firstMentionOnly: boolean;
  highlightStyle: HighlightStyle;
}

export const DEFAULT_SETTINGS: Settings = {
  paused: false,
  disabledSites: [],
  entityTypes: { person: true, organization: true, document: true, case: true, event: true, term: true },
  firstMentionOnly: false,
  highlightStyle: 'underline',
};

/** Reads a stored value defensively: unknown keys dropped, wrong types replaced by defaults. */
export function coerceSettings(stored: unknown): Settings {
  const s = (stored && typeof stored === 'object' ? stored : {}) as Partial<Record<keyof Settings, unknown>>;
  const types = { ...DEFAULT_SETTINGS.entityTypes };
  if (s.entityTypes && typeof s.entityTypes === 'object') {
    for (const key of Object.keys(types) as EntityType[]) {
      const value = (s.entityTypes as Record<string, unknown>)[key];
      if (typeof value === 'boolean') types[key] = value;
    }
  }
  return {
    paused: typeof s.paused === 'boolean' ? s.paused : DEFAULT_SETTINGS.paused,
    disabledSites: Array.isArray(s.disabledSites)
      ? s.disabledSites.filter((h): h is string => typeof h === 'string').slice(0, 1000)
      : [],
    entityTypes: types,
    firstMentionOnly: typeof s.firstMentionOnly === 'boolean' ? s.firstMentionOnly : DEFAULT_SETTINGS.firstMentionOnly,
    highlightStyle: s.highlightStyle === 'background' ? 'background' : 'underline',
  };
}

/** The name settings give a page's site: its host (with any port), lowercased, as the content side reads location.host; '' when it has none. */
export function siteOf(url: string): string {
  try {
    return new URL(url).host.toLowerCase();
  } catch {
    return '';
  }
}

/** Whether Backstory should act on a page with this host. */
export function isActiveOn(settings: Settings, host: string): boolean {
  return !settings.paused && !settings.disabledSites.includes(host.toLowerCase());
}
