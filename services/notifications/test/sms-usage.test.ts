import { UsageRecorded } from '@parley/events/notifications';
import { describe, expect, it } from 'vitest';
import { smsSegments, smsUsage } from '../src/domain/sms-usage.ts';

describe('SMS usage', () => {
  it('given GSM-7 text, then 160 septets are one segment and longer texts 153 per segment; extension characters count twice', () => {
    expect(smsSegments('a'.repeat(160))).toBe(1);
    expect(smsSegments('a'.repeat(161))).toBe(2);
    expect(smsSegments('a'.repeat(306))).toBe(2);
    expect(smsSegments('a'.repeat(307))).toBe(3);
    expect(smsSegments(`${'a'.repeat(159)}€`)).toBe(2);
  });

  it('given text outside GSM-7, then it is UCS-2: 70 units in one segment, 67 per segment after', () => {
    expect(smsSegments('ñ'.repeat(160))).toBe(1); // ñ is GSM-7
    expect(smsSegments('中'.repeat(70))).toBe(1);
    expect(smsSegments('中'.repeat(71))).toBe(2);
  });

  it('given an SMS to a country with a row, then its price; elsewhere the default row and no country', () => {
    const base = {
      userId: 'ana',
      reason: 'missed-call' as const,
      text: 'hi',
      providerMessageId: 'm-1',
      at: '2026-12-01T10:00:00.000Z',
    };

    const panama = smsUsage({ ...base, mobileNumber: '+50761234567' });
    const elsewhere = smsUsage({ ...base, mobileNumber: '+81312345678' });

    expect(panama).toMatchObject({ country: 'PA', quantity: 1, amountMicros: 50_500, unitPrice: 0.0505 });
    expect(elsewhere.country).toBeUndefined();
    expect(elsewhere.amountMicros).toBe(100_000);
    // what the event's schema accepts
    expect(UsageRecorded.data.safeParse(panama).success).toBe(true);
    expect(UsageRecorded.data.safeParse(elsewhere).success).toBe(true);
  });
});
