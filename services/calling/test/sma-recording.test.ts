import { CallMissed, UsageRecorded, VoicemailLeft } from '@parley/events/calling';
import { describe, expect, it } from 'vitest';
import {
  ANA_NUMBER,
  CALLER,
  echo,
  hangupData,
  invoke,
  phoneLeg,
  ringAna,
  ringbackOver,
  smaEvent,
  smaWorld,
  types,
  type World,
  wavBytes,
} from './sma-fixtures.ts';

/** Ana's caller reaches voicemail and RecordAudio finishes with a WAV of `seconds` in the bucket. */
async function record(deps: World, seconds: number, legStatus: 'Connected' | 'Disconnected' = 'Connected') {
  const ring = await ringAna(deps);
  const greeting = await ringbackOver(deps, ring);
  const key = `voicemail/u-ana/${ring.callId}/recording.wav`;
  deps.audio.objects.set(key, wavBytes(seconds));
  deps.clock.advance(45);
  const event = smaEvent('ACTION_SUCCESSFUL', {
    transactionId: ring.transactionId,
    attributes: greeting.TransactionAttributes ?? {},
    legs: [phoneLeg({ Status: legStatus })],
    actionData: echo(greeting.Actions[1] as never, {
      RecordingDestination: { Type: 'S3', BucketName: 'audio', Key: key },
      RecordingTerminatorUsed: '#',
    }),
  });
  return { ring, greeting, key, event, response: await invoke(deps, event) };
}

describe('the recording finished (ACTION_SUCCESSFUL of RecordAudio)', () => {
  it('given a 12 s message, then it is listed, announced to Ana, its storage billed, and the caller hears goodbye', async () => {
    const deps = smaWorld();

    const { ring, key, response } = await record(deps, 12);

    expect(types(response)).toEqual(['Speak', 'Hangup']);
    expect(response.Actions[0]?.Parameters).toMatchObject({ Text: 'Thank you. Your message was saved. Goodbye.' });
    expect(response.TransactionAttributes).toMatchObject({ stage: 'done', voicemailId: ring.callId });
    expect(deps.voicemails.stored.get(ring.callId)).toEqual({
      id: ring.callId,
      ownerId: 'u-ana',
      callId: ring.callId,
      from: CALLER,
      callerName: CALLER,
      to: ANA_NUMBER,
      country: 'PA',
      key,
      bytes: wavBytes(12),
      durationSeconds: 12,
      receivedAt: '2026-12-01T10:00:45.000Z',
      heard: false,
    });
    expect(deps.calls.calls.get(ring.callId)).toMatchObject({
      endReason: 'missed',
      phone: { voicemailId: ring.callId },
    });
    expect(deps.events.of(VoicemailLeft)).toEqual([
      {
        data: {
          voicemailId: ring.callId,
          callId: ring.callId,
          ownerId: 'u-ana',
          from: CALLER,
          callerName: CALLER,
          to: ANA_NUMBER,
          durationSeconds: 12,
          receivedAt: '2026-12-01T10:00:45.000Z',
        },
        audience: ['u-ana'],
      },
    ]);
    expect(deps.events.of(UsageRecorded).map((e) => e.data)).toEqual([
      expect.objectContaining({
        userId: 'u-ana',
        feature: 'voicemail-storage',
        unit: 'kilobyte-month',
        quantity: Math.ceil(wavBytes(12) / 1024),
        country: 'PA',
      }),
    ]);
    // a message was left: the call is not announced as missed
    expect(deps.events.of(CallMissed)).toEqual([]);
  });

  it('given a retried invocation, when the same RecordAudio success arrives twice, then one voicemail and one VoicemailLeft', async () => {
    const deps = smaWorld();
    const { event, response } = await record(deps, 12);

    const again = await invoke(deps, event);

    expect(again).toEqual(response);
    expect(deps.voicemails.stored.size).toBe(1);
    expect(deps.events.of(VoicemailLeft)).toHaveLength(1);
    expect(deps.events.of(UsageRecorded)).toHaveLength(1);
  });

  it.each([0, 0.3, 0.75])(
    'given a recording of %s s, then it is deleted, no voicemail is listed, and the call is announced missed',
    async (seconds) => {
      const deps = smaWorld();

      const { key, response } = await record(deps, seconds);

      // nothing was saved, so the caller is not told it was
      expect(response.Actions).toEqual([{ Type: 'Hangup', Parameters: { CallId: 'leg-a', SipResponseCode: '0' } }]);
      expect(deps.audio.objects.has(key)).toBe(false);
      expect(deps.voicemails.stored.size).toBe(0);
      expect(deps.events.of(VoicemailLeft)).toEqual([]);
      expect(deps.events.of(CallMissed)).toHaveLength(1);
    },
  );

  it('given a message of just over a second, then it is kept', async () => {
    const deps = smaWorld();

    await record(deps, 1.2);

    expect(deps.voicemails.stored.size).toBe(1);
    expect([...deps.voicemails.stored.values()][0]?.durationSeconds).toBe(1);
  });

  it('given the caller hung up at the end of the message, then it is kept and no goodbye is spoken to nobody', async () => {
    const deps = smaWorld();

    const { response } = await record(deps, 8, 'Disconnected');

    expect(response.Actions).toEqual([]);
    expect(deps.events.of(VoicemailLeft)).toHaveLength(1);
  });

  it('given the message was left, when the caller then hangs up, then the call is not announced missed', async () => {
    const deps = smaWorld();
    const { ring, response } = await record(deps, 12);

    await invoke(
      deps,
      smaEvent('HANGUP', {
        transactionId: ring.transactionId,
        attributes: response.TransactionAttributes ?? {},
        legs: [phoneLeg({ Status: 'Disconnected' })],
        actionData: hangupData('LEG-A'),
      }),
    );

    expect(deps.events.of(CallMissed)).toEqual([]);
  });

  it('given RecordAudio failed, then the caller is hung up and the call stays missed', async () => {
    const deps = smaWorld();
    const ring = await ringAna(deps);
    const greeting = await ringbackOver(deps, ring);

    const response = await invoke(
      deps,
      smaEvent('ACTION_FAILED', {
        transactionId: ring.transactionId,
        attributes: greeting.TransactionAttributes ?? {},
        actionData: echo(greeting.Actions[1] as never, { ErrorType: 'SystemException', ErrorMessage: 'boom' }),
      }),
    );

    expect(response.Actions).toEqual([{ Type: 'Hangup', Parameters: { CallId: 'leg-a', SipResponseCode: '0' } }]);
    expect(deps.calls.calls.get(ring.callId)).toMatchObject({ state: 'ended', endReason: 'missed' });
  });
});
