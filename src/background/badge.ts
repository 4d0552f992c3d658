/**
 * The toolbar badge: how many names Backstory highlights on the tab's page. Empty on every other
 * page, and while Backstory is paused or off for the site (the page's session then reports none).
 */
import { browser } from 'wxt/browser';
import type { PageReport } from '../messages/protocol';

/** The badge for one report: the count of names highlighted (a covered page, or one scanned on asking), else nothing. */
export function badgeText(report: PageReport): string {
  if (!report.highlighting || report.names <= 0) return '';
  return report.names > 999 ? '999+' : String(report.names);
}

/** The toolbar button: `action` under Manifest V3 (Chrome), `browserAction` under V2 (Firefox). */
function toolbarButton() {
  return browser.action ?? browser.browserAction;
}

export async function setTabBadge(tabId: number, text: string): Promise<void> {
  // The tab may have closed meanwhile; nothing then to show.
  await toolbarButton()
    ?.setBadgeText({ tabId, text })
    .catch(() => undefined);
}

export async function clearAllBadges(): Promise<void> {
  const tabs = await browser.tabs.query({}).catch(() => []);
  await Promise.all(tabs.map((t) => (t.id === undefined ? undefined : setTabBadge(t.id, ''))));
}

/** A new page in a tab starts with no badge, until its session reports. */
export function watchTabsForBadge(): void {
  void toolbarButton()?.setBadgeBackgroundColor({ color: '#1d4f91' });
  browser.tabs.onUpdated.addListener((tabId, change) => {
    if (change.status === 'loading') void setTabBadge(tabId, '');
  });
}
