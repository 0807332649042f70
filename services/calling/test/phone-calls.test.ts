import { CallEnded, CallMissed } from '@parley/events/calling';
import { describe, expect, it } from 'vitest';
import { sweepRinging } from '../src/domain/call-end.ts';
import { answerCall, declineCall, hangupCall } from '../src/domain/calls.ts';
import { placePhoneCall, sendDtmf } from '../src/domain/phone-calls.ts';
import { CALLER, ringAna, smaWorld } from './sma-fixtures.ts';

const call = (deps: ReturnType<typeof smaWorld>, to: string, media: 'audio' | 'video' = 'audio') =>
  placePhoneCall(deps, { callerId: 'u-ana', to, media });

describe('placing a phone call', () => {
  it.each([
    ['+41900123456', 'premium_rate'],
    ['+881612345678', 'satellite'],
  ])('given %s, when Ana calls it, then CallNotAllowed (%s) and nothing is dialled or stored', async (to, reason) => {
    const deps = smaWorld();

    await expect(call(deps, to)).rejects.toThrow(expect.objectContaining({ name: 'CallNotAllowed', reason }));
    expect(deps.sma.dialled).toEqual([]);
    expect(deps.calls.calls.size).toBe(0);
    expect(deps.meetings.live.size).toBe(0);
  });

  it("given Ana used today's minutes, when she calls an allowed number, then CallNotAllowed and nothing is dialled", async () => {
    const deps = smaWorld();
    await deps.usage.add('u-ana', '2026-12-01', { seconds: 120 * 60, spend: 0.5 });

    await expect(call(deps, CALLER)).rejects.toThrow(
      expect.objectContaining({ name: 'CallNotAllowed', reason: 'daily_minutes_cap' }),
    );
    expect(deps.sma.dialled).toEqual([]);
    expect(deps.calls.calls.size).toBe(0);
  });

  it('given video, when Ana calls a phone, then VideoNotSupported and nothing is dialled', async () => {
    const deps = smaWorld();

    await expect(call(deps, CALLER, 'video')).rejects.toThrow(expect.objectContaining({ name: 'VideoNotSupported' }));
    expect(deps.sma.dialled).toEqual([]);
  });

  it('given an allowed number, when Ana calls it, then it is dialled from the caller id with the meeting to join, and she joins at once', async () => {
    const deps = smaWorld();

    const { call: view, join } = await call(deps, CALLER);

    const meetingId = `meeting-${view.id}`;
    expect(deps.sma.dialled).toEqual([
      {
        from: '+12025550100',
        to: CALLER,
        arguments: { callId: view.id, meetingId, joinToken: `token-${meetingId}-pstn` },
        transactionId: 'tx-1',
      },
    ]);
    expect(view).toMatchObject({
      kind: 'pstn-out',
      media: 'audio',
      state: 'ringing',
      direction: 'outgoing',
      callerId: 'u-ana',
      calleeId: CALLER,
      from: '+12025550100',
      to: CALLER,
      ringUntil: '2026-12-01T10:01:30.000Z',
      phone: {
        number: CALLER,
        country: 'CH',
        ratePerMinute: 0.02,
        currency: 'USD',
        billing: { firstSeconds: 60, nextSeconds: 1 },
      },
    });
    expect(join.attendee).toMatchObject({ ExternalUserId: 'u-ana' });
    expect(deps.calls.calls.get(view.id)?.phone?.transactionId).toBe('tx-1');
    expect([...deps.meetings.live.values()]).toEqual([
      { callId: view.id, mediaRegion: 'us-east-1', userIds: ['u-ana', 'pstn'] },
    ]);
  });

  it('given the phone network refuses the dial, then the call ends failed and PhoneNetworkUnavailable', async () => {
    const deps = smaWorld();
    deps.sma.failNextDial = true;

    await expect(call(deps, CALLER)).rejects.toThrow(expect.objectContaining({ name: 'PhoneNetworkUnavailable' }));
    const [stored] = [...deps.calls.calls.values()];
    expect(stored).toMatchObject({ kind: 'pstn-out', state: 'ended', endReason: 'failed' });
    expect(deps.events.of(CallEnded).map((e) => e.data)).toEqual([expect.objectContaining({ endReason: 'failed' })]);
    expect(deps.meetings.live.size).toBe(0);
    // a phone call all the same: key tones are refused as not connected, not as "not a phone call"
    await expect(sendDtmf(deps, { userId: 'u-ana', callId: stored?.id as string, digits: '1' })).rejects.toThrow(
      expect.objectContaining({ name: 'CallNotActive' }),
    );
  });
});

describe('ending a phone call Ana placed', () => {
  it('given it still rings, when Ana hangs up, then it is cancelled and the SIP media application hangs up the phone leg', async () => {
    const deps = smaWorld();
    const { call: view } = await call(deps, CALLER);

    const ended = await hangupCall(deps, { userId: 'u-ana', callId: view.id });

    expect(ended).toMatchObject({ state: 'ended', endReason: 'cancelled', cost: { amount: 0 } });
    expect(deps.sma.updates).toEqual([{ transactionId: 'tx-1', args: { op: 'hangup' } }]);
    expect(deps.usage.days.size).toBe(0);
  });

  it('given nobody picks up for 90 s, when the ring sweep runs, then it ends unanswered and the phone leg is hung up', async () => {
    const deps = smaWorld();
    const { call: view } = await call(deps, CALLER);
    deps.clock.advance(91);

    expect(await sweepRinging(deps)).toEqual({ missed: 1 });
    expect(deps.calls.calls.get(view.id)).toMatchObject({ state: 'ended', endReason: 'unanswered' });
    expect(deps.sma.updates).toEqual([{ transactionId: 'tx-1', args: { op: 'hangup' } }]);
  });
});

describe('key tones', () => {
  it('given a stranger, a ringing call, and an active one, then CallNotFound, CallNotActive, and tones on the phone leg', async () => {
    const deps = smaWorld();
    const { call: view } = await call(deps, CALLER);

    await expect(sendDtmf(deps, { userId: 'u-cai', callId: view.id, digits: '1' })).rejects.toThrow(
      expect.objectContaining({ name: 'CallNotFound' }),
    );
    await expect(sendDtmf(deps, { userId: CALLER, callId: view.id, digits: '1' })).rejects.toThrow(
      expect.objectContaining({ name: 'CallNotFound' }),
    );
    await expect(sendDtmf(deps, { userId: 'u-ana', callId: view.id, digits: '1' })).rejects.toThrow(
      expect.objectContaining({ name: 'CallNotActive' }),
    );
    await deps.calls.transition(view.id, 'ringing', { state: 'active', answeredAt: '2026-12-01T10:00:05.000Z' });

    await sendDtmf(deps, { userId: 'u-ana', callId: view.id, digits: '12#' });

    expect(deps.sma.updates).toEqual([{ transactionId: 'tx-1', args: { op: 'dtmf', digits: '12#' } }]);
  });

  it('given the phone leg already hung up, then CallNotActive', async () => {
    const deps = smaWorld();
    const { call: view } = await call(deps, CALLER);
    await deps.calls.transition(view.id, 'ringing', { state: 'active', answeredAt: '2026-12-01T10:00:05.000Z' });
    deps.sma.ended.add('tx-1');

    await expect(sendDtmf(deps, { userId: 'u-ana', callId: view.id, digits: '5' })).rejects.toThrow(
      expect.objectContaining({ name: 'CallNotActive' }),
    );
  });

  it('given an app call, then NotAPhoneCall', async () => {
    const deps = smaWorld();
    await deps.calls.create({
      id: 'app-1',
      kind: 'app',
      media: 'audio',
      state: 'active',
      callerId: 'u-ana',
      calleeId: 'u-bea',
      callerName: 'Ana',
      meetingId: 'm-1',
      mediaRegion: 'us-east-1',
      startedAt: '2026-12-01T10:00:00.000Z',
      ringUntil: '2026-12-01T10:00:30.000Z',
    });

    await expect(sendDtmf(deps, { userId: 'u-ana', callId: 'app-1', digits: '5' })).rejects.toThrow(
      expect.objectContaining({ name: 'NotAPhoneCall' }),
    );
  });
});

describe('answering a phone call in the app', () => {
  it('given a phone rings Ana, when she answers, then the phone leg is told to join with the phone attendee’s token', async () => {
    const deps = smaWorld();
    const { callId } = await ringAna(deps);

    const { call: view, join } = await answerCall(deps, { userId: 'u-ana', callId });

    const meetingId = `meeting-${callId}`;
    expect(view).toMatchObject({ kind: 'pstn-in', state: 'active', direction: 'incoming', from: CALLER });
    expect(join.attendee).toMatchObject({ ExternalUserId: 'u-ana' });
    expect(deps.sma.updates).toEqual([
      { transactionId: 'tx-in-1', args: { op: 'join', meetingId, joinToken: `token-${meetingId}-pstn` } },
    ]);
  });

  it('given a phone rings Ana, then a stranger can neither answer, hang up nor send tones', async () => {
    const deps = smaWorld();
    const { callId } = await ringAna(deps);
    const notFound = expect.objectContaining({ name: 'CallNotFound' });

    await expect(answerCall(deps, { userId: 'u-cai', callId })).rejects.toThrow(notFound);
    await expect(hangupCall(deps, { userId: 'u-cai', callId })).rejects.toThrow(notFound);
    await expect(sendDtmf(deps, { userId: 'u-cai', callId, digits: '1' })).rejects.toThrow(notFound);
    await expect(answerCall(deps, { userId: CALLER, callId })).rejects.toThrow(notFound);
    expect(deps.calls.calls.get(callId)?.state).toBe('ringing');
    expect(deps.sma.updates).toEqual([]);
  });

  it('given a phone rings Ana, when she declines, then the caller is sent to voicemail and no missed call is announced yet', async () => {
    const deps = smaWorld();
    const { callId } = await ringAna(deps);

    const view = await declineCall(deps, { userId: 'u-ana', callId });

    expect(view).toMatchObject({ state: 'ended', endReason: 'declined' });
    expect(deps.sma.updates).toEqual([{ transactionId: 'tx-in-1', args: { op: 'voicemail' } }]);
    expect(deps.events.of(CallMissed)).toEqual([]);
    expect((await deps.missed.get('u-ana')).unseen).toBe(0);
  });

  it('given a phone rings Ana, when she hangs up on it, then it is declined to voicemail as well', async () => {
    const deps = smaWorld();
    const { callId } = await ringAna(deps);

    const view = await hangupCall(deps, { userId: 'u-ana', callId });

    expect(view).toMatchObject({ state: 'ended', endReason: 'declined' });
    expect(deps.sma.updates).toEqual([{ transactionId: 'tx-in-1', args: { op: 'voicemail' } }]);
  });

  it('given an answered phone call, when Ana hangs up, then it completes and the phone leg is hung up', async () => {
    const deps = smaWorld();
    const { callId } = await ringAna(deps);
    await answerCall(deps, { userId: 'u-ana', callId });
    deps.clock.advance(30);

    const view = await hangupCall(deps, { userId: 'u-ana', callId });

    expect(view).toMatchObject({ state: 'ended', endReason: 'completed', durationSeconds: 30, cost: { amount: 0.01 } });
    expect(deps.sma.updates.at(-1)).toEqual({ transactionId: 'tx-in-1', args: { op: 'hangup' } });
  });
});
