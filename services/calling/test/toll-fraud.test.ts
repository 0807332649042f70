import { describe, expect, it } from 'vitest';
import {
  assertDestinationAllowed,
  assertDialable,
  CallNotAllowed,
  destinationRefusal,
  type PstnUsageStore,
  quote,
  recordPstnUsage,
  utcDay,
} from '../src/domain/toll-fraud.ts';
import { memorySpend } from './memory-phone.ts';

/** In-memory usage with the adapter's semantics: counters per person and day, added to. */
function memoryUsage(): PstnUsageStore & { days: Map<string, { seconds: number; spend: number }> } {
  const days = new Map<string, { seconds: number; spend: number }>();
  return {
    days,
    async today(userId, day) {
      return { ...(days.get(`${userId}#${day}`) ?? { seconds: 0, spend: 0 }) };
    },
    async add(userId, day, usage) {
      const now = days.get(`${userId}#${day}`) ?? { seconds: 0, spend: 0 };
      days.set(`${userId}#${day}`, { seconds: now.seconds + usage.seconds, spend: now.spend + usage.spend });
    },
  };
}

const NOW = new Date('2026-12-02T09:30:00.000Z');
const deps = (usage = memoryUsage(), limits?: { dailyMinutes?: number; dailySpendUsd?: number }) => ({
  usage,
  spend: memorySpend(),
  clock: { now: () => NOW },
  ...(limits ? { limits } : {}),
});
const ana = 'u-ana';

describe('quote', () => {
  it('given an allowed Swiss number and nothing used today, then it is allowed with its rate and the whole cap left', async () => {
    expect(await quote(deps(), { userId: ana, to: '+41446681800' })).toEqual({
      to: '+41446681800',
      country: 'CH',
      numberType: 'fixed',
      ratePerMinute: 0.02,
      currency: 'USD',
      billing: { firstSeconds: 60, nextSeconds: 1 },
      allowed: true,
      remainingMinutesToday: 120,
    });
  });

  it.each([
    ['+41900123456', 'premium_rate'], // CH 0900
    ['+41840123456', 'premium_rate'], // CH 084x shared cost
    ['+19005551234', 'premium_rate'], // NANP 900
    ['+6519001234567', 'premium_rate'], // SG 1900
    ['+5078551234', 'premium_rate'], // PA premium
    ['+447012345678', 'premium_rate'], // UK 070 personal number
    ['+979123456789', 'premium_rate'], // international premium
    ['+881612345678', 'satellite'], // Iridium
    ['+870773123456', 'satellite'], // Inmarsat
    ['+882123456', 'satellite'], // international network, invalid to libphonenumber: refused as satellite all the same
    ['+88351000000', 'satellite'],
    ['+5358123456', 'country_not_allowed'], // Cuba
    ['+18096881234', 'country_not_allowed'], // Dominican Republic (NANP Caribbean)
    ['+447911123456', 'country_not_allowed'], // Guernsey mobile (+44, not the UK)
    ['+244923123456', 'country_not_allowed'], // Angola
    ['+4144668180', 'not_dialable'], // a digit short
    ['+123', 'not_dialable'],
    ['41446681800', 'not_dialable'], // no +
  ])('given %s, then it is refused with reason %s', async (to, reason) => {
    const q = await quote(deps(), { userId: ana, to });

    expect(q).toMatchObject({ allowed: false, reason });
    expect(q.message).toEqual(expect.any(String));
  });

  it.each([
    '+6581234567',
    '+50761234567',
    '+12125551234',
    '+442079460000',
    '+4915112345678',
    '+8613812345678',
    '+525512345678', // Mexico City (no mobile 1 since 2019)
    '+18005551234',
  ])('given %s in an allowed country, then it is allowed', async (to) => {
    expect(await quote(deps(), { userId: ana, to })).toMatchObject({ allowed: true });
  });

  it('given a refused number, then the quote still prices it and says why in words', async () => {
    expect(await quote(deps(), { userId: ana, to: '+41900123456' })).toMatchObject({
      country: 'CH',
      numberType: 'premium',
      ratePerMinute: 2.5,
      message: "Premium-rate and shared-cost numbers can't be called from Parley.",
    });
    expect((await quote(deps(), { userId: ana, to: '+5358123456' })).message).toBe(
      "Calls to Cuba aren't enabled for your organisation.",
    );
    expect((await quote(deps(), { userId: ana, to: '+881612345678' })).message).toBe(
      "Satellite and international network numbers can't be called from Parley.",
    );
    expect((await quote(deps(), { userId: ana, to: '+123' })).message).toBe(
      "+123 isn't a phone number that can be dialled.",
    );
  });

  it('given 2 minutes used today, then 118 remain', async () => {
    const usage = memoryUsage();
    await usage.add(ana, '2026-12-02', { seconds: 120, spend: 0.04 });

    expect(await quote(deps(usage), { userId: ana, to: '+41446681800' })).toMatchObject({
      allowed: true,
      remainingMinutesToday: 118,
    });
  });

  it("given yesterday's usage at the cap, then today starts afresh (the day is UTC)", async () => {
    const usage = memoryUsage();
    await usage.add(ana, '2026-12-01', { seconds: 7200, spend: 10 });

    expect(await quote(deps(usage), { userId: ana, to: '+41446681800' })).toMatchObject({
      allowed: true,
      remainingMinutesToday: 120,
    });
  });

  it('given the daily minutes used up, then it is refused with daily_minutes_cap and 0 minutes left', async () => {
    const usage = memoryUsage();
    await usage.add(ana, '2026-12-02', { seconds: 7200, spend: 1 });

    expect(await quote(deps(usage), { userId: ana, to: '+41446681800' })).toMatchObject({
      allowed: false,
      reason: 'daily_minutes_cap',
      message: "You've used today's 120 minutes of phone calls. The limit resets at midnight UTC.",
      remainingMinutesToday: 0,
    });
  });

  it('given less than a minute left of the cap, then it is refused: a call is billed at least its first minute', async () => {
    const usage = memoryUsage();
    await usage.add(ana, '2026-12-02', { seconds: 7170, spend: 1 });

    expect(await quote(deps(usage), { userId: ana, to: '+6561234567' })).toMatchObject({
      allowed: false,
      reason: 'daily_minutes_cap',
    });
  });

  it("given the daily spend used up, then it is refused with daily_spend_cap, another person's day untouched", async () => {
    const usage = memoryUsage();
    await usage.add(ana, '2026-12-02', { seconds: 600, spend: 10 });

    expect(await quote(deps(usage), { userId: ana, to: '+6581234567' })).toMatchObject({
      allowed: false,
      reason: 'daily_spend_cap',
      message: "You've reached today's phone-call spending limit of 10.00 USD. It resets at midnight UTC.",
      remainingMinutesToday: 0,
    });
    expect(await quote(deps(usage), { userId: 'u-bea', to: '+6581234567' })).toMatchObject({ allowed: true });
  });

  it('given spend left for fewer minutes than the minutes cap, then the remaining minutes are what the spend buys at this rate', async () => {
    const usage = memoryUsage();
    await usage.add(ana, '2026-12-02', { seconds: 600, spend: 9.7 });

    // 0.30 USD left: 2 minutes to a Swiss mobile (0.14), 15 to a Swiss fixed line (0.02)
    expect(await quote(deps(usage), { userId: ana, to: '+41791234567' })).toMatchObject({
      allowed: true,
      remainingMinutesToday: 2,
    });
    expect(await quote(deps(usage), { userId: ana, to: '+41446681800' })).toMatchObject({ remainingMinutesToday: 15 });
  });

  it('given spend left for less than a minute at this rate, then it is refused with daily_spend_cap', async () => {
    const usage = memoryUsage();
    await usage.add(ana, '2026-12-02', { seconds: 600, spend: 9.9 });

    expect(await quote(deps(usage), { userId: ana, to: '+41791234567' })).toMatchObject({
      allowed: false,
      reason: 'daily_spend_cap',
    });
    expect(await quote(deps(usage), { userId: ana, to: '+41446681800' })).toMatchObject({ allowed: true });
  });

  it('given limits from configuration, then they replace the defaults', async () => {
    const usage = memoryUsage();
    await usage.add(ana, '2026-12-02', { seconds: 600, spend: 0.5 });

    expect(await quote(deps(usage, { dailyMinutes: 10 }), { userId: ana, to: '+41446681800' })).toMatchObject({
      reason: 'daily_minutes_cap',
    });
    expect(await quote(deps(usage, { dailyMinutes: 30 }), { userId: ana, to: '+41446681800' })).toMatchObject({
      allowed: true,
      remainingMinutesToday: 20,
    });
  });

  it('given a number that is refused for its destination and a used-up cap, then the destination is the reason', async () => {
    const usage = memoryUsage();
    await usage.add(ana, '2026-12-02', { seconds: 7200, spend: 10 });

    expect(await quote(deps(usage), { userId: ana, to: '+41900123456' })).toMatchObject({ reason: 'premium_rate' });
  });
});

describe('assertDialable', () => {
  it('given an allowed number, then the rate and the minutes left, to put on the call', async () => {
    expect(await assertDialable(deps(), { userId: ana, to: '+50761234567' })).toEqual({
      country: 'PA',
      numberType: 'mobile',
      ratePerMinute: 0.12,
      currency: 'USD',
      billing: { firstSeconds: 60, nextSeconds: 60 },
      remainingMinutesToday: 83, // 10 USD / 0.12 per minute
    });
  });

  it('given a refused number, then CallNotAllowed with the reason, for details', async () => {
    const error = await assertDialable(deps(), { userId: ana, to: '+881612345678' }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(CallNotAllowed);
    expect(error).toMatchObject({
      name: 'CallNotAllowed',
      reason: 'satellite',
      details: [{ reason: 'satellite' }],
      message: "Satellite and international network numbers can't be called from Parley.",
    });
  });

  it('given the cap reached, then CallNotAllowed with daily_minutes_cap', async () => {
    const usage = memoryUsage();
    await usage.add(ana, '2026-12-02', { seconds: 7200, spend: 0 });

    await expect(assertDialable(deps(usage), { userId: ana, to: '+41446681800' })).rejects.toMatchObject({
      reason: 'daily_minutes_cap',
    });
  });
});

describe('recordPstnUsage', () => {
  it("given calls that ended, then they add up in the caller's counters of the UTC day they ended on", async () => {
    const usage = memoryUsage();
    await recordPstnUsage({ usage }, { userId: ana, at: '2026-12-02T08:00:00.000Z', seconds: 61, amount: 0.0203 });
    await recordPstnUsage({ usage }, { userId: ana, at: '2026-12-02T23:59:59.000Z', seconds: 60, amount: 0.02 });
    await recordPstnUsage({ usage }, { userId: ana, at: '2026-12-03T00:00:01.000Z', seconds: 30, amount: 0.01 });

    expect(usage.days.get('u-ana#2026-12-02')).toEqual({ seconds: 121, spend: 0.0403 });
    expect(usage.days.get('u-ana#2026-12-03')).toEqual({ seconds: 30, spend: 0.01 });
  });

  it('given a call with nothing to count, then nothing is written', async () => {
    const usage = memoryUsage();
    await recordPstnUsage({ usage }, { userId: ana, at: '2026-12-02T08:00:00.000Z', seconds: 0, amount: 0 });

    expect(usage.days.size).toBe(0);
  });

  it('given usage recorded, then the next quote counts it', async () => {
    const usage = memoryUsage();
    await recordPstnUsage({ usage }, { userId: ana, at: NOW.toISOString(), seconds: 7200, amount: 2 });

    expect(await quote(deps(usage), { userId: ana, to: '+41446681800' })).toMatchObject({
      reason: 'daily_minutes_cap',
    });
  });
});

describe('destinationRefusal and utcDay', () => {
  it('given a forward number, then the same destination rules apply without any cap', () => {
    expect(destinationRefusal('+41446681800')).toBeUndefined();
    expect(destinationRefusal('+41906123456')).toBe('premium_rate');
    expect(destinationRefusal('+870773123456')).toBe('satellite');
  });

  it('given an instant, then its UTC day', () => {
    expect(utcDay('2026-12-02T23:59:59.999-05:00')).toBe('2026-12-03');
    expect(utcDay(NOW)).toBe('2026-12-02');
  });
});

describe('assertDestinationAllowed', () => {
  it('given a forward number, then refused destinations throw and the caps play no part', () => {
    expect(() => assertDestinationAllowed('+41446681800')).not.toThrow();
    expect(() => assertDestinationAllowed('+41900123456')).toThrow(
      expect.objectContaining({ name: 'CallNotAllowed', reason: 'premium_rate' }),
    );
  });
});
