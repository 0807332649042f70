import { describe, expect, it } from 'vitest';
import { guardedSms, type SmsCaps } from '../src/domain/sms-guard.ts';
import { sendVerificationCode } from '../src/domain/verification-sms.ts';
import {
  manualClock,
  memoryOptOuts,
  memoryProfiles,
  memoryRateLimiter,
  recordingMetrics,
  recordingPublisher,
  recordingSms,
} from './fakes.ts';

const WIDE: SmsCaps = { perUser: 100, perDestination: 100, perCountry: 100, perStage: 100 };

function world(verified: Record<string, string> = {}) {
  return {
    profiles: memoryProfiles(verified),
    sms: recordingSms(),
    rateLimiter: memoryRateLimiter(),
    metrics: recordingMetrics(),
    optOuts: memoryOptOuts(),
    clock: manualClock('2026-12-01T10:00:00.000Z'),
    publisher: recordingPublisher(),
  };
}

const send = (w: ReturnType<typeof world>, caps: SmsCaps, userId: string) =>
  guardedSms(w, caps, { userId, text: 'Parley: hello' }).then((r) => r.outcome);

describe('the SMS guard', () => {
  it('given a number that is not verified, when an SMS is due, then nothing is sent', async () => {
    const w = world();
    await w.profiles.setMobile('ana', { mobileNumber: '+41791234567', verified: false }, '1');

    expect(await send(w, WIDE, 'ana')).toBe('unverified');
    expect(w.sms.sent).toEqual([]);
  });

  it('given a verified number that texted STOP, when an SMS is due, then nothing is sent and no cap is used', async () => {
    const w = world({ ana: '+41791234567' });
    await w.optOuts.apply('+41791234567', 'sms', true, 'STOP', '2026-12-01T09:00:00.000Z');
    const caps = { ...WIDE, perUser: 1 };

    expect(await send(w, caps, 'ana')).toBe('stopped');
    expect(w.sms.sent).toEqual([]);
    // START lets it through again, and the refused attempt used none of the single unit
    await w.optOuts.apply('+41791234567', 'sms', false, 'START', '2026-12-01T09:30:00.000Z');
    expect(await send(w, caps, 'ana')).toBe('sent');
  });

  it('given no number, when an SMS is due, then nothing is sent', async () => {
    expect(await send(world(), WIDE, 'ana')).toBe('no-number');
  });

  it('given a verified number, when an SMS is due, then it is sent and counted in the metric by country', async () => {
    const w = world({ ana: '+41791234567' });

    expect(await send(w, WIDE, 'ana')).toBe('sent');
    expect(w.sms.sent).toEqual([{ phoneNumber: '+41791234567', text: 'Parley: hello' }]);
    expect(w.metrics.countries).toEqual(['41']);
  });

  it('given the per-user cap of 2, when a third SMS is due the same day, then it is refused; the next day it goes', async () => {
    const w = world({ ana: '+41791234567' });
    const caps = { ...WIDE, perUser: 2 };

    expect([await send(w, caps, 'ana'), await send(w, caps, 'ana'), await send(w, caps, 'ana')]).toEqual([
      'sent',
      'sent',
      'daily-cap',
    ]);
    w.clock.advance(86_400_000);
    expect(await send(w, caps, 'ana')).toBe('sent');
  });

  it('given the per-destination cap of 1, when two users with the same number are due, then only one SMS goes', async () => {
    const w = world({ ana: '+41791234567', ben: '+41791234567' });
    const caps = { ...WIDE, perDestination: 1 };

    expect([await send(w, caps, 'ana'), await send(w, caps, 'ben')]).toEqual(['sent', 'daily-cap']);
    expect(w.sms.sent).toHaveLength(1);
  });

  it('given the per-country cap of 1, when two numbers of one country are due, then the second is refused but another country goes', async () => {
    const w = world({ ana: '+6591234567', ben: '+6598765432', eva: '+50761234567' });
    const caps = { ...WIDE, perCountry: 1 };

    expect([await send(w, caps, 'ana'), await send(w, caps, 'ben'), await send(w, caps, 'eva')]).toEqual([
      'sent',
      'daily-cap',
      'sent',
    ]);
  });

  it('given the stage cap of 2, when three different users in different countries are due, then the third is refused', async () => {
    const w = world({ ana: '+41791234567', ben: '+6591234567', eva: '+50761234567' });
    const caps = { ...WIDE, perStage: 2 };

    expect([await send(w, caps, 'ana'), await send(w, caps, 'ben'), await send(w, caps, 'eva')]).toEqual([
      'sent',
      'sent',
      'daily-cap',
    ]);
  });
});

describe('verification codes', () => {
  const request = (userId: string, expiresAt = '2026-12-01T10:10:00.000Z') => ({
    userId,
    mobileNumber: '+41791234567',
    code: '123456',
    expiresAt,
  });

  it('given a fresh request for an unverified number, when it is handled, then that number gets the code', async () => {
    const w = world();

    expect(await sendVerificationCode(w, WIDE, request('ana'))).toBe('sent');
    expect(w.sms.sent).toEqual([
      {
        phoneNumber: '+41791234567',
        text: 'Parley: your verification code is 123456. It expires in 10 minutes. Ignore this if you did not ask for it.',
      },
    ]);
    // charged to the requester: one segment to Switzerland at the price table's row
    expect(w.publisher.usage).toEqual([
      expect.objectContaining({
        userId: 'ana',
        feature: 'sms',
        reason: 'verification-code',
        quantity: 1,
        country: 'CH',
        amountMicros: 58_400,
      }),
    ]);
  });

  it('given three accounts naming one stranger, when each asks for a code, then the destination cap lets only that many through', async () => {
    const w = world();
    const caps = { ...WIDE, perDestination: 2 };

    const outcomes = [];
    for (const userId of ['a1', 'a2', 'a3']) outcomes.push(await sendVerificationCode(w, caps, request(userId)));

    expect(outcomes).toEqual(['sent', 'sent', 'daily-cap']);
    expect(w.sms.sent).toHaveLength(2);
    // only what was sent is charged
    expect(w.publisher.usage).toHaveLength(2);
  });

  it('given the number texted STOP, when a code is requested for it, then nothing is sent or charged', async () => {
    const w = world();
    await w.optOuts.apply('+41791234567', 'sms', true, 'BAJA', '2026-12-01T09:00:00.000Z');

    expect(await sendVerificationCode(w, WIDE, request('ana'))).toBe('stopped');
    expect(w.sms.sent).toEqual([]);
    expect(w.publisher.usage).toEqual([]);
  });

  it('given an expired request (a late redelivery), when it is handled, then nothing is sent', async () => {
    const w = world();

    expect(await sendVerificationCode(w, WIDE, request('ana', '2026-12-01T09:59:59.000Z'))).toBe('expired');
    expect(w.sms.sent).toEqual([]);
  });
});
