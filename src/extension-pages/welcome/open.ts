/** Opening the welcome page and its sample article from the popup and the settings page. */
import { browser } from 'wxt/browser';

export function openWelcomePage(): void {
  void browser.tabs.create({ url: browser.runtime.getURL('/welcome.html') });
}

export function openSampleArticle(): void {
  void browser.tabs.create({ url: browser.runtime.getURL('/sample.html') });
}
