/** "Scan this page anyway" in the popup: the honest wording of a forced verdict, and the button's round trip. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { browser } from 'wxt/browser';
import { forcedVerdictOf, ForcedVerdict, ScanAnyway } from '../../../../src/extension-pages/popup/ScanAnyway';
import type { PageSummary } from '../../../../src/messages/protocol';
import { useRoot } from '../notes/list-helpers';

const root = useRoot();

const summary = (entities: PageSummary['entities']): PageSummary => ({
  url: 'https://news.example/budget',
  title: 'Budget',
  covered: false,
  score: 0,
  entities,
  orphanIds: [],
  paused: false,
  forced: true,
  published: null,
  publishedConfidence: null,
});
const sessions = { entityId: 'jeff-sessions', name: 'Jeff Sessions', type: 'person', count: 2 };

afterEach(() => {
  vi.restoreAllMocks();
  delete (browser as unknown as { scripting?: unknown }).scripting;
});

describe('forcedVerdictOf', () => {
  it('says the page was not judged to be about the pack’s topic, and was highlighted because the reader asked', () => {
    expect(forcedVerdictOf(summary([sessions]), 'A Topic (1999)').title).toBe('Not judged to be about A Topic (1999) — highlighted because you asked.');
  });

  it('says no names of the topic were found when there are none', () => {
    expect(forcedVerdictOf(summary([]), 'A Topic (1999)').title).toBe('No names from A Topic (1999) found on this page.');
  });

  it('names no topic of its own before the pack’s title has arrived', () => {
    const { title } = forcedVerdictOf(summary([sessions]), null);
    expect(title).toBe('Not judged to be about the topic Backstory covers — highlighted because you asked.');
  });

  it('renders as the coverage section', () => {
    render(<ForcedVerdict summary={summary([])} topic="A Topic" />, root());
    expect(root().querySelector('section[aria-label="Coverage"] .verdict-title')!.textContent).toBe('No names from A Topic found on this page.');
  });
});

describe('ScanAnyway', () => {
  const button = () => root().querySelector('button')!;

  it('asks the tab to scan anyway and hands the page’s new summary on', async () => {
    const send = vi.spyOn(browser.tabs, 'sendMessage').mockResolvedValue(summary([sessions]) as never);
    const onScanned = vi.fn();
    render(<ScanAnyway tabId={7} onScanned={onScanned} />, root());
    expect(button().textContent).toBe('Scan this page anyway');
    await act(async () => button().click());
    await vi.waitFor(() => expect(onScanned).toHaveBeenCalledWith(summary([sessions])));
    expect(send).toHaveBeenCalledWith(7, { type: 'backstory:scan-anyway' }, { frameId: 0 });
  });

  it('says so when the page cannot be reached, and can be tried again', async () => {
    vi.spyOn(browser.tabs, 'sendMessage').mockRejectedValue(new Error('Receiving end does not exist.'));
    (browser as unknown as { scripting: unknown }).scripting = { executeScript: vi.fn().mockRejectedValue(new Error('Cannot access contents of the page.')) };
    const onScanned = vi.fn();
    render(<ScanAnyway tabId={7} onScanned={onScanned} />, root());
    await act(async () => button().click());
    await vi.waitFor(() => expect(root().querySelector('[role="alert"]')?.textContent).toBe('Backstory could not scan this page. Reload it and try again.'));
    expect(onScanned).not.toHaveBeenCalled();
    expect(button().disabled).toBe(false);
  });
});
