import { describe, expect, it } from 'vitest';
import * as v from 'valibot';
import { IsoDate } from '../../../src/pack/schema';

describe('IsoDate', () => {
  it('accepts day, month and year precision', () => {
    for (const d of ['2018-04-06', '2018-04', '2018']) expect(v.safeParse(IsoDate, d).success).toBe(true);
  });
  it('rejects dates that are not on the calendar', () => {
    for (const d of ['2018-02-30', '2018-13', '18-04-06', 'April 6']) expect(v.safeParse(IsoDate, d).success).toBe(false);
  });
});
