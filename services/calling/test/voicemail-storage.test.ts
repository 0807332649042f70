import { UsageRecorded } from '@parley/events/calling';
import { describe, expect, it } from 'vitest';
import { recordVoicemailStorage } from '../src/domain/phone-usage.ts';
import { memoryEvents, testClock } from './memory.ts';
import { memoryAudio, memoryVoicemails } from './memory-phone.ts';

/** A world whose bucket holds a November voicemail of Ana's (2 MiB) and a December one of Bea's. */
function world(now = '2027-01-01T00:30:00.000Z') {
  const deps = {
    audio: memoryAudio(),
    voicemails: memoryVoicemails(),
    events: memoryEvents(),
    clock: testClock(now),
    ids: { id: () => 'random-id' },
  };
  const keep = (owner: string, callId: string, bytes: number, storedAt: string, country: string | null) => {
    const key = `voicemail/${owner}/${callId}/recording.wav`;
    deps.audio.objects.set(key, bytes);
    deps.audio.storedAt.set(key, storedAt);
    deps.voicemails.stored.set(callId, {
      id: callId,
      ownerId: owner,
      callId,
      from: '+50761234567',
      callerName: '+50761234567',
      to: '+5072000000',
      country,
      key,
      bytes,
      durationSeconds: 60,
      receivedAt: storedAt,
      heard: false,
    });
  };
  keep('u-ana', 'c-nov', 2 * 1024 * 1024, '2026-11-20T09:00:00.000Z', 'PA');
  keep('u-bea', 'c-dec', 512 * 1024, '2026-12-31T23:59:00.000Z', 'SG');
  return deps;
}

describe('recordVoicemailStorage (the monthly storage of kept voicemails)', () => {
  it('given voicemails kept from earlier months, when January begins, then each is charged a month of storage to its owner in its country, with an event id of the recording and the month', async () => {
    const deps = world();

    const run = await recordVoicemailStorage(deps);

    expect(run).toEqual({ month: '2027-01', recorded: 2 });
    const byCall = Object.fromEntries(deps.events.published.map((p) => [(p.data as { callId: string }).callId, p]));
    expect(byCall['c-nov']?.event.detailType).toBe(UsageRecorded.detailType);
    expect(byCall['c-nov']?.data).toMatchObject({
      usageId: 'voicemail-c-nov-2027-01',
      userId: 'u-ana',
      feature: 'voicemail-storage',
      quantity: 2048,
      unit: 'kilobyte-month',
      country: 'PA',
      at: '2027-01-01T00:30:00.000Z',
      // 2 MiB of a GB-month at 0.023 USD: 0.0000449 USD, rounded once to 45 micro-USD
      amountMicros: 45,
    });
    expect(byCall['c-nov']?.options?.eventId).toBe('usage-voicemail-c-nov-2027-01');
    expect(byCall['c-dec']?.data).toMatchObject({ userId: 'u-bea', quantity: 512, country: 'SG' });
  });

  it('given a voicemail left this month, then it is not charged again (its month was charged when it was stored)', async () => {
    const deps = world('2026-12-31T23:59:30.000Z');

    const run = await recordVoicemailStorage(deps);

    expect(run).toEqual({ month: '2026-12', recorded: 1 });
    expect(deps.events.published.map((p) => (p.data as { callId: string }).callId)).toEqual(['c-nov']);
  });

  it('given the same month run twice, then both runs carry the same event ids (the ledger counts each once)', async () => {
    const deps = world();

    await recordVoicemailStorage(deps);
    await recordVoicemailStorage(deps);

    const ids = deps.events.published.map((p) => p.options?.eventId);
    expect(ids).toHaveLength(4);
    expect(new Set(ids).size).toBe(2);
  });

  it('given a deleted voicemail, then nothing is charged for it', async () => {
    const deps = world();
    deps.audio.objects.delete('voicemail/u-ana/c-nov/recording.wav');

    await recordVoicemailStorage(deps);

    expect(deps.events.published.map((p) => (p.data as { userId: string }).userId)).toEqual(['u-bea']);
  });

  it('given a recording whose voicemail record is gone, then its owner is still charged for what S3 keeps, without a country', async () => {
    const deps = world();
    deps.voicemails.stored.delete('c-nov');

    await recordVoicemailStorage(deps);

    const nov = deps.events.published.find((p) => (p.data as { callId: string }).callId === 'c-nov');
    expect(nov?.data).toMatchObject({ userId: 'u-ana', quantity: 2048 });
    expect(nov?.data).not.toHaveProperty('country');
  });
});
