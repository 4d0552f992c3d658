/** Waiting for a painted frame, so work a list can do later stays out of its first one. */
import { useEffect, useState } from 'preact/hooks';

/** Resolves after the next frame has been painted (or soon, in a tab that is not painting). */
export function afterPaint(): Promise<void> {
  return new Promise((resolve) => {
    const fallback = setTimeout(resolve, 100);
    requestAnimationFrame(() =>
      setTimeout(() => {
        clearTimeout(fallback);
        resolve();
      }, 0),
    );
  });
}

/**
 * `value` as of the last painted frame: `before` at first, then each new value once a frame has
 * been painted after it. Not a plain `useEffect`: Preact runs a component's pending effects as
 * soon as it renders again, so a re-render before the paint (a reply arriving, a row measured)
 * would pull the work that waits on this into the frame it was meant to stay out of.
 */
export function useAfterPaint<T>(value: T, before: T): T {
  const [painted, setPainted] = useState(before);
  useEffect(() => {
    let live = true;
    void afterPaint().then(() => live && setPainted(() => value));
    return () => {
      live = false;
    };
  }, [value]);
  return painted;
}
