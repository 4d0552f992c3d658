import { describe, expect, it } from 'vitest';
import { describeFilters, noMatchMessage } from '../../../../src/extension-pages/notes/filter-summary';

describe('the empty notes list', () => {
  it('names the filters in force when only filters are set (never an empty quote)', () => {
    const message = noMatchMessage({ query: '', site: 'news.example', tag: 'todo' }, false);
    expect(message).toBe('No notes match site news.example and tag “todo”.');
    expect(message).not.toContain('“”');
  });

  it('names the search with the filters', () => {
    expect(noMatchMessage({ query: '  memo ', entityName: 'Jeff Sessions' }, false)).toBe('No notes match the search “memo” and name Jeff Sessions.');
    expect(describeFilters({ query: 'a', site: 's', entityName: 'n', tag: 't' })).toEqual(['the search “a”', 'site s', 'name n', 'tag “t”']);
  });

  it('says when more notes are still arriving', () => {
    expect(noMatchMessage({ query: 'memo' }, true)).toBe('No notes match the search “memo” yet; still loading the rest…');
  });

  it('without search or filters says only that there is nothing to show', () => {
    expect(noMatchMessage({ query: ' ' }, false)).toBe('No notes to show.');
  });
});
