import { CallInbound, CallMissed } from '@parley/events/calling';
import { describe, expect, it } from 'vitest';
import { inboundCallId } from '../src/domain/sma/inbound.ts';
import {
  ANA_NUMBER,
  BEA_NUMBER,
  CALLER,
  echo,
  invoke,
  phoneLeg,
  ringAna,
  ringbackOver,
  smaEvent,
  smaWorld,
  types,
} from './sma-fixtures.ts';

describe('NEW_INBOUND_CALL', () => {
  it('given an assigned number, when a phone dials it, then ringback covers the ring time and only the owner rings', async () => {
    const deps = smaWorld();

    const { response, callId } = await ringAna(deps);

    expect(response.Actions).toEqual([
      {
        Type: 'PlayAudio',
        Parameters: {
          CallId: 'leg-a',
          AudioSource: { Type: 'S3', BucketName: 'audio', Key: 'prompts/ringback-v1.wav' },
          Repeat: 6, // 6 × 5 s = the default 30 s ring time
        },
      },
    ]);
    expect(response.TransactionAttributes).toEqual({ callId, dir: 'in', stage: 'ringing' });
    expect(callId).toBe(inboundCallId('tx-in-1'));
    expect(deps.calls.calls.get(callId)).toMatchObject({
      kind: 'pstn-in',
      state: 'ringing',
      callerId: CALLER,
      calleeId: 'u-ana',
      ringUntil: '2026-12-01T10:00:30.000Z',
      phone: { number: CALLER, local: ANA_NUMBER, country: 'PA', transactionId: 'tx-in-1', ratePerMinute: 0.01 },
    });
    expect([...deps.meetings.live.values()]).toEqual([
      { callId, mediaRegion: 'us-east-1', userIds: ['u-ana', 'pstn'] },
    ]);
    expect(deps.events.of(CallInbound)).toEqual([
      {
        data: {
          callId,
          calleeId: 'u-ana',
          from: CALLER,
          to: ANA_NUMBER,
          country: 'PA',
          startedAt: '2026-12-01T10:00:00.000Z',
          ringUntil: '2026-12-01T10:00:30.000Z',
        },
        audience: ['u-ana'],
      },
    ]);
  });

  it('given a ring time that is not a multiple of the tone, when a phone dials, then the ringback lasts at least the ring time', async () => {
    const deps = smaWorld();
    await deps.settings.put('u-ana', { ringTimeoutSeconds: 12, voicemailEnabled: true });

    const { response } = await ringAna(deps);

    // 3 × 5 s covers 12 s; 2 × 5 s would send the caller to voicemail while Ana's devices still ring
    expect(response.Actions[0]?.Parameters.Repeat).toBe(3);
  });

  it('given the ringback prompt cannot be had, when a phone dials, then a Pause of the ring time stands in', async () => {
    const deps = smaWorld();
    deps.audio.ringback = async () => {
      throw new Error('NoSuchKey');
    };

    const { response } = await ringAna(deps);

    expect(response.Actions).toEqual([
      { Type: 'Pause', Parameters: { CallId: 'leg-a', DurationInMilliseconds: 30_000 } },
    ]);
    expect(deps.warnings).toContain('ringback prompt unavailable, pausing instead');
  });

  it('given a number nobody holds, when a phone dials it, then it hears it is not in service and is hung up, and no call is stored', async () => {
    const deps = smaWorld();

    const response = await invoke(deps, smaEvent('NEW_INBOUND_CALL', { legs: [phoneLeg({ To: '+5079999999' })] }));

    expect(types(response)).toEqual(['Speak', 'Hangup']);
    expect(response.Actions[0]?.Parameters).toMatchObject({ CallId: 'leg-a', LanguageCode: 'en-US' });
    expect(response.Actions[1]?.Parameters).toEqual({ CallId: 'leg-a', SipResponseCode: '0' });
    expect(response.TransactionAttributes).toEqual({ stage: 'done' });
    expect(deps.calls.calls.size).toBe(0);
    expect(deps.meetings.live.size).toBe(0);
    expect(deps.events.published).toEqual([]);
  });

  it('given the carrier rewrote To into the meeting number, when a phone dials, then the dialled number comes from its header', async () => {
    const deps = smaWorld();
    const legA = phoneLeg({ To: '+17035550122', SipHeaders: { 'x-parley-dialed-number': BEA_NUMBER } });

    const response = await invoke(deps, smaEvent('NEW_INBOUND_CALL', { transactionId: 'tx-bea', legs: [legA] }));

    expect(types(response)).toEqual(['PlayAudio']);
    const call = deps.calls.calls.get(response.TransactionAttributes?.callId as string);
    expect(call).toMatchObject({ calleeId: 'u-bea', phone: { local: BEA_NUMBER, country: 'CH' } });
    expect(deps.events.of(CallInbound).map((e) => e.audience)).toEqual([['u-bea']]);
  });

  it('given a retried invocation, when the same NEW_INBOUND_CALL arrives twice, then one call is stored and the actions are the same', async () => {
    const deps = smaWorld();

    const first = await ringAna(deps);
    const second = await ringAna(deps);

    expect(second.response).toEqual(first.response);
    expect(deps.calls.calls.size).toBe(1);
    expect(deps.meetings.live.size).toBe(1);
  });
});

describe('the ringback runs out (ACTION_SUCCESSFUL of PlayAudio)', () => {
  it('given voicemail on and a Spanish-speaking owner, then the call is missed and the caller hears the greeting in es-US and is recorded', async () => {
    const deps = smaWorld();
    const legA = phoneLeg({ To: '+17035550122', SipHeaders: { 'X-Parley-Dialed-Number': BEA_NUMBER } });
    const ringing = await invoke(deps, smaEvent('NEW_INBOUND_CALL', { transactionId: 'tx-bea', legs: [legA] }));
    const callId = ringing.TransactionAttributes?.callId as string;

    const response = await invoke(
      deps,
      smaEvent('ACTION_SUCCESSFUL', {
        transactionId: 'tx-bea',
        attributes: ringing.TransactionAttributes ?? {},
        legs: [legA],
        actionData: echo(ringing.Actions[0] as never),
      }),
    );

    expect(types(response)).toEqual(['Speak', 'RecordAudio']);
    expect(response.Actions[0]?.Parameters).toMatchObject({
      CallId: 'leg-a',
      LanguageCode: 'es-US',
      VoiceId: 'Lupe',
      Text: expect.stringMatching(/^Bea no puede atender su llamada/),
    });
    expect(response.Actions[1]?.Parameters).toEqual({
      CallId: 'leg-a',
      DurationInSeconds: 180,
      SilenceDurationInSeconds: 5,
      SilenceThreshold: 200,
      RecordingTerminators: ['#'],
      RecordingDestination: { Type: 'S3', BucketName: 'audio', Prefix: `voicemail/u-bea/${callId}/` },
    });
    expect(response.TransactionAttributes).toMatchObject({ callId, dir: 'in', stage: 'voicemail' });
    expect(deps.calls.calls.get(callId)).toMatchObject({ state: 'ended', endReason: 'missed' });
    // whether it is a missed call depends on the message: not announced yet
    expect(deps.events.of(CallMissed)).toEqual([]);
  });

  it("given the owner's own greeting, then the caller hears that text", async () => {
    const deps = smaWorld();
    await deps.settings.put('u-ana', {
      ringTimeoutSeconds: 30,
      voicemailEnabled: true,
      greeting: 'Ana here, talk to me.',
    });
    const ring = await ringAna(deps);

    const response = await ringbackOver(deps, ring);

    expect(response.Actions[0]?.Parameters).toMatchObject({ Text: 'Ana here, talk to me.', LanguageCode: 'en-US' });
  });

  it('given voicemail off, then the caller hears that Ana is unavailable and is hung up, and the call is announced missed', async () => {
    const deps = smaWorld();
    await deps.settings.put('u-ana', { ringTimeoutSeconds: 30, voicemailEnabled: false });
    const ring = await ringAna(deps);

    const response = await ringbackOver(deps, ring);

    expect(types(response)).toEqual(['Speak', 'Hangup']);
    expect(response.Actions[0]?.Parameters.Text).toMatch(/^Ana can't take your call/);
    expect(response.TransactionAttributes).toMatchObject({ stage: 'done' });
    expect(deps.calls.calls.get(ring.callId)).toMatchObject({ state: 'ended', endReason: 'missed' });
    expect(deps.events.of(CallMissed)).toEqual([
      {
        data: {
          callId: ring.callId,
          callerId: CALLER,
          callerName: CALLER,
          calleeId: 'u-ana',
          at: '2026-12-01T10:00:00.000Z',
          callerNumber: CALLER,
        },
        audience: ['u-ana'],
      },
    ]);
    expect((await deps.missed.get('u-ana')).unseen).toBe(1);
  });

  it('given the ringback failed to play, then the caller still reaches voicemail', async () => {
    const deps = smaWorld();
    const ring = await ringAna(deps);

    const response = await invoke(
      deps,
      smaEvent('ACTION_FAILED', {
        transactionId: ring.transactionId,
        attributes: ring.attributes,
        actionData: echo(ring.response.Actions[0] as never, { ErrorType: 'InvalidAudioSource', ErrorMessage: 'x' }),
      }),
    );

    expect(types(response)).toEqual(['Speak', 'RecordAudio']);
  });

  it('given Ana answered meanwhile, then the ringback ending leaves the call to its JoinChimeMeeting', async () => {
    const deps = smaWorld();
    const ring = await ringAna(deps);
    await deps.calls.transition(ring.callId, 'ringing', { state: 'active', answeredAt: '2026-12-01T10:00:10.000Z' });

    const response = await ringbackOver(deps, ring);

    expect(response.Actions).toEqual([]);
    expect(deps.calls.calls.get(ring.callId)?.state).toBe('active');
  });
});
