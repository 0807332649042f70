import { CallInbound, CallMissed } from '@parley/events/calling';
import { describe, expect, it } from 'vitest';
import { answerCall, declineCall } from '../src/domain/calls.ts';
import { CALLER, echo, hangupData, invoke, meetingLeg, phoneLeg, ringAna, smaEvent, smaWorld } from './sma-fixtures.ts';

describe('phone calls: the edges between the browser and the SIP media application', () => {
  it('given Ana declined, when the caller hangs up before the greeting starts, then the call is announced missed once', async () => {
    const deps = smaWorld();
    const ring = await ringAna(deps);
    await declineCall(deps, { userId: 'u-ana', callId: ring.callId });
    expect(deps.events.of(CallMissed)).toEqual([]);

    await invoke(
      deps,
      smaEvent('HANGUP', {
        transactionId: ring.transactionId,
        attributes: ring.attributes,
        legs: [phoneLeg({ Status: 'Disconnected' })],
        actionData: hangupData('LEG-A'),
      }),
    );

    expect(deps.events.of(CallMissed).map((e) => e.audience)).toEqual([['u-ana']]);
  });

  it('given a connected call, when a key tone fails, then the call goes on', async () => {
    const deps = smaWorld();
    const ring = await ringAna(deps);
    await answerCall(deps, { userId: 'u-ana', callId: ring.callId });
    const sendDigits = { Type: 'SendDigits', Parameters: { CallId: 'leg-a', Digits: '1' } };

    const response = await invoke(
      deps,
      smaEvent('ACTION_FAILED', {
        transactionId: ring.transactionId,
        attributes: { ...ring.attributes, stage: 'connected' },
        legs: [phoneLeg(), meetingLeg()],
        actionData: echo(sendDigits, { ErrorType: 'InvalidActionParameter', ErrorMessage: 'bad digits' }),
      }),
    );

    expect(response.Actions).toEqual([]);
    expect(deps.calls.calls.get(ring.callId)?.state).toBe('active');
  });

  it('given a phone rings Ana, when she answers with video, then the call is audio (a phone has no camera)', async () => {
    const deps = smaWorld();
    const ring = await ringAna(deps);

    const { call } = await answerCall(deps, { userId: 'u-ana', callId: ring.callId, media: 'video' });

    expect(call.media).toBe('audio');
  });

  it('given the caller’s number is a colleague’s verified mobile, when they call Ana, then she sees their name, and a missed call names them', async () => {
    const deps = smaWorld();
    await deps.directory.upsert({ userId: 'u-cai', displayName: 'Cai', mobileNumber: CALLER });

    const ring = await ringAna(deps);
    await invoke(
      deps,
      smaEvent('HANGUP', {
        transactionId: ring.transactionId,
        attributes: ring.attributes,
        legs: [phoneLeg({ Status: 'Disconnected' })],
        actionData: hangupData('LEG-A'),
      }),
    );

    expect(deps.events.of(CallInbound)[0]?.data).toMatchObject({ from: CALLER, callerName: 'Cai' });
    expect(deps.events.of(CallMissed)[0]?.data).toMatchObject({ callerName: 'Cai', callerNumber: CALLER });
  });

  it('given a number nobody in Parley has verified, when it calls, then no name is shown', async () => {
    const deps = smaWorld();
    await deps.directory.upsert({ userId: 'u-cai', displayName: 'Cai', mobileNumber: '' });

    await ringAna(deps);

    expect(deps.events.of(CallInbound)[0]?.data).not.toHaveProperty('callerName');
  });

  it('given Ana has no device online, when a phone dials her, then the caller goes straight to voicemail and nothing rings', async () => {
    const deps = smaWorld();
    await deps.presence.apply({ userId: 'u-ana', status: 'offline', changedAt: '2026-12-01T09:00:00.000Z' });

    const { response, callId } = await ringAna(deps);

    expect(response.Actions.map((a) => a.Type)).toEqual(['Speak', 'RecordAudio']);
    expect(deps.events.of(CallInbound)).toEqual([]);
    expect(deps.calls.calls.get(callId)).toMatchObject({ state: 'ended', endReason: 'missed' });
  });

  it('given Ana came back online after being offline, when a phone dials her, then her browser rings', async () => {
    const deps = smaWorld();
    await deps.presence.apply({ userId: 'u-ana', status: 'offline', changedAt: '2026-12-01T09:00:00.000Z' });
    await deps.presence.apply({ userId: 'u-ana', status: 'online', changedAt: '2026-12-01T09:30:00.000Z' });
    // a late, older "offline" changes nothing
    await deps.presence.apply({ userId: 'u-ana', status: 'offline', changedAt: '2026-12-01T09:10:00.000Z' });

    const { response } = await ringAna(deps);

    expect(response.Actions.map((a) => a.Type)).toEqual(['PlayAudio']);
    expect(deps.events.of(CallInbound)).toHaveLength(1);
  });
});
