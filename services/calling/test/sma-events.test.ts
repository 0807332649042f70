import { CallMissed } from '@parley/events/calling';
import { describe, expect, it } from 'vitest';
import { INVOCATION_EVENT_TYPES } from '../src/domain/sma/contract.ts';
import { echo, invoke, meetingLeg, phoneLeg, ringAna, smaEvent, smaWorld, types, updateData } from './sma-fixtures.ts';

describe('informational events', () => {
  it('given a ringing inbound call, when ACTION_INTERRUPTED of the ringback arrives, then it is ignored', async () => {
    const deps = smaWorld();
    const ring = await ringAna(deps);
    const before = deps.events.published.length;

    const response = await invoke(
      deps,
      smaEvent('ACTION_INTERRUPTED', {
        transactionId: ring.transactionId,
        attributes: ring.attributes,
        actionData: echo(ring.response.Actions[0] as never),
      }),
    );

    expect(response).toEqual({ SchemaVersion: '1.0', Actions: [] });
    expect(deps.calls.calls.get(ring.callId)?.state).toBe('ringing');
    expect(deps.events.published).toHaveLength(before);
  });

  it('given a connected call, when DIGITS_RECEIVED arrives, then nothing is done', async () => {
    const deps = smaWorld();
    const ring = await ringAna(deps);

    const response = await invoke(
      deps,
      smaEvent('DIGITS_RECEIVED', {
        transactionId: ring.transactionId,
        attributes: { ...ring.attributes, stage: 'connected' },
        actionData: { Type: 'ReceiveDigits', Parameters: { CallId: 'leg-a' }, ReceivedDigits: '11#' },
      }),
    );

    expect(response).toEqual({ SchemaVersion: '1.0', Actions: [] });
  });
});

describe('INVALID_LAMBDA_RESPONSE', () => {
  it('given the SMA refused a response, then it is logged, the call ends failed and every live leg is hung up', async () => {
    const deps = smaWorld();
    const ring = await ringAna(deps);

    const response = await invoke(
      deps,
      smaEvent('INVALID_LAMBDA_RESPONSE', {
        transactionId: ring.transactionId,
        attributes: ring.attributes,
        legs: [phoneLeg(), meetingLeg('Disconnected')],
        error: { ErrorType: 'TransactionAttributesInvalidMapSize', ErrorMessage: 'Maximum number of mappings is 10' },
      }),
    );

    expect(response.Actions).toEqual([{ Type: 'Hangup', Parameters: { CallId: 'leg-a', SipResponseCode: '0' } }]);
    expect(response.TransactionAttributes).toMatchObject({ stage: 'done' });
    expect(deps.warnings).toContain('the SIP media application refused a response');
    expect(deps.calls.calls.get(ring.callId)).toMatchObject({ state: 'ended', endReason: 'failed' });
  });
});

describe('CALL_UPDATE_REQUESTED (UpdateSipMediaApplicationCall from Parley)', () => {
  const update = (attributes: Record<string, string>, args: Record<string, string>, legs = [phoneLeg()]) =>
    smaEvent('CALL_UPDATE_REQUESTED', { transactionId: 'tx-in-1', attributes, legs, actionData: updateData(args) });

  it('given op join, then the caller joins the meeting with the token', async () => {
    const deps = smaWorld();
    const ring = await ringAna(deps);

    const response = await invoke(
      deps,
      update(ring.attributes, { op: 'join', meetingId: 'meeting-1', joinToken: 'token-pstn' }),
    );

    expect(response.Actions).toEqual([
      { Type: 'JoinChimeMeeting', Parameters: { CallId: 'leg-a', MeetingId: 'meeting-1', JoinToken: 'token-pstn' } },
    ]);
    expect(response.TransactionAttributes).toMatchObject({ stage: 'joining', meetingId: 'meeting-1' });
  });

  it('given op join without a token, then nothing runs', async () => {
    const deps = smaWorld();
    const ring = await ringAna(deps);

    expect((await invoke(deps, update(ring.attributes, { op: 'join', meetingId: 'm' }))).Actions).toEqual([]);
  });

  it('given op voicemail while the caller hears ringback, then the greeting and the recording start', async () => {
    const deps = smaWorld();
    const ring = await ringAna(deps);

    const response = await invoke(deps, update(ring.attributes, { op: 'voicemail' }));

    expect(types(response)).toEqual(['Speak', 'RecordAudio']);
    expect(response.TransactionAttributes).toMatchObject({ stage: 'voicemail' });
  });

  it('given op voicemail once the greeting already plays, then it is not started again', async () => {
    const deps = smaWorld();
    const ring = await ringAna(deps);

    const response = await invoke(deps, update({ ...ring.attributes, stage: 'voicemail' }, { op: 'voicemail' }));

    expect(response.Actions).toEqual([]);
  });

  it('given op dtmf, then the digits are sent on the phone leg', async () => {
    const deps = smaWorld();

    const response = await invoke(
      deps,
      update({ callId: 'c1', dir: 'out', stage: 'connected' }, { op: 'dtmf', digits: '12#' }, [
        phoneLeg(),
        meetingLeg(),
      ]),
    );

    expect(response.Actions).toEqual([
      { Type: 'SendDigits', Parameters: { CallId: 'leg-a', Digits: '12#', ToneDurationInMilliseconds: 100 } },
    ]);
  });

  it('given op hangup, then every connected leg is hung up and a ringing call is cancelled', async () => {
    const deps = smaWorld();
    const ring = await ringAna(deps);

    const response = await invoke(deps, update(ring.attributes, { op: 'hangup' }, [phoneLeg(), meetingLeg()]));

    expect(response.Actions).toEqual([
      { Type: 'Hangup', Parameters: { CallId: 'leg-a', SipResponseCode: '0' } },
      { Type: 'Hangup', Parameters: { CallId: 'leg-b', SipResponseCode: '0' } },
    ]);
    expect(deps.calls.calls.get(ring.callId)).toMatchObject({ state: 'ended', endReason: 'cancelled' });
    expect(deps.events.of(CallMissed)).toEqual([]);
  });

  it('given op hangup of an active call, then it completes', async () => {
    const deps = smaWorld();
    const ring = await ringAna(deps);
    await deps.calls.transition(ring.callId, 'ringing', { state: 'active', answeredAt: '2026-12-01T10:00:00.000Z' });

    await invoke(deps, update({ ...ring.attributes, stage: 'connected' }, { op: 'hangup' }));

    expect(deps.calls.calls.get(ring.callId)).toMatchObject({ state: 'ended', endReason: 'completed' });
  });

  it('given an unknown op, then it is logged and nothing runs', async () => {
    const deps = smaWorld();

    const response = await invoke(deps, update({ callId: 'c1' }, { op: 'transfer' }));

    expect(response.Actions).toEqual([]);
    expect(deps.warnings).toContain('unknown update');
  });
});

describe('the response contract', () => {
  it('given every invocation event type, when dispatched, then each response is SchemaVersion 1.0 with at most 10 actions naming their CallId', async () => {
    for (const type of INVOCATION_EVENT_TYPES) {
      const deps = smaWorld();
      const ring = await ringAna(deps);
      const actionData =
        type === 'CALL_UPDATE_REQUESTED'
          ? updateData({ op: 'hangup' })
          : type === 'HANGUP'
            ? { Type: 'Hangup', Parameters: { SipResponseCode: '0', CallId: 'leg-a', ParticipantTag: 'LEG-A' } }
            : echo(ring.response.Actions[0] as never);

      // invoke checks the envelope, the count and the CallIds
      const response = await invoke(
        deps,
        smaEvent(type, { transactionId: ring.transactionId, attributes: ring.attributes, actionData }),
      );

      expect(response.SchemaVersion, type).toBe('1.0');
    }
  });
});
