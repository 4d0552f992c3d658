/** The welcome page: opened once, when Backstory is installed (not on updates or browser restarts). */
import { browser } from 'wxt/browser';

export const WELCOME_PAGE = '/welcome.html';

export function openWelcomeOnInstall(): void {
  browser.runtime.onInstalled.addListener(({ reason }) => {
    if (reason === 'install') void browser.tabs.create({ url: browser.runtime.getURL(WELCOME_PAGE as '/welcome.html') });
  });
}
