/** useAfterPaint: a value that changes only once a frame has been painted after it. */
import { describe, expect, it } from 'vitest';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { useAfterPaint } from '../../../../src/extension-pages/notes/after-paint';
import { useRoot } from './list-helpers';

const root = useRoot();

describe('useAfterPaint', () => {
  it('keeps the value from before until a frame is painted, even when the component renders again first', async () => {
    const seen: string[] = [];
    function Probe({ tick }: { tick: number }) {
      seen.push(`${tick}:${useAfterPaint('new', 'old')}`);
      return null;
    }
    // act runs pending effects at once, as Preact does when a component renders again before a paint.
    act(() => render(<Probe tick={0} />, root()));
    act(() => render(<Probe tick={1} />, root()));
    expect(seen).toEqual(['0:old', '1:old']);
    await act(() => new Promise((resolve) => setTimeout(resolve, 150)));
    expect(seen.at(-1)).toBe('1:new');
  });
});
