/**
 * What the cards say after issue 16's corrections, read as a reader reads them (the rendered
 * card's text), and the card's new parts: quotes beyond the first, the timeline, the pack's
 * "data as of" line and the "Something wrong?" report.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { render } from 'preact';
import axe from 'axe-core';
import { zeroTolerancePack as pack } from '../../../../src/pack/packs/zero-tolerance';
import { entityCard } from '../../../../src/background/cards';
import type { EntityCard } from '../../../../src/messages/protocol';
import type { CardProps } from '../../../../src/components/card/Card';
import { quotesForCard } from '../../../../src/components/card/choose-content';
import { renderCard } from './render-card';
import { correctionReport } from '../../../../src/components/card/correction-report';
import { formatIsoDate } from '../../../../src/components/format';

let root: HTMLElement | null = null;

function show(entityId: string, props: Partial<CardProps> = {}): HTMLElement {
  root = renderCard({ entityId, mentionText: entityId, ...props });
  return root;
}

/** The card's text as a reader sees it, spaces normalised. */
const textOf = (el: Element) => (el.textContent ?? '').replace(/\s+/g, ' ');
const citesOf = (el: Element) => [...el.querySelectorAll('.cite')].map((b) => b.textContent);
const button = (el: Element, label: string | RegExp) =>
  [...el.querySelectorAll<HTMLButtonElement>('button')].find((b) => (typeof label === 'string' ? b.textContent === label : label.test(b.textContent ?? '')))!;
const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

afterEach(() => {
  if (root) {
    render(null, root);
    root.remove();
    root = null;
  }
  vi.unstubAllGlobals();
});

describe('corrected cards', () => {
  it('credit the DHS tracking finding to audit OIG-20-06, with its figures and its own date', () => {
    const card = show('dhs-oig-20-06');
    const text = textOf(card);
    expect(text).toContain('DHS Lacked Technology Needed to Successfully Account for Separated Migrant Families');
    expect(text).toContain('did not have the information technology to track separated families');
    expect(text).toContain('3,014 children');
    expect(text).toMatch(/136 children .*1,233 more/);
    expect(citesOf(card)).toContain('U.S. Department of Homeland Security, Office of Inspector General, OIG-20-06, Nov. 27, 2019');
  });

  it('describe OIG-21-07 as the later report that restates the finding, not its source', () => {
    const text = textOf(show('dhs-oig-21-07'));
    expect(text).toContain('Nov. 10, 2020');
    expect(text).toContain('Restated the finding of audit OIG-20-06');
  });

  it('give both of Donald J. Trump’s terms, dated as of the pack, each sourced', () => {
    const card = show('donald-trump');
    const identity = textOf(card.querySelector('.identity')!);
    expect(identity).toBe('U.S. president, Jan. 20, 2017 – Jan. 20, 2021, and again from Jan. 20, 2025. (as of Dec. 2026)');
    const text = textOf(card);
    expect(text).toContain('Sworn in as the 45th president on Jan. 20, 2017');
    expect(text).toContain('Sworn in as the 47th president on Jan. 20, 2025');
    expect(text).toContain('Executive Order 14148, which revoked Executive Order 14011');
    expect(citesOf(card)).toEqual(expect.arrayContaining(['Roll Call, Jan. 20, 2017', 'Federal Register, FR Doc. 2025-01901, Jan. 20, 2025']));
  });

  it('put the 2021 rescission in the zero tolerance memo’s timeline, naming who rescinded it', () => {
    const card = show('zero-tolerance-memo');
    const timeline = card.querySelector('.timeline')!;
    expect(textOf(timeline.querySelector('summary')!)).toMatch(/^Timeline \(\d+\)$/);
    const rescission = [...timeline.querySelectorAll('li')].find((li) => li.textContent!.includes('rescinds'))!;
    expect(textOf(rescission)).toContain('Jan. 26, 2021');
    expect(textOf(rescission)).toContain('Acting Attorney General Monty Wilkinson rescinds the April 6, 2018, zero tolerance memo');
    expect(citesOf(rescission)).toContain('American Immigration Lawyers Association, AILA Doc. No. 21012730, Jan. 26, 2021');
  });

  it('name who revoked Executive Order 14011 in its timeline', () => {
    const timeline = textOf(show('eo-14011').querySelector('.timeline')!);
    expect(timeline).toContain('Jan. 20, 2025');
    expect(timeline).toContain('Donald J. Trump begins his second term as president and signs Executive Order 14148');
  });

  it('no longer print the unconfirmed Ann Maxwell quote', () => {
    const card = show('ann-maxwell');
    expect(card.querySelectorAll('.quote')).toHaveLength(0);
    expect(textOf(card)).not.toContain('Exactly how many children were separated is unknown');
  });
});

describe('quotes on the card', () => {
  it('lead with a person’s own words and keep a participant’s notes last, labelled', () => {
    const rosenstein = pack.entities.find((e) => e.id === 'rod-rosenstein')!;
    const ordered = quotesForCard(rosenstein);
    expect(ordered[0]!.text).toMatch(/^If any United States attorney ever charged a defendant/);
    expect(ordered.at(-1)!.secondhand).toMatch(/participant’s notes/);

    const card = show('rod-rosenstein');
    const quotes = () => [...card.querySelectorAll('.quote')];
    expect(quotes()).toHaveLength(3);
    expect(textOf(quotes()[0]!)).toContain('If any United States attorney ever charged a defendant');
    expect(textOf(quotes()[1]!)).toContain('I never ordered anyone to prosecute a case.');
    const more = button(card, /^Show \d+ more quotes?$/);
    expect(more.getAttribute('aria-expanded')).toBe('false');
    more.click();
    return flush().then(() => {
      expect(quotes().length).toBe(ordered.length);
      const notes = quotes().at(-1)!;
      expect(textOf(notes)).toContain('IF THEY ARE REFERRING, THEN PROSECUTE.');
      expect(textOf(notes.querySelector('.secondhand')!)).toBe('according to one participant’s notes, as reported by The New York Times');
      expect(button(card, 'Show fewer quotes').getAttribute('aria-expanded')).toBe('true');
    });
  });

  it('keep the sentence after Sessions’s “We never really intended to do that”', () => {
    const text = textOf(show('jeff-sessions'));
    expect(text).toContain(
      '“We never really intended to do that. What we intended to do was to make sure that adults who bring children into the country are charged with the crime they have committed.”',
    );
  });
});

describe('dates the reader can check', () => {
  it('print every citation with its source’s own date, on every card', () => {
    for (const entity of pack.entities) {
      const card = show(entity.id);
      const button = card.querySelector('button.more');
      if (button) (button as HTMLButtonElement).click();
      const payload = entityCard(pack, entity.id);
      const dates = new Set(Object.values(payload.sources).map((s) => formatIsoDate(s.date)));
      for (const label of citesOf(card)) {
        expect({ entity: entity.id, label, dated: [...dates].some((d) => label!.includes(d)) }).toMatchObject({ dated: true });
      }
      render(null, root!);
      root!.remove();
      root = null;
    }
  });

  it('show the pack’s “data as of” date and version on the card', () => {
    expect(textOf(show('jeff-sessions').querySelector('.data-as-of')!)).toBe(
      `Data as of ${formatIsoDate(pack.dataAsOf)} · pack version ${pack.version}`,
    );
  });
});

describe('“Something wrong?”', () => {
  const withAddress = (): EntityCard => {
    const card = entityCard(pack, 'donald-trump');
    return { ...card, pack: { ...card.pack, corrections: { email: 'corrections@example.org' } } };
  };

  it('builds a report with the pack version, the card, its claims and their sources, and no page address unless asked', () => {
    const report = correctionReport(entityCard(pack, 'donald-trump'));
    expect(report).toContain(`version ${pack.version}`);
    expect(report).toContain('Card: Donald J. Trump (donald-trump)');
    expect(report).toContain('Sworn in as the 47th president on Jan. 20, 2025');
    expect(report).toContain('Source: Federal Register, “Executive Order 14148: Initial Rescissions of Harmful Executive Orders and Actions”');
    expect(report).not.toContain('Page where I saw the card');
    expect(correctionReport(entityCard(pack, 'donald-trump'), { pageUrl: 'https://news.example/story' })).toContain(
      'Page where I saw the card: https://news.example/story',
    );
  });

  it('copies the report to the clipboard, with the page’s address only when the box is ticked, and says where to send it', async () => {
    const writeText = vi.fn(async (_text: string) => undefined);
    vi.stubGlobal('navigator', { ...navigator, clipboard: { writeText } });
    const card = show('donald-trump', { card: withAddress(), pageUrl: 'https://news.example/story' });
    const open = button(card, 'Something wrong?');
    expect(open.getAttribute('aria-expanded')).toBe('false');
    open.click();
    await flush();
    expect(textOf(card.querySelector('.report-line')!)).toContain('Send corrections to corrections@example.org.');
    expect(textOf(card.querySelector('.report-line')!)).toContain('Backstory itself sends nothing');

    button(card, 'Copy correction report').click();
    await flush();
    expect(writeText).toHaveBeenCalledTimes(1);
    expect(writeText.mock.calls[0]![0]).not.toContain('news.example');
    expect(textOf(card.querySelector('.report [role="status"]')!)).toBe('Copied to the clipboard.');

    const box = card.querySelector<HTMLInputElement>('.report input[type="checkbox"]')!;
    box.click();
    await flush();
    button(card, 'Copy correction report').click();
    await flush();
    expect(writeText.mock.calls[1]![0]).toContain('Page where I saw the card: https://news.example/story');
  });

  it('shows the report to select by hand when the clipboard refuses', async () => {
    vi.stubGlobal('navigator', { ...navigator, clipboard: { writeText: async () => Promise.reject(new Error('denied')) } });
    const card = show('jeff-sessions');
    button(card, 'Something wrong?').click();
    await flush();
    button(card, 'Copy correction report').click();
    await flush();
    const area = card.querySelector<HTMLTextAreaElement>('textarea.report-text')!;
    expect(area.value).toContain('Card: Jeff Sessions (jeff-sessions)');
    expect(textOf(card.querySelector('.report-line')!)).toContain('maintainers of this topic pack');
  });

  it('passes axe with the report, the timeline and every quote open', async () => {
    const card = show('rod-rosenstein');
    button(card, 'Something wrong?').click();
    button(card, /^Show \d+ more quotes?$/).click();
    await flush();
    card.querySelector('details')!.setAttribute('open', '');
    const results = await axe.run(card, { rules: { 'color-contrast': { enabled: false }, region: { enabled: false } } });
    expect(results.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
  });
});
