import { CallAnswered, CallEnded, UsageRecorded } from '@parley/events/calling';
import { describe, expect, it } from 'vitest';
import { placePhoneCall } from '../src/domain/phone-calls.ts';
import {
  CALLER,
  hangupData,
  invoke,
  meetingLeg,
  phoneLeg,
  smaEvent,
  smaWorld,
  types,
  type World,
} from './sma-fixtures.ts';

/** The PSTN leg Parley dialled (pattern B: LEG-A is the far end). */
const dialledLeg = (status: 'Connected' | 'Disconnected' = 'Connected') =>
  phoneLeg({ To: CALLER, From: '+12025550100', Direction: 'Outbound', Status: status });

/** Ana calls the Swiss number: the call, the SMA's NEW_OUTBOUND_CALL and the attributes it keeps. */
async function dialOut(deps: World) {
  const placed = await placePhoneCall(deps, { callerId: 'u-ana', to: CALLER, media: 'audio' });
  const dial = deps.sma.dialled[0];
  if (!dial) throw new Error('nothing dialled');
  const created = await invoke(
    deps,
    smaEvent('NEW_OUTBOUND_CALL', {
      transactionId: dial.transactionId,
      legs: [phoneLeg({ To: CALLER, From: dial.from, Direction: 'Outbound' })],
      actionData: { Type: 'CallCreateRequest', Parameters: { Arguments: dial.arguments } },
    }),
  );
  return { callId: placed.call.id, dial, created, attributes: created.TransactionAttributes ?? {} };
}

const answer = (deps: World, out: Awaited<ReturnType<typeof dialOut>>) =>
  invoke(
    deps,
    smaEvent('CALL_ANSWERED', {
      transactionId: out.dial.transactionId,
      attributes: out.attributes,
      legs: [dialledLeg()],
    }),
  );

describe('NEW_OUTBOUND_CALL and RINGING', () => {
  it('given a call Parley dialled, when NEW_OUTBOUND_CALL arrives, then its Arguments become the attributes and no action runs', async () => {
    const deps = smaWorld();

    const { created, dial, callId } = await dialOut(deps);

    expect(created.Actions).toEqual([]);
    expect(created.TransactionAttributes).toEqual({
      callId,
      meetingId: dial.arguments.meetingId,
      joinToken: dial.arguments.joinToken,
      dir: 'out',
      stage: 'ringing',
    });
  });

  it('given the far end rings, when RINGING arrives, then nothing is done', async () => {
    const deps = smaWorld();
    const out = await dialOut(deps);
    const before = deps.events.published.length;

    const response = await invoke(
      deps,
      smaEvent('RINGING', { transactionId: out.dial.transactionId, attributes: out.attributes, legs: [dialledLeg()] }),
    );

    expect(response).toEqual({ SchemaVersion: '1.0', Actions: [] });
    expect(deps.calls.calls.get(out.callId)?.state).toBe('ringing');
    expect(deps.events.published).toHaveLength(before);
  });
});

describe('CALL_ANSWERED', () => {
  it('given a ringing call, when the far end answers, then the call is active, announced, and the leg joins the meeting', async () => {
    const deps = smaWorld();
    const out = await dialOut(deps);
    deps.clock.advance(7);

    const response = await answer(deps, out);

    expect(response.Actions).toEqual([
      {
        Type: 'JoinChimeMeeting',
        Parameters: {
          CallId: 'leg-a',
          MeetingId: out.dial.arguments.meetingId,
          JoinToken: out.dial.arguments.joinToken,
        },
      },
    ]);
    expect(response.TransactionAttributes).toMatchObject({ stage: 'joining', callId: out.callId });
    expect(deps.calls.calls.get(out.callId)).toMatchObject({ state: 'active', answeredAt: '2026-12-01T10:00:07.000Z' });
    expect(deps.calls.ringing.has(out.callId)).toBe(false);
    expect(deps.events.of(CallAnswered)).toEqual([
      {
        data: { callId: out.callId, answeredAt: '2026-12-01T10:00:07.000Z', media: 'audio' },
        audience: ['u-ana'],
      },
    ]);
  });

  it('given a retried invocation, when CALL_ANSWERED arrives twice, then one CallAnswered and the same join', async () => {
    const deps = smaWorld();
    const out = await dialOut(deps);

    const first = await answer(deps, out);
    const second = await answer(deps, out);

    expect(second).toEqual(first);
    expect(deps.events.of(CallAnswered)).toHaveLength(1);
  });

  it('given Ana cancelled while it rang, when the far end answers, then it is hung up and nothing is announced', async () => {
    const deps = smaWorld();
    const out = await dialOut(deps);
    await deps.calls.transition(out.callId, 'ringing', { state: 'ended', endReason: 'cancelled' });

    const response = await answer(deps, out);

    expect(response.Actions).toEqual([{ Type: 'Hangup', Parameters: { CallId: 'leg-a', SipResponseCode: '0' } }]);
    expect(response.TransactionAttributes).toMatchObject({ stage: 'done' });
    expect(deps.events.of(CallAnswered)).toEqual([]);
  });
});

describe('the far end hangs up or never answers (HANGUP of LEG-A)', () => {
  it.each([
    ['486', 'busy'],
    ['480', 'unanswered'],
    ['0', 'unanswered'],
  ])('given a ringing call, when HANGUP with SIP %s, then the call ends %s at no cost', async (code, reason) => {
    const deps = smaWorld();
    const out = await dialOut(deps);

    const response = await invoke(
      deps,
      smaEvent('HANGUP', {
        transactionId: out.dial.transactionId,
        attributes: out.attributes,
        legs: [dialledLeg('Disconnected')],
        actionData: hangupData('LEG-A', code),
      }),
    );

    expect(response.Actions).toEqual([]);
    expect(deps.calls.calls.get(out.callId)).toMatchObject({ state: 'ended', endReason: reason, phone: { cost: 0 } });
    expect(deps.events.of(UsageRecorded)).toEqual([]);
    expect(deps.meetings.live.size).toBe(0);
  });

  it('given an active call, when the far end hangs up, then it completes with its cost, the ledger and the caps are charged, and the meeting leg is hung up', async () => {
    const deps = smaWorld();
    const out = await dialOut(deps);
    const joined = await answer(deps, out);
    deps.clock.advance(95); // Switzerland: a minimum minute, then by the second

    const response = await invoke(
      deps,
      smaEvent('HANGUP', {
        transactionId: out.dial.transactionId,
        attributes: { ...joined.TransactionAttributes, stage: 'connected' },
        legs: [dialledLeg('Disconnected'), meetingLeg()],
        actionData: hangupData('LEG-A'),
      }),
    );

    expect(response.Actions).toEqual([{ Type: 'Hangup', Parameters: { CallId: 'leg-b', SipResponseCode: '0' } }]);
    expect(deps.calls.calls.get(out.callId)).toMatchObject({
      state: 'ended',
      endReason: 'completed',
      durationSeconds: 95,
      phone: { cost: 0.0317 }, // 95 s × 0.02 USD/min
    });
    expect(deps.events.of(CallEnded).map((e) => e.data)).toEqual([
      expect.objectContaining({ endReason: 'completed', cost: { amount: 0.0317, currency: 'USD' } }),
    ]);
    expect(deps.events.of(UsageRecorded).map((e) => e.data)).toEqual([
      // the meeting: Ana and the phone leg, two started minutes each
      expect.objectContaining({
        userId: 'u-ana',
        feature: 'pstn-out',
        quantity: 4,
        unit: 'attendee-minute',
        amountMicros: 6_800,
      }),
      expect.objectContaining({
        userId: 'u-ana',
        feature: 'pstn-out',
        quantity: 95,
        unit: 'second',
        amount: 0.0317,
        // integer micro-USD, the ledger's amount (ADR 0021)
        amountMicros: 31_700,
        country: 'CH',
        direction: 'outbound',
      }),
    ]);
    expect(deps.usage.days.get('u-ana#2026-12-01')).toEqual({ seconds: 95, spend: 0.0317 });
    // the SMA invocation hangs the legs up itself: no UpdateSipMediaApplicationCall
    expect(deps.sma.updates).toEqual([]);
  });

  it('given an active call, when the meeting leg hangs up, then the call completes and the phone is hung up', async () => {
    const deps = smaWorld();
    const out = await dialOut(deps);
    await answer(deps, out);
    deps.clock.advance(20);

    const response = await invoke(
      deps,
      smaEvent('HANGUP', {
        transactionId: out.dial.transactionId,
        attributes: { ...out.attributes, stage: 'connected' },
        legs: [dialledLeg(), meetingLeg('Disconnected')],
        actionData: { Type: 'ReceiveDigits', Parameters: { CallId: 'leg-b', ParticipantTag: 'LEG-B' } },
      }),
    );

    expect(types(response)).toEqual(['Hangup']);
    expect(response.Actions[0]?.Parameters.CallId).toBe('leg-a');
    expect(deps.calls.calls.get(out.callId)).toMatchObject({ endReason: 'completed', phone: { cost: 0.02 } });
  });
});

describe('ACTION_FAILED of JoinChimeMeeting', () => {
  it('given the answered leg cannot join the meeting, then the call ends failed and every live leg is hung up', async () => {
    const deps = smaWorld();
    const out = await dialOut(deps);
    const joined = await answer(deps, out);

    const response = await invoke(
      deps,
      smaEvent('ACTION_FAILED', {
        transactionId: out.dial.transactionId,
        attributes: joined.TransactionAttributes ?? {},
        legs: [dialledLeg()],
        actionData: {
          ...joined.Actions[0],
          ErrorType: 'InvalidActionParameter',
          ErrorMessage: 'JoinToken parameter value is invalid',
        },
      }),
    );

    expect(response.Actions).toEqual([{ Type: 'Hangup', Parameters: { CallId: 'leg-a', SipResponseCode: '0' } }]);
    expect(response.TransactionAttributes).toMatchObject({ stage: 'done' });
    expect(deps.calls.calls.get(out.callId)).toMatchObject({ state: 'ended', endReason: 'failed' });
    expect(deps.warnings).toContain('SIP media application action failed');
  });

  it('given the join succeeded, when ACTION_SUCCESSFUL of JoinChimeMeeting arrives, then the stage is connected and nothing runs', async () => {
    const deps = smaWorld();
    const out = await dialOut(deps);
    const joined = await answer(deps, out);

    const response = await invoke(
      deps,
      smaEvent('ACTION_SUCCESSFUL', {
        transactionId: out.dial.transactionId,
        attributes: joined.TransactionAttributes ?? {},
        legs: [dialledLeg(), meetingLeg()],
        actionData: joined.Actions[0] as never,
      }),
    );

    expect(response.Actions).toEqual([]);
    expect(response.TransactionAttributes).toMatchObject({ stage: 'connected', callId: out.callId });
  });
});
