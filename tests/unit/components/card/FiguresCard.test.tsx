import { afterEach, describe, expect, it, vi } from 'vitest';
import { zeroTolerancePack as pack } from '../../../../src/pack/packs/zero-tolerance';
import { measureCard } from '../../../../src/background/cards';
import { FiguresCard, dayNumber, nearestFigure } from '../../../../src/components/card/FiguresCard';
import { mount, unmount } from './render-card';

let root: HTMLElement | null = null;

function show(articleDate: string | null, onViewSource = vi.fn()): HTMLElement {
  root = mount(
    <FiguresCard card={measureCard(pack, 'children-separated')} mentionText="2,300 children" articleDate={articleDate} onViewSource={onViewSource} onClose={() => undefined} />,
  );
  return root;
}

afterEach(() => {
  root = unmount(root);
});

describe('nearestFigure', () => {
  it('picks the figure whose as-of date is nearest the article, reading a month as its middle', () => {
    const figures = [{ asOf: '2018-05-31' }, { asOf: '2018-07' }, {}, { asOf: '2021-01-14' }];
    expect(nearestFigure(figures, '2018-06-20')).toBe(0);
    expect(nearestFigure(figures, '2018-07-10')).toBe(1);
    expect(nearestFigure(figures, '2022-01-01')).toBe(3);
    expect(nearestFigure(figures, null)).toBe(-1);
    expect(dayNumber('2018-07')).toBe(dayNumber('2018-07-15'));
  });
});

describe('FiguresCard', () => {
  it('lists every figure of the measure with its scope, as-of date and source, and marks exactly one nearest', () => {
    const card = measureCard(pack, 'children-separated');
    const el = show('2018-06-20');
    const items = [...el.querySelectorAll('.figure-list li')];
    expect(items).toHaveLength(card.figures.length);
    for (const { figure } of card.figures) {
      const li = items.find((item) => item.textContent!.includes(figure.scope))!;
      expect(li.textContent).toContain(figure.value);
      expect(li.querySelectorAll('.cite').length).toBeGreaterThan(0);
    }
    // Oldest first, as the chart reads.
    const asOf = items.map((li) => card.figures.find((f) => li.textContent!.includes(f.figure.scope))!.figure.asOf ?? '9999');
    expect(asOf).toEqual([...asOf].sort());
    expect(el.querySelectorAll('.figure-list li.nearest')).toHaveLength(1);
    const nearest = card.figures[nearestFigure(card.figures.map((f) => f.figure), '2018-06-20')]!.figure;
    expect(el.querySelector('.figure-list li.nearest')!.textContent).toContain(nearest.scope);
  });

  it('draws each dated figure on the chart and the article date as a line, ranges as bars', () => {
    const card = measureCard(pack, 'children-separated');
    const el = show('2018-06-20');
    const dated = card.figures.filter((f) => f.figure.asOf && f.figure.count !== undefined);
    const svg = el.querySelector('svg.figure-chart')!;
    expect(svg.getAttribute('role')).toBe('img');
    expect(svg.querySelectorAll('.point')).toHaveLength(dated.length);
    expect(svg.querySelectorAll('rect.point')).toHaveLength(dated.filter((f) => f.figure.countHigh !== undefined).length);
    expect(svg.querySelectorAll('line.article-date')).toHaveLength(1);
  });

  it('marks none and draws no date line for an undated article', () => {
    const el = show(null);
    expect(el.querySelectorAll('.figure-list li.nearest')).toHaveLength(0);
    expect(el.querySelectorAll('line.article-date')).toHaveLength(0);
  });

  it('opens a figure’s source', () => {
    const onViewSource = vi.fn();
    const el = show(null, onViewSource);
    el.querySelector<HTMLButtonElement>('.figure-list .cite')!.click();
    const first = el.querySelector('.figure-list li')!.textContent!;
    const figure = measureCard(pack, 'children-separated').figures.find((f) => first.includes(f.figure.scope))!.figure;
    expect(onViewSource).toHaveBeenCalledWith(figure.sources[0]);
  });
});
