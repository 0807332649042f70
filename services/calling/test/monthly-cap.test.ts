import { SpendChanged } from '@parley/events/usage';
import { memoryIdempotencyStore } from '@parley/lambda/idempotency';
import { busEvent } from '@parley/testing/events';
import { lambdaContext } from '@parley/testing/lambda-context';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { recordMonthlySpend } from '../src/domain/monthly-spend.ts';
import { placePhoneCall } from '../src/domain/phone-calls.ts';
import { quote } from '../src/domain/toll-fraud.ts';
import { memorySpend, memoryUsage } from './memory-phone.ts';
import { CALLER, smaWorld } from './sma-fixtures.ts';

// The monthly spend cap (ADR 0021): the usage ledger's total, projected from usage.SpendChanged.
const NOW = new Date('2026-12-02T09:30:00.000Z');
const SWISS = '+41446681800'; // 0.02 USD a minute
const spent = (amountMicros: number, capMicros = 50_000_000) => ({
  userId: 'u-ana',
  month: '2026-12',
  amountMicros,
  capMicros,
  changedAt: NOW.toISOString(),
});

describe('the monthly spend cap', () => {
  it('given the ledger says Ana reached her cap, when she asks for a quote, then monthly_spend_cap with the cap in the message', async () => {
    const deps = { usage: memoryUsage(), spend: memorySpend(), clock: { now: () => NOW } };
    await recordMonthlySpend(deps, spent(50_000_000));

    expect(await quote(deps, { userId: 'u-ana', to: SWISS })).toMatchObject({
      allowed: false,
      reason: 'monthly_spend_cap',
      message: "You've reached this month's spending limit of 50.00 USD. It resets on the 1st (UTC).",
      remainingMinutesToday: 0,
    });
    // someone else, or last month's total, is not capped
    expect(await quote(deps, { userId: 'u-bea', to: SWISS })).toMatchObject({ allowed: true });
  });

  it('given 0.10 USD left this month, then the minutes granted are what it buys (5 at 0.02 USD), fewer than today’s caps', async () => {
    const deps = { usage: memoryUsage(), spend: memorySpend(), clock: { now: () => NOW } };
    await recordMonthlySpend(deps, spent(49_900_000));

    expect(await quote(deps, { userId: 'u-ana', to: SWISS })).toMatchObject({
      allowed: true,
      remainingMinutesToday: 5,
    });
  });

  it('given a late, smaller total after a larger one, then the larger stays (a month only grows)', async () => {
    const deps = { spend: memorySpend() };
    await recordMonthlySpend(deps, spent(50_000_000));
    await recordMonthlySpend(deps, spent(10_000_000));

    expect(await deps.spend.monthSpend('u-ana', '2026-12')).toEqual({
      amountMicros: 50_000_000,
      capMicros: 50_000_000,
    });
  });

  it('given Ana over her cap, when she places a phone call, then CallNotAllowed (monthly_spend_cap) and nothing is dialled or stored', async () => {
    const deps = smaWorld();
    await recordMonthlySpend(deps, { ...spent(60_000_000), month: '2026-12' });

    await expect(placePhoneCall(deps, { callerId: 'u-ana', to: CALLER, media: 'audio' })).rejects.toThrow(
      expect.objectContaining({ name: 'CallNotAllowed', reason: 'monthly_spend_cap' }),
    );
    expect(deps.sma.dialled).toEqual([]);
    expect(deps.calls.calls.size).toBe(0);
  });
});

describe('onSpendChanged', () => {
  const spend = memorySpend();
  let consume: (event: unknown, context: unknown) => Promise<unknown>;
  beforeAll(async () => {
    vi.stubEnv('TABLE_NAME', 'unit-test-table');
    vi.stubEnv('EVENT_BUS_NAME', 'unit-test-bus');
    const idempotency = memoryIdempotencyStore();
    vi.doMock('../src/wiring/index.ts', () => ({ idempotency: () => idempotency }));
    vi.doMock('../src/wiring/pstn.ts', () => ({ pstn: () => ({ spend }) }));
    consume = (await import('../src/handlers/events/on-spend-changed.ts')).handler as typeof consume;
  });

  it('given usage.SpendChanged, when consumed, then the guard reads that total', async () => {
    await consume(
      busEvent(SpendChanged, spent(12_345)),
      lambdaContext({ functionName: 'calling-test-onSpendChanged' }),
    );

    expect(await spend.monthSpend('u-ana', '2026-12')).toEqual({ amountMicros: 12_345, capMicros: 50_000_000 });
  });
});
