import { describe, expect, it } from 'vitest';
import {
  ATTENDEE_MINUTE,
  NUMBER_MONTH,
  SMS_DEFAULT_PRICE,
  SMS_PRICES,
  STORAGE_GB_MONTH,
  smsPriceFor,
  toMicros,
} from '../src/prices.ts';

describe('the price table', () => {
  it('gives every row an integer micro-USD price, a source and the date it was read', () => {
    const rows = [
      ...Object.values(SMS_PRICES),
      SMS_DEFAULT_PRICE,
      ATTENDEE_MINUTE,
      STORAGE_GB_MONTH,
      ...Object.values(NUMBER_MONTH),
    ];
    for (const row of rows) {
      expect(Number.isInteger(row.unitPriceMicros), row.unit).toBe(true);
      expect(row.source.length).toBeGreaterThan(10);
      expect(row.asOf).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
  });

  it('finds an SMS row by calling code (+1 as the US), and the default row for any other code', () => {
    expect(smsPriceFor('41')).toEqual({ country: 'CH', row: SMS_PRICES.CH });
    expect(smsPriceFor('1').country).toBe('US');
    expect(smsPriceFor('81')).toEqual({ row: SMS_DEFAULT_PRICE });
  });

  it('turns USD into micro-USD rounding half up, without binary-fraction surprises', () => {
    expect(toMicros(0.0317)).toBe(31_700);
    expect(toMicros(0.0000125)).toBe(13);
    expect(toMicros(0.1 + 0.2)).toBe(300_000);
    expect(toMicros(0)).toBe(0);
  });
});
