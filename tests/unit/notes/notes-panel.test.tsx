import { describe, expect, it } from 'vitest';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { NotesPanel } from '../../../src/ui/notes/NotesPanel';
import { summariesOf, useRoot } from './list-helpers';

const sites = ['news.example', 'wire.example'];
const notes = summariesOf(2, (i) => ({ pageUrl: `https://${sites[i]}/story`, pageTitle: `Story ${i}`, text: `Note ${i}`, tags: [`tag-${i}`] }));
const root = useRoot();

const options = (label: string) =>
  [...root().querySelectorAll<HTMLSelectElement>('select')].find((s) => s.getAttribute('aria-label') === label)!.querySelectorAll('option').length;

describe('the notes panel', () => {
  it('draws its first frame without the filters’ choices, and adds them once that frame is painted', async () => {
    render(
      <NotesPanel notes={notes} total={2} loading={false} rowMetrics={{ charsPerLine: 58, textLine: 17, frame: 81 }} emptyMessage="none" />,
      root(),
    );
    expect(root().querySelectorAll('article.note')).toHaveLength(2);
    expect([options('Filter by site'), options('Filter by tag')]).toEqual([1, 1]);
    await act(() => new Promise((resolve) => setTimeout(resolve, 150)));
    expect([options('Filter by site'), options('Filter by tag')]).toEqual([3, 3]);
  });
});
