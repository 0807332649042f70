import { CallAnswered, CallInbound, UsageRecorded } from '@parley/events/calling';
import { describe, expect, it } from 'vitest';
import { CALLER, echo, hangupData, invoke, phoneLeg, ringAna, smaEvent, smaWorld, types } from './sma-fixtures.ts';

const FORWARD = '+6591112222';
const forwardingAna = async (to = FORWARD) => {
  const deps = smaWorld();
  await deps.settings.put('u-ana', { ringTimeoutSeconds: 20, voicemailEnabled: true, forwardToNumber: to });
  return deps;
};
const bridgedLeg = (status: 'Connected' | 'Disconnected' = 'Connected') =>
  phoneLeg({
    CallId: 'leg-b',
    ParticipantTag: 'LEG-B',
    To: FORWARD,
    From: CALLER,
    Direction: 'Outbound',
    Status: status,
  });

describe('call forwarding (forwardToNumber)', () => {
  it('given Ana forwards her calls, when a phone dials her number, then it is bridged to her other phone with the caller shown, and nothing rings in the browser', async () => {
    const deps = await forwardingAna();

    const { response, callId } = await ringAna(deps);

    expect(response.Actions).toEqual([
      {
        Type: 'CallAndBridge',
        Parameters: {
          CallTimeoutSeconds: 20,
          CallerIdNumber: CALLER,
          Endpoints: [{ BridgeEndpointType: 'PSTN', Uri: FORWARD }],
        },
      },
    ]);
    expect(response.TransactionAttributes).toMatchObject({ stage: 'forwarding' });
    expect(deps.events.of(CallInbound)).toEqual([]);
    expect(deps.calls.calls.get(callId)?.phone).toMatchObject({ forwardedTo: FORWARD, country: 'PA' });
  });

  it('given the forwarding phone answers and later hangs up, then the call completes, Ana is charged the forward at its rate and it counts toward her daily cap', async () => {
    const deps = await forwardingAna();
    const ring = await ringAna(deps);
    const bridge = ring.response.Actions[0] as { Type: string; Parameters: Record<string, unknown> };

    await invoke(
      deps,
      smaEvent('ACTION_SUCCESSFUL', {
        transactionId: ring.transactionId,
        attributes: ring.attributes,
        legs: [phoneLeg(), bridgedLeg()],
        actionData: echo(bridge),
      }),
    );
    expect(deps.calls.calls.get(ring.callId)?.state).toBe('active');
    expect(deps.events.of(CallAnswered).map((e) => e.audience)).toEqual([['u-ana']]);

    deps.clock.advance(90);
    const hungUp = await invoke(
      deps,
      smaEvent('HANGUP', {
        transactionId: ring.transactionId,
        attributes: { ...ring.attributes, stage: 'connected' },
        legs: [phoneLeg(), bridgedLeg('Disconnected')],
        actionData: hangupData('LEG-B'),
      }),
    );

    expect(types(hungUp)).toEqual(['Hangup']);
    const ended = deps.calls.calls.get(ring.callId);
    expect(ended).toMatchObject({ state: 'ended', endReason: 'completed', durationSeconds: 90 });
    expect(ended?.phone?.cost).toBeGreaterThan(0);
    expect(deps.events.of(UsageRecorded).map((e) => e.data)).toEqual([
      expect.objectContaining({ userId: 'u-ana', feature: 'pstn-forward', direction: 'outbound', country: 'SG' }),
    ]);
    expect([...deps.usage.days.values()]).toEqual([{ seconds: 90, spend: ended?.phone?.cost }]);
  });

  it('given the forwarding phone does not answer, then the caller reaches Ana’s voicemail', async () => {
    const deps = await forwardingAna();
    const ring = await ringAna(deps);
    const bridge = ring.response.Actions[0] as { Type: string; Parameters: Record<string, unknown> };

    const response = await invoke(
      deps,
      smaEvent('ACTION_FAILED', {
        transactionId: ring.transactionId,
        attributes: ring.attributes,
        legs: [phoneLeg()],
        actionData: echo(bridge, { ErrorType: 'CallNotAnswered', ErrorMessage: 'Call not answered' }),
      }),
    );

    expect(types(response)).toEqual(['Speak', 'RecordAudio']);
    expect(deps.calls.calls.get(ring.callId)).toMatchObject({ state: 'ended', endReason: 'missed' });
  });

  it('given Ana has used today’s minutes, when a phone dials her, then her browser rings instead of a forward', async () => {
    const deps = await forwardingAna();
    await deps.usage.add('u-ana', '2026-12-01', { seconds: 7200, spend: 0 });

    const { response } = await ringAna(deps);

    expect(types(response)).toEqual(['PlayAudio']);
    expect(deps.events.of(CallInbound)).toHaveLength(1);
  });
});
