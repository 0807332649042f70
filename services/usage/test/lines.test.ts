import { describe, expect, it } from 'vitest';
import { callingLine, numberLine, smsLine } from '../src/domain/lines.ts';

const base = { usageId: 'u1', userId: 'u-ana', currency: 'USD' as const, at: '2026-12-01T10:00:00.000Z' };

describe('ledger lines from each UsageRecorded', () => {
  it('given a phone call’s minutes with amountMicros, then that amount, its country, direction and call', () => {
    const l = callingLine('e1', {
      ...base,
      feature: 'pstn-out',
      quantity: 95,
      unit: 'second',
      unitPrice: 0.02 / 60,
      callId: 'c1',
      amount: 0.0317,
      amountMicros: 31_700,
      country: 'CH',
      direction: 'outbound',
    });

    expect(l).toEqual({
      eventId: 'e1',
      source: 'calling',
      usageId: 'u1',
      userId: 'u-ana',
      month: '2026-12',
      day: '2026-12-01',
      at: base.at,
      feature: 'pstn-out',
      quantity: 95,
      unit: 'second',
      unitPrice: 0.02 / 60,
      amountMicros: 31_700,
      country: 'CH',
      direction: 'outbound',
      ref: 'c1',
    });
  });

  it('given an older line without amountMicros, then its USD amount, else quantity × unitPrice, in micro-USD', () => {
    const common = { ...base, feature: 'app-call', unit: 'attendee-minute', callId: 'c1' };
    expect(callingLine('e1', { ...common, quantity: 6, unitPrice: 0.0017, amount: 0.0102 }).amountMicros).toBe(10_200);
    expect(callingLine('e2', { ...common, quantity: 6, unitPrice: 0.0017 }).amountMicros).toBe(10_200);
  });

  it('given an SMS, then its amount and the provider’s message id', () => {
    const l = smsLine('e3', {
      ...base,
      feature: 'sms',
      quantity: 2,
      unit: 'sms-segment',
      unitPrice: 0.0505,
      amountMicros: 101_000,
      country: 'PA',
      direction: 'outbound',
      reason: 'missed-call',
      providerMessageId: 'm-1',
    });

    expect(l).toMatchObject({
      source: 'notifications',
      feature: 'sms',
      amountMicros: 101_000,
      country: 'PA',
      ref: 'm-1',
    });
  });

  it('given a number month in USD, then its price; in another currency, then it is refused', () => {
    const data = {
      ...base,
      feature: 'number-month' as const,
      e164: '+41445550101',
      quantity: 1 as const,
      unit: 'number-month' as const,
      unitPrice: 1.5,
      period: '2026-12',
    };
    expect(numberLine('e4', data)).toMatchObject({ source: 'numbers', amountMicros: 1_500_000, ref: '+41445550101' });
    expect(() => numberLine('e5', { ...data, currency: 'CHF' })).toThrow(/USD only/);
  });
});
