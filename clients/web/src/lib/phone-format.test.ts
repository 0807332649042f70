import { describe, expect, it } from 'vitest';
import { billedCost, billedSeconds, countryOfNumber, formatMoney, formatNumber, parseNumber } from './phone-format.ts';

describe('phone numbers as people type them', () => {
  it('reads a number in any format: international, pasted with dashes or 00, or national in my country', () => {
    // Given numbers written the ways people write them, then each is the same E.164 number
    for (const typed of ['+41 44 668 18 00', '+41-44-668-18-00', '0041 44 668 18 00', '(+41) 446681800']) {
      expect(parseNumber(typed)).toMatchObject({ e164: '+41446681800', country: 'CH', valid: true });
    }
    // And a national number is read in the default country
    expect(parseNumber('044 668 18 00', 'CH')).toMatchObject({ e164: '+41446681800', display: '+41 44 668 18 00' });
    expect(parseNumber('6123-4567', 'PA')).toMatchObject({ e164: '+50761234567', country: 'PA' });
  });

  it('has no number yet while it is incomplete, or national without a country to read it in', () => {
    // Given part of a number, then there is nothing to dial yet, but what was typed is grouped
    const partial = parseNumber('+41 44');
    expect(partial).toMatchObject({ display: '+41 44', valid: false, country: 'CH' });
    expect(partial.e164).toBeUndefined();
    expect(parseNumber('').e164).toBeUndefined();
    // And a national number with no default country is not guessed
    expect(parseNumber('044 668 18 00').e164).toBeUndefined();
    // And * or # make it a keypad code, not a number
    expect(parseNumber('*123#').e164).toBeUndefined();
  });

  it('shows numbers in international format and knows their country', () => {
    expect(formatNumber('+41446681800')).toBe('+41 44 668 18 00');
    expect(formatNumber('+6561234567')).toBe('+65 6123 4567');
    expect(formatNumber('not a number')).toBe('not a number');
    expect(countryOfNumber('+50761234567')).toBe('PA');
    expect(countryOfNumber(undefined)).toBeUndefined();
  });
});

describe('what a phone call costs as billed', () => {
  const perMinute = { ratePerMinute: 0.02, currency: 'USD' as const, billing: { firstSeconds: 60, nextSeconds: 60 } };

  it('bills the first minute at once, then each started minute', () => {
    // Given a call billed per minute at $0.02, then the cost so far is
    expect(billedSeconds(0, perMinute.billing)).toBe(60);
    expect(billedCost(1, perMinute)).toBe(0.02);
    expect(billedCost(60, perMinute)).toBe(0.02);
    expect(billedCost(61, perMinute)).toBe(0.04);
    expect(billedCost(65, perMinute)).toBe(0.04);
    expect(billedCost(181, perMinute)).toBe(0.08);
  });

  it('follows other increments: 30 s first, then every 6 s', () => {
    // Given 30/6 billing at $0.10 a minute
    const rate = { ...perMinute, ratePerMinute: 0.1, billing: { firstSeconds: 30, nextSeconds: 6 } };
    // Then 31 s bill 36 s, and 45 s bill 48 s
    expect(billedSeconds(31, rate.billing)).toBe(36);
    expect(billedCost(31, rate)).toBe(0.06);
    expect(billedSeconds(45, rate.billing)).toBe(48);
    expect(billedCost(45, rate)).toBe(0.08);
  });

  it('writes money with two to four decimals', () => {
    expect(formatMoney(0.04, 'USD', 'en')).toBe('$0.04');
    expect(formatMoney(0.035, 'USD', 'en')).toBe('$0.035');
    expect(formatMoney(0.02, 'USD', 'es')).toContain('0,02');
  });
});
