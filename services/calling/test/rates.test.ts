import { describe, expect, it } from 'vitest';
import {
  COUNTRY_RATES,
  INBOUND_DEFAULT,
  INBOUND_RATES,
  PREMIUM_RATE,
  type RateRow,
  REGION_RATES,
  SATELLITE_RATE,
  WORLD_RATE,
} from '../src/domain/rate-table.ts';
import { billedSeconds, costOf, inboundRateFor, rateFor } from '../src/domain/rates.ts';

const perMinute = { firstSeconds: 60, nextSeconds: 60 };
const swiss = { firstSeconds: 60, nextSeconds: 1 };

describe('rateFor', () => {
  it.each([
    ['+5072123456', 'PA', 'fixed', 0.035],
    ['+50761234567', 'PA', 'mobile', 0.12],
    ['+6561234567', 'SG', 'fixed', 0.012],
    ['+6581234567', 'SG', 'mobile', 0.018],
    ['+41446681800', 'CH', 'fixed', 0.02],
    ['+41791234567', 'CH', 'mobile', 0.14],
  ])('given %s, then it is a %s %s number at its own per-minute rate', (e164, country, numberType, ratePerMinute) => {
    expect(rateFor(e164)).toMatchObject({ country, numberType, ratePerMinute, currency: 'USD' });
  });

  it('given a mobile and a fixed line of the same country, then the mobile costs more per minute', () => {
    expect(rateFor('+41791234567').ratePerMinute).toBeGreaterThan(rateFor('+41446681800').ratePerMinute);
    expect(rateFor('+50761234567').ratePerMinute).toBeGreaterThan(rateFor('+5072123456').ratePerMinute);
  });

  it('given a Swiss number, then it is billed a first minute and then by the second; elsewhere by the started minute', () => {
    expect(rateFor('+41446681800').billing).toEqual(swiss);
    expect(rateFor('+6581234567').billing).toEqual(perMinute);
    expect(rateFor('+5072123456').billing).toEqual(perMinute);
  });

  it('given a country with no row of its own, then its region prices it', () => {
    // Austria: no country row, the European one
    expect(rateFor('+436641234567')).toMatchObject({ country: 'AT', numberType: 'mobile', ratePerMinute: 0.12 });
  });

  it('given a country of no region, then the rest-of-world default prices it', () => {
    expect(rateFor('+244923123456')).toMatchObject({ country: 'AO', numberType: 'mobile', ratePerMinute: 0.35 });
    expect(rateFor('+22721201234')).toMatchObject({ country: 'NE', ratePerMinute: 0.25 });
  });

  it('given a US number (fixed or mobile), then it is priced and billed as NANP', () => {
    expect(rateFor('+12125551234')).toMatchObject({
      country: 'US',
      numberType: 'fixed-or-mobile',
      ratePerMinute: 0.004,
      billing: { firstSeconds: 6, nextSeconds: 6 },
    });
  });

  it('given premium, toll-free and satellite numbers, then each has its type and the refused ones their own price', () => {
    expect(rateFor('+41900123456')).toMatchObject({ country: 'CH', numberType: 'premium', ratePerMinute: 2.5 });
    expect(rateFor('+41840123456')).toMatchObject({ numberType: 'shared-cost', ratePerMinute: 2.5 });
    expect(rateFor('+18005551234')).toMatchObject({ country: 'US', numberType: 'toll-free', ratePerMinute: 0.004 });
    expect(rateFor('+881612345678')).toMatchObject({ country: null, numberType: 'satellite', ratePerMinute: 9.5 });
    expect(rateFor('+870773123456')).toMatchObject({ country: null, numberType: 'satellite' });
  });

  it('given something that is not a number, then it has no country and the dearest ordinary price', () => {
    expect(rateFor('+99999')).toMatchObject({ country: null, numberType: 'other', ratePerMinute: 0.35 });
  });
});

describe('inboundRateFor', () => {
  it("given a Parley number's country, then its inbound per-minute price", () => {
    expect(inboundRateFor('CH')).toEqual({ country: 'CH', ratePerMinute: 0.006, currency: 'USD', billing: swiss });
    expect(inboundRateFor('PA')).toMatchObject({ ratePerMinute: 0.01, billing: perMinute });
    expect(inboundRateFor('US')).toMatchObject({ ratePerMinute: 0.0022 });
  });

  it('given a country without an inbound row, then the default', () => {
    expect(inboundRateFor('DE')).toMatchObject({ country: 'DE', ratePerMinute: 0.012, currency: 'USD' });
  });
});

describe('billedSeconds', () => {
  it.each([
    [0, 0],
    [1, 60],
    [59, 60],
    [60, 60],
    [61, 120],
    [120, 120],
    [121, 180],
  ])('given per-minute billing and %i s, then %i s are billed', (duration, billed) => {
    expect(billedSeconds(perMinute, duration)).toBe(billed);
  });

  it.each([
    [0, 0],
    [1, 60],
    [60, 60],
    [61, 61],
    [95, 95],
    [95.2, 96],
  ])('given Swiss billing (60/1) and %s s, then %i s are billed', (duration, billed) => {
    expect(billedSeconds(swiss, duration)).toBe(billed);
  });

  it('given a negative duration, then nothing is billed', () => {
    expect(billedSeconds(perMinute, -5)).toBe(0);
  });
});

describe('costOf', () => {
  const ch = rateFor('+41446681800');
  const sg = rateFor('+6581234567');

  it('given an unanswered call (0 s), then it costs nothing', () => {
    expect(costOf(sg, 0)).toEqual({ amount: 0, currency: 'USD' });
  });

  it('given a 61 s call billed by the minute, then two minutes are charged', () => {
    expect(costOf(sg, 61)).toEqual({ amount: 0.036, currency: 'USD' });
  });

  it('given a 61 s Swiss call, then one minute and one second are charged, rounded to 4 decimals', () => {
    // 61 s × 0.02 / 60 = 0.020333…
    expect(costOf(ch, 61)).toEqual({ amount: 0.0203, currency: 'USD' });
  });

  it('given a 1 s Swiss mobile call, then the first minute is charged in full', () => {
    expect(costOf(rateFor('+41791234567'), 1)).toEqual({ amount: 0.14, currency: 'USD' });
  });
});

describe('the rate table', () => {
  const rows: [string, RateRow][] = [
    ...Object.entries(COUNTRY_RATES).flatMap(([c, r]) => [
      [`${c} fixed`, r.fixed] as [string, RateRow],
      [`${c} mobile`, r.mobile] as [string, RateRow],
    ]),
    ...Object.entries(REGION_RATES).flatMap(([c, r]) => [
      [`${c} fixed`, r.fixed] as [string, RateRow],
      [`${c} mobile`, r.mobile] as [string, RateRow],
    ]),
    ['world fixed', WORLD_RATE.fixed],
    ['world mobile', WORLD_RATE.mobile],
    ['premium', PREMIUM_RATE],
    ['satellite', SATELLITE_RATE],
    ...Object.entries(INBOUND_RATES).map(([c, r]) => [`inbound ${c}`, r] as [string, RateRow]),
    ['inbound default', INBOUND_DEFAULT],
  ];

  it.each(rows)('gives the %s row a positive rate, its source and the date it was read', (_name, row) => {
    expect(row.ratePerMinute).toBeGreaterThan(0);
    expect(row.source.length).toBeGreaterThan(10);
    expect(row.asOf).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(Number.isNaN(Date.parse(row.asOf))).toBe(false);
  });

  it('names the carrier of the countries Parley has numbers in, not an estimate', () => {
    for (const c of ['PA', 'SG', 'CH']) {
      expect(COUNTRY_RATES[c]?.mobile.source).not.toMatch(/estimate/);
      expect(INBOUND_RATES[c]?.source).not.toMatch(/estimate/);
    }
  });
});
