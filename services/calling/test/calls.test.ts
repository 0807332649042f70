import { CallAnswered, CallEnded, CallMissed, CallRinging, UsageRecorded } from '@parley/events/calling';
import { describe, expect, it } from 'vitest';
import { expireCall, sweepRinging } from '../src/domain/call-end.ts';
import { answerCall, declineCall, hangupCall, startCall } from '../src/domain/calls.ts';
import { mediaRegionFor } from '../src/domain/model.ts';
import { memoryDeps } from './memory.ts';

const ana = { userId: 'u-ana', displayName: 'Ana', timeZone: 'America/Panama' };
const bea = { userId: 'u-bea', displayName: 'Bea', timeZone: 'Europe/Zurich' };
const cai = { userId: 'u-cai', displayName: 'Cai', timeZone: 'Asia/Singapore' };
const people = () => memoryDeps([ana, bea, cai]);
const ring = (deps: ReturnType<typeof people>, callerId = ana.userId, calleeId = bea.userId) =>
  startCall(deps, { callerId, calleeId, media: 'video' });

describe('placing a call', () => {
  it('given a block either way, when one calls the other, then it is refused and nothing rings; unblocked, it rings', async () => {
    const deps = people();
    await deps.blocks.apply({ ownerId: bea.userId, blockedId: ana.userId, active: true, version: '1' });

    await expect(ring(deps)).rejects.toMatchObject({ name: 'Blocked' });
    await expect(ring(deps, bea.userId, ana.userId)).rejects.toMatchObject({ name: 'Blocked' });
    expect(deps.events.of(CallRinging)).toEqual([]);
    expect(deps.meetings.live.size).toBe(0);

    await deps.blocks.apply({ ownerId: bea.userId, blockedId: ana.userId, active: false, version: '2' });
    await expect(ring(deps)).resolves.toMatchObject({ call: { state: 'ringing' } });
  });

  it('given a known callee, when Ana calls Bea, then the call rings Bea in her region with a meeting attendee for each', async () => {
    const deps = people();

    const { call, join, answeredExisting } = await ring(deps);

    expect(answeredExisting).toBe(false);
    expect(call).toMatchObject({
      kind: 'app',
      media: 'video',
      state: 'ringing',
      callerId: 'u-ana',
      calleeId: 'u-bea',
      direction: 'outgoing',
      startedAt: '2026-12-01T10:00:00.000Z',
      ringUntil: '2026-12-01T10:00:30.000Z',
    });
    expect([...deps.meetings.live.values()]).toEqual([
      { callId: call.id, mediaRegion: 'eu-central-1', userIds: ['u-ana', 'u-bea'] },
    ]);
    expect(join.attendee).toMatchObject({ ExternalUserId: 'u-ana' });
    expect(deps.events.of(CallRinging)).toEqual([
      {
        data: {
          callId: call.id,
          callerId: 'u-ana',
          callerName: 'Ana',
          calleeId: 'u-bea',
          media: 'video',
          startedAt: call.startedAt,
          ringUntil: call.ringUntil,
        },
        audience: ['u-bea'],
      },
    ]);
  });

  it("given the callee set a ring timeout, when called, then the call rings for the callee's timeout", async () => {
    const deps = people();
    await deps.settings.put('u-bea', { ringTimeoutSeconds: 10, voicemailEnabled: false });

    const { call } = await ring(deps);

    expect(call.ringUntil).toBe('2026-12-01T10:00:10.000Z');
  });

  it('given an unknown callee or oneself, when calling, then it is refused and nothing is created', async () => {
    const deps = people();

    await expect(startCall(deps, { callerId: 'u-ana', calleeId: 'u-nobody', media: 'audio' })).rejects.toThrow(
      expect.objectContaining({ name: 'UserNotFound' }),
    );
    await expect(startCall(deps, { callerId: 'u-ana', calleeId: 'u-ana', media: 'audio' })).rejects.toThrow(
      expect.objectContaining({ name: 'CannotCallYourself' }),
    );
    expect(deps.calls.calls.size).toBe(0);
    expect(deps.meetings.live.size).toBe(0);
    expect(deps.events.published).toEqual([]);
  });

  it('given time zones, then the region is the callee’s, else the caller’s, else us-east-1', () => {
    expect(mediaRegionFor('Asia/Singapore', 'Europe/Zurich')).toBe('ap-southeast-1');
    expect(mediaRegionFor('America/Panama')).toBe('us-east-1');
    expect(mediaRegionFor(undefined, 'Europe/Berlin')).toBe('eu-central-1');
    expect(mediaRegionFor('Australia/Sydney')).toBe('us-east-1');
    expect(mediaRegionFor()).toBe('us-east-1');
  });

  it('given Bea is in an active call, when Ana calls her, then Bea still gets CallRinging (call waiting)', async () => {
    const deps = people();
    const first = await ring(deps, cai.userId, bea.userId);
    await answerCall(deps, { userId: 'u-bea', callId: first.call.id });

    const { call } = await ring(deps);

    expect(call.state).toBe('ringing');
    expect(deps.events.of(CallRinging).map((e) => e.data)).toContainEqual(expect.objectContaining({ callId: call.id }));
  });

  it("given Bea's call to Ana is ringing, when Ana calls Bea (glare), then that call is answered and returned", async () => {
    const deps = people();
    const bea2ana = await ring(deps, bea.userId, ana.userId);

    const result = await ring(deps, ana.userId, bea.userId);

    expect(result.answeredExisting).toBe(true);
    expect(result.call).toMatchObject({ id: bea2ana.call.id, state: 'active', direction: 'incoming' });
    expect(result.join.attendee).toMatchObject({ ExternalUserId: 'u-ana' });
    expect(deps.calls.calls.size).toBe(1);
    expect(deps.meetings.live.size).toBe(1);
    expect(deps.events.of(CallAnswered)).toHaveLength(1);
  });
});

describe('answering', () => {
  it('given a ringing call, when the callee answers, then it is active, both are told, and the callee gets a join', async () => {
    const deps = people();
    const { call } = await ring(deps);
    deps.clock.advance(5);

    const answered = await answerCall(deps, { userId: 'u-bea', callId: call.id, media: 'audio' });

    expect(answered.call).toMatchObject({ state: 'active', media: 'audio', answeredAt: '2026-12-01T10:00:05.000Z' });
    expect(answered.join.attendee).toMatchObject({ ExternalUserId: 'u-bea' });
    expect(deps.events.of(CallAnswered)).toEqual([
      {
        data: { callId: call.id, answeredAt: '2026-12-01T10:00:05.000Z', media: 'audio' },
        audience: ['u-ana', 'u-bea'],
      },
    ]);
    expect(deps.calls.ringing.has(call.id)).toBe(false);
  });

  it('given two devices of the callee answer at once, then exactly one wins and the other gets CallNotRinging', async () => {
    const deps = people();
    const { call } = await ring(deps);

    const results = await Promise.allSettled([
      answerCall(deps, { userId: 'u-bea', callId: call.id }),
      answerCall(deps, { userId: 'u-bea', callId: call.id }),
    ]);

    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const lost = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(lost.reason).toMatchObject({ name: 'CallNotRinging' });
    expect(deps.events.of(CallAnswered)).toHaveLength(1);
  });

  it('given a ringing call, when the caller or a stranger tries to answer, then it is refused and stays ringing', async () => {
    const deps = people();
    const { call } = await ring(deps);

    await expect(answerCall(deps, { userId: 'u-ana', callId: call.id })).rejects.toMatchObject({
      name: 'NotTheCallee',
    });
    await expect(answerCall(deps, { userId: 'u-cai', callId: call.id })).rejects.toMatchObject({
      name: 'CallNotFound',
    });
    await expect(hangupCall(deps, { userId: 'u-cai', callId: call.id })).rejects.toMatchObject({
      name: 'CallNotFound',
    });
    expect((await deps.calls.get(call.id))?.state).toBe('ringing');
  });

  it('given the ring time is over, when the callee answers late, then CallNotRinging', async () => {
    const deps = people();
    const { call } = await ring(deps);
    deps.clock.advance(31);

    await expect(answerCall(deps, { userId: 'u-bea', callId: call.id })).rejects.toMatchObject({
      name: 'CallNotRinging',
    });
  });
});

describe('ending', () => {
  it('given a ringing call, when the callee declines, then it ends as declined for both and the meeting is deleted', async () => {
    const deps = people();
    const { call } = await ring(deps);

    const declined = await declineCall(deps, { userId: 'u-bea', callId: call.id });

    expect(declined).toMatchObject({ state: 'ended', endReason: 'declined', direction: 'incoming' });
    expect(declined.durationSeconds).toBeUndefined();
    expect(deps.events.of(CallEnded)).toEqual([
      {
        data: { callId: call.id, endReason: 'declined', endedAt: '2026-12-01T10:00:00.000Z', endedBy: 'u-bea' },
        audience: ['u-ana', 'u-bea'],
      },
    ]);
    expect(deps.meetings.live.size).toBe(0);
    expect(deps.events.of(UsageRecorded)).toEqual([]);
    await expect(declineCall(deps, { userId: 'u-bea', callId: call.id })).rejects.toMatchObject({
      name: 'CallNotRinging',
    });
  });

  it('given a ringing call, when the caller hangs up, then it is cancelled', async () => {
    const deps = people();
    const { call } = await ring(deps);

    const cancelled = await hangupCall(deps, { userId: 'u-ana', callId: call.id });

    expect(cancelled).toMatchObject({ state: 'ended', endReason: 'cancelled' });
    expect(deps.calls.ringing.has(call.id)).toBe(false);
  });

  it('given an active call of 2 min 5 s, when either hangs up, then it is completed with its duration and 6 attendee-minutes are billed to the caller', async () => {
    const deps = people();
    const { call } = await ring(deps);
    await answerCall(deps, { userId: 'u-bea', callId: call.id });
    deps.clock.advance(125);

    const ended = await hangupCall(deps, { userId: 'u-bea', callId: call.id });

    expect(ended).toMatchObject({ state: 'ended', endReason: 'completed', durationSeconds: 125 });
    expect(deps.events.of(CallEnded).map((e) => e.data)).toEqual([
      {
        callId: call.id,
        endReason: 'completed',
        endedAt: '2026-12-01T10:02:05.000Z',
        durationSeconds: 125,
        endedBy: 'u-bea',
      },
    ]);
    expect(deps.events.of(UsageRecorded).map((e) => e.data)).toEqual([
      {
        usageId: expect.any(String),
        userId: 'u-ana',
        feature: 'app-call',
        quantity: 6,
        unit: 'attendee-minute',
        unitPrice: 0.0017,
        currency: 'USD',
        at: '2026-12-01T10:02:05.000Z',
        callId: call.id,
        amountMicros: 10_200,
      },
    ]);
    expect(deps.events.of(UsageRecorded)[0]?.audience).toBeUndefined();
  });

  it('given a call that has ended, when hung up again, then it answers the call as it is and publishes nothing more', async () => {
    const deps = people();
    const { call } = await ring(deps);
    await hangupCall(deps, { userId: 'u-ana', callId: call.id });
    const before = deps.events.published.length;

    const again = await hangupCall(deps, { userId: 'u-bea', callId: call.id });

    expect(again).toMatchObject({ state: 'ended', endReason: 'cancelled' });
    expect(deps.events.published).toHaveLength(before);
  });
});

describe('the ring timeout', () => {
  it('given a ringing call, when its timer fires early, then nothing changes; when due, then it is missed and the callee told', async () => {
    const deps = people();
    const { call } = await ring(deps);

    expect(await expireCall(deps, { callId: call.id })).toBe(false);
    deps.clock.advance(30);
    expect(await expireCall(deps, { callId: call.id })).toBe(true);

    expect((await deps.calls.get(call.id))?.endReason).toBe('missed');
    expect(deps.events.of(CallMissed)).toEqual([
      {
        data: {
          callId: call.id,
          callerId: 'u-ana',
          callerName: 'Ana',
          calleeId: 'u-bea',
          at: '2026-12-01T10:00:30.000Z',
        },
        audience: ['u-bea'],
      },
    ]);
    expect(deps.events.of(CallEnded).map((e) => e.data)).toEqual([
      { callId: call.id, endReason: 'missed', endedAt: '2026-12-01T10:00:30.000Z' },
    ]);
    expect(await deps.missed.get('u-bea')).toEqual({ unseen: 1 });
  });

  it('given the timer fires twice, or after an answer, then the call is left alone (idempotent)', async () => {
    const deps = people();
    const missed = await ring(deps);
    const answered = await ring(deps, cai.userId, bea.userId);
    await answerCall(deps, { userId: 'u-bea', callId: answered.call.id });
    deps.clock.advance(60);

    expect(await expireCall(deps, { callId: missed.call.id })).toBe(true);
    expect(await expireCall(deps, { callId: missed.call.id })).toBe(false);
    expect(await expireCall(deps, { callId: answered.call.id })).toBe(false);

    expect(deps.events.of(CallMissed)).toHaveLength(1);
    expect((await deps.calls.get(answered.call.id))?.state).toBe('active');
  });

  it('given a call whose timer was lost, when the sweep runs after its ring time, then it is missed and the index is clean', async () => {
    const deps = people();
    const { call } = await ring(deps);
    expect(await sweepRinging(deps)).toEqual({ missed: 0 });

    deps.clock.advance(31);

    expect(await sweepRinging(deps)).toEqual({ missed: 1 });
    expect((await deps.calls.get(call.id))?.endReason).toBe('missed');
    expect(deps.calls.ringing.size).toBe(0);
  });
});
