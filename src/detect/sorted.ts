/** Binary search over sorted lists of offsets, shared by the text model and by mention lookups. */

/**
 * The first index in [0, count) at which `reached(i)` holds, for a `reached` that is false up
 * to some index and true from there on; `count` when it never holds.
 */
export function firstReached(count: number, reached: (i: number) => boolean): number {
  let lo = 0;
  let hi = count;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (reached(mid)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
