import { describe, expect, it } from 'vitest';
import { onAudienceEvent } from '../src/domain/audience.ts';
import { notifyCallBySms } from '../src/domain/call-sms.ts';
import { connect, disconnect } from '../src/domain/connections.ts';
import { queueOfflineDigests, sendDueDigests } from '../src/domain/digests.ts';
import { DEFAULT_PREFERENCES } from '../src/domain/preferences.ts';
import { world } from './fakes.ts';

const MINUTE = 60_000;

async function optedIn(delayMinutes = 5) {
  const w = world();
  await w.preferences.put('ben', {
    ...DEFAULT_PREFERENCES,
    smsOnMessageWhenOffline: true,
    offlineDelayMinutes: delayMinutes,
  });
  await w.profiles.setMobile('ben', { mobileNumber: '+41445550101', verified: true }, '1');
  return w;
}

const caps = (perUser = 5) => ({ perUser, perDestination: 50, perCountry: 50, perStage: 50 });
const sweep = (w: ReturnType<typeof world>, smsDailyCap = 5) =>
  sendDueDigests(w, { limit: 100, caps: caps(smsDailyCap) });

describe('offline SMS digests', () => {
  it('given an opted-in recipient offline for their whole delay, when several messages arrive, then exactly ONE SMS goes out', async () => {
    // Prepare
    const w = await optedIn(5);
    // Act
    await queueOfflineDigests(w, { senderId: 'ana', conversationId: 'c1', offlineRecipients: ['ben'] });
    w.clock.advance(MINUTE);
    await queueOfflineDigests(w, { senderId: 'ana', conversationId: 'c2', offlineRecipients: ['ben'] });
    await queueOfflineDigests(w, { senderId: 'ana', conversationId: 'c2', offlineRecipients: ['ben'] });
    const early = await sweep(w);
    w.clock.advance(4 * MINUTE);
    const due = await sweep(w);
    const later = await sweep(w);
    // Assess
    expect(early.sent).toBe(0);
    expect(due.sent).toBe(1);
    expect(later.sent).toBe(0);
    expect(w.sms.sent).toEqual([
      {
        phoneNumber: '+41445550101',
        text: 'Parley: 3 new messages in 2 conversations while you were away. Open Parley to read them.',
      },
    ]);
    expect(w.publisher.sms).toEqual([
      expect.objectContaining({ userId: 'ben', reason: 'message-digest', messageCount: 3 }),
    ]);
    // the ledger's line: one GSM-7 segment to Switzerland, in integer micro-USD
    expect(w.publisher.usage).toEqual([
      {
        usageId: expect.stringMatching(/^sms-/),
        userId: 'ben',
        feature: 'sms',
        quantity: 1,
        unit: 'sms-segment',
        unitPrice: 0.0584,
        currency: 'USD',
        at: expect.any(String),
        amountMicros: 58_400,
        country: 'CH',
        direction: 'outbound',
        reason: 'message-digest',
        providerMessageId: expect.any(String),
      },
    ]);
  });

  it('given the sender among the offline recipients, or a recipient who did not opt in, when queued, then no digest is opened for them', async () => {
    const w = await optedIn();
    await w.preferences.put('ana', { ...DEFAULT_PREFERENCES, smsOnMessageWhenOffline: true });

    const queued = await queueOfflineDigests(w, {
      senderId: 'ana',
      conversationId: 'c1',
      offlineRecipients: ['ana', 'cleo'],
    });

    expect(queued).toBe(0);
    expect(w.digests.items.size).toBe(0);
  });

  it('given the recipient came online (or was seen) before the digest was due, when swept, then no SMS is sent', async () => {
    const w = await optedIn(5);
    await queueOfflineDigests(w, { senderId: 'ana', conversationId: 'c1', offlineRecipients: ['ben'] });
    w.clock.advance(MINUTE);
    await connect(w, { userId: 'ben', connectionId: 'b-1', ttlSeconds: 7800 });
    w.clock.advance(MINUTE);
    await disconnect(w, { userId: 'ben', connectionId: 'b-1' });
    w.clock.advance(5 * MINUTE);

    const counts = await sweep(w);

    expect(counts).toMatchObject({ sent: 0, seen: 1 });
    expect(w.sms.sent).toHaveLength(0);
  });

  it('given the daily cap is reached, when more digests fall due that day, then they are not sent', async () => {
    const w = await optedIn(1);
    for (let i = 0; i < 3; i += 1) {
      await queueOfflineDigests(w, { senderId: 'ana', conversationId: 'c1', offlineRecipients: ['ben'] });
      w.clock.advance(2 * MINUTE);
      await sweep(w, 2);
    }
    expect(w.sms.sent).toHaveLength(2);
  });

  it('given no mobile number, when due, then nothing is sent; given a provider failure, then the digest is retried later', async () => {
    const w = await optedIn(1);
    await w.profiles.setMobile('ben', { verified: false }, '2');
    await queueOfflineDigests(w, { senderId: 'ana', conversationId: 'c1', offlineRecipients: ['ben'] });
    w.clock.advance(2 * MINUTE);
    expect(await sweep(w)).toMatchObject({ 'no-number': 1 });

    await w.profiles.setMobile('ben', { mobileNumber: '+6591234567', verified: true }, '3');
    await queueOfflineDigests(w, { senderId: 'ana', conversationId: 'c1', offlineRecipients: ['ben'] });
    w.clock.advance(2 * MINUTE);
    w.sms.failNext = 1;
    expect(await sweep(w)).toMatchObject({ failed: 1 });
    w.clock.advance(3 * MINUTE);
    expect(await sweep(w)).toMatchObject({ sent: 1 });
    expect(w.sms.sent).toEqual([expect.objectContaining({ phoneNumber: '+6591234567' })]);
  });
});

describe('call SMS', () => {
  it('given the defaults, when a call is missed, then the callee gets one SMS naming the caller; opted out of voicemail SMS, none', async () => {
    const w = world();
    await w.profiles.setMobile('ben', { mobileNumber: '+50761234567', verified: true }, '1');
    await w.preferences.put('ben', { ...DEFAULT_PREFERENCES, smsOnVoicemail: false });

    const missed = await notifyCallBySms(w, {
      userId: 'ben',
      reason: 'missed-call',
      from: '+41445550101',
      caps: caps(),
    });
    const voicemail = await notifyCallBySms(w, { userId: 'ben', reason: 'voicemail', from: 'Ana', caps: caps() });

    expect([missed, voicemail]).toEqual(['sent', 'opted-out']);
    expect(w.sms.sent).toEqual([
      { phoneNumber: '+50761234567', text: 'Parley: missed call from +41445550101. Open Parley to call back.' },
    ]);
    expect(w.publisher.sms).toEqual([expect.objectContaining({ userId: 'ben', reason: 'missed-call' })]);
  });
});

describe('no SMS for message requests', () => {
  it("given ben has not accepted a stranger's conversation, when a message arrives while he is offline, then no digest is opened; once accepted, one is", async () => {
    const w = await optedIn(5);
    await w.membership.replaceMembers('r1', ['eve', 'ben'], '0', ['ben']);
    const messageSent = (eventId: string) => ({
      eventId,
      source: 'parley.messaging',
      detailType: 'messaging.MessageSent',
      version: 1,
      occurredAt: '2026-11-22T10:00:00.000Z',
      audience: ['eve', 'ben'],
      data: { conversationId: 'r1', senderId: 'eve', seq: 1 },
    });

    await onAudienceEvent(w, messageSent('e-1'));
    expect(w.digests.items.size).toBe(0);

    await w.membership.replaceMembers('r1', ['eve', 'ben'], '1', []);
    await onAudienceEvent(w, messageSent('e-2'));
    expect([...w.digests.items.keys()]).toEqual(['ben']);
  });
});
