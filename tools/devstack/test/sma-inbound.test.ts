import { UpdateSipMediaApplicationCallCommand } from '@aws-sdk/client-chime-sdk-voice';
import { GetObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { SmaEvent } from '../src/chime/sma-types.ts';
import { BUCKET, type Harness, respond, startHarness } from './sma-harness.ts';

const CALLER = '+41441234567';
const legOf = (e: SmaEvent, tag: string) => e.CallDetails.Participants.find((p) => p.ParticipantTag === tag);
const legA = (e: SmaEvent) => legOf(e, 'LEG-A')?.CallId ?? '';

describe('SMA driver, inbound calls, through the real LambdaClient and Chime SDK Voice client', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.close();
  });
  beforeEach(() => {
    h.meetings.tokens.set('join-token-1', { meetingId: 'meeting-1', attendeeId: 'attendee-phone' });
  });

  it('given ringback then an update to join, when the caller is answered, then PlayAudio is interrupted and the call joins the meeting; the caller hangs up, the handler hangs up the meeting leg', async () => {
    h.script.current = (event) => {
      const type = event.InvocationEventType;
      if (type === 'NEW_INBOUND_CALL')
        return respond(
          [
            {
              Type: 'PlayAudio',
              Parameters: { AudioSource: { Type: 'S3', BucketName: BUCKET, Key: 'ringback.wav' }, Repeat: 10 },
            },
          ],
          { state: 'RINGING_USER' },
        );
      if (type === 'CALL_UPDATE_REQUESTED')
        return respond([
          { Type: 'JoinChimeMeeting', Parameters: { JoinToken: 'join-token-1', MeetingId: 'meeting-1' } },
        ]);
      if (type === 'HANGUP' && legOf(event, 'LEG-B')?.Status === 'Connected')
        return respond([{ Type: 'Hangup', Parameters: { ParticipantTag: 'LEG-B', SipResponseCode: '0' } }]);
      return respond();
    };

    const call = h.dial(CALLER);
    const active = await h.until(
      () => h.phone.get(call.id)?.state === 'active' && h.phone.get(call.id),
      'the SMA to answer',
    );
    const txId = active.transactionId ?? '';
    const accepted = await h.voice.send(
      new UpdateSipMediaApplicationCallCommand({
        SipMediaApplicationId: h.smaId,
        TransactionId: txId,
        Arguments: { op: 'join' },
      }),
    );
    await h.until(() => h.phone.get(call.id)?.meeting, 'the join');
    h.phone.hangup(call.id);
    await h.until(() => h.meetings.leaves.length > 0, 'the meeting leg to be hung up');
    await h.until(() => h.sequence(txId).length >= 6, 'the last HANGUP');

    expect(accepted.SipMediaApplicationCall?.TransactionId).toBe(txId);
    expect(h.sequence(txId)).toEqual([
      'NEW_INBOUND_CALL',
      'ACTION_INTERRUPTED:PlayAudio',
      'CALL_UPDATE_REQUESTED',
      'ACTION_SUCCESSFUL:JoinChimeMeeting',
      'HANGUP',
      'HANGUP',
    ]);
    const mine = h.events.filter((e) => e.CallDetails.TransactionId === txId);
    expect(mine.map((e) => e.Sequence)).toEqual(mine.map((_, i) => i + 1));
    const first = mine[0] as SmaEvent;
    expect(first.CallDetails).toMatchObject({
      AwsAccountId: '000000000000',
      AwsRegion: 'eu-central-1',
      SipMediaApplicationId: h.smaId,
    });
    expect(first.CallDetails.SipRuleId).toEqual(expect.any(String));
    expect(legOf(first, 'LEG-A')).toMatchObject({
      To: h.number,
      From: CALLER,
      Direction: 'Inbound',
      StartTimeInMilliseconds: expect.stringMatching(/^\d{13}$/),
    });
    const update = mine[2] as SmaEvent;
    expect(update.ActionData).toEqual({ Type: 'CallUpdateRequest', Parameters: { Arguments: { op: 'join' } } });
    expect(update.CallDetails.TransactionAttributes).toEqual({ state: 'RINGING_USER' });
    expect(legOf(mine[3] as SmaEvent, 'LEG-B')).toMatchObject({
      To: '+17035550122',
      From: 'SMA',
      Direction: 'Outbound',
      Status: 'Connected',
    });
    expect(h.meetings.joins).toEqual([{ meetingId: 'meeting-1', attendeeId: 'attendee-phone' }]);
    expect(h.meetings.leaves).toEqual([{ meetingId: 'meeting-1', attendeeId: 'attendee-phone' }]);
    const callerHangup = mine[4] as SmaEvent;
    expect(callerHangup.ActionData).toMatchObject({
      Type: 'Hangup',
      Parameters: { ParticipantTag: 'LEG-A', SipResponseCode: '0' },
    });
    expect(legOf(callerHangup, 'LEG-A')?.Status).toBe('Disconnected');
    expect((mine[5] as SmaEvent).ActionData).toMatchObject({ Parameters: { ParticipantTag: 'LEG-B' } });
    expect(mine).toHaveLength(6);
    expect(h.phone.get(call.id)).toMatchObject({
      state: 'ended',
      endReason: 'hung-up',
      meeting: {
        meetingId: 'meeting-1',
        attendeeId: 'attendee-phone',
        joinToken: 'join-token-1',
        signalingUrl: 'ws://localhost:3000/_dev/chime/meetings/meeting-1/signal',
      },
    });
    expect(h.phone.get(call.id)?.spoken).toEqual([
      expect.objectContaining({ kind: 'audio', text: `s3://${BUCKET}/ringback.wav` }),
    ]);
    const ended = await h.voice
      .send(
        new UpdateSipMediaApplicationCallCommand({
          SipMediaApplicationId: h.smaId,
          TransactionId: txId,
          Arguments: {},
        }),
      )
      .catch((e: Error) => e);
    expect(ended).toMatchObject({ name: 'NotFoundException' });
  });

  it('given no answer from the user, when the handler speaks and records, then a WAV of the recorded length is in S3 and ACTION_SUCCESSFUL names it', async () => {
    h.script.current = (event) => {
      if (event.InvocationEventType === 'NEW_INBOUND_CALL')
        return respond([
          { Type: 'Speak', Parameters: { CallId: legA(event), Text: 'Please leave a message after the tone.' } },
          {
            Type: 'RecordAudio',
            Parameters: {
              CallId: legA(event),
              DurationInSeconds: 2,
              RecordingTerminators: ['#'],
              RecordingDestination: { Type: 'S3', BucketName: BUCKET, Prefix: 'voicemail/' },
            },
          },
        ]);
      if (event.ActionData?.Type === 'RecordAudio')
        return respond([{ Type: 'Hangup', Parameters: { SipResponseCode: '0' } }]);
      return respond();
    };

    const call = h.dial(CALLER);
    const tx = await h.until(
      () => h.phone.get(call.id)?.state === 'ended' && h.phone.get(call.id)?.transactionId,
      'the hangup',
    );
    await h.until(() => h.sequence(tx).includes('HANGUP'), 'HANGUP');

    const recorded = h.events.find((e) => e.CallDetails.TransactionId === tx && e.ActionData?.Type === 'RecordAudio');
    const key = (recorded?.ActionData?.RecordingDestination as { Key?: string } | undefined)?.Key ?? '';
    expect(recorded?.InvocationEventType).toBe('ACTION_SUCCESSFUL');
    expect(recorded?.ActionData?.RecordingDestination).toEqual({
      Type: 'S3',
      BucketName: BUCKET,
      Key: expect.stringMatching(/^voicemail\/.+\.wav$/),
    });
    const object = await h.s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }));
    const wav = Buffer.from((await object.Body?.transformToByteArray()) ?? []);
    expect(wav.toString('ascii', 0, 4)).toBe('RIFF');
    expect({
      rate: wav.readUInt32LE(24),
      channels: wav.readUInt16LE(22),
      bits: wav.readUInt16LE(34),
      dataBytes: wav.readUInt32LE(40),
    }).toEqual({
      rate: 8000,
      channels: 1,
      bits: 16,
      dataBytes: 2 * 8000 * 2,
    });
    expect(h.sequence(tx)).toEqual(['NEW_INBOUND_CALL', 'ACTION_SUCCESSFUL:RecordAudio', 'HANGUP']);
    expect(h.phone.get(call.id)).toMatchObject({
      endReason: 'remote-hung-up',
      spoken: [expect.objectContaining({ kind: 'speech', text: 'Please leave a message after the tone.' })],
      recordings: [expect.objectContaining({ bucket: BUCKET, key, durationMs: 2000 })],
    });
  });

  it('given ReceiveDigits and then SpeakAndGetDigits, when the caller presses keys, then DIGITS_RECEIVED and ReceivedDigits carry them', async () => {
    h.script.current = (event) => {
      const type = event.InvocationEventType;
      if (type === 'NEW_INBOUND_CALL')
        return respond([
          {
            Type: 'ReceiveDigits',
            Parameters: {
              InputDigitsRegex: '^\\d{2}#$',
              InBetweenDigitsDurationInMilliseconds: 1000,
              FlushDigitsDurationInMilliseconds: 10000,
            },
          },
        ]);
      if (type === 'DIGITS_RECEIVED')
        return respond([
          {
            Type: 'SpeakAndGetDigits',
            Parameters: {
              CallId: legA(event),
              SpeechParameters: { Text: 'Enter your PIN' },
              FailureSpeechParameters: { Text: 'Try again' },
              RepeatDurationInMilliseconds: 10000,
              MinNumberOfDigits: 4,
              InputDigitsRegex: '^\\d{4}$',
            },
          },
        ]);
      if (type === 'ACTION_SUCCESSFUL' && event.ActionData?.Type === 'SpeakAndGetDigits')
        return respond([{ Type: 'Hangup', Parameters: {} }]);
      return respond();
    };

    const call = h.dial(CALLER);
    const tx = await h.until(() => h.phone.get(call.id)?.transactionId, 'the transaction');
    await h.until(() => h.sequence(tx).includes('ACTION_SUCCESSFUL:ReceiveDigits'), 'ReceiveDigits to listen');
    h.phone.pressDigits(call.id, '11#');
    await h.until(() => h.phone.get(call.id)?.spoken.length, 'the PIN prompt');
    h.phone.pressDigits(call.id, '1234#');
    await h.until(() => h.phone.get(call.id)?.state === 'ended', 'the hangup');

    const digits = h.events.find(
      (e) => e.CallDetails.TransactionId === tx && e.InvocationEventType === 'DIGITS_RECEIVED',
    );
    const pin = h.events.find((e) => e.CallDetails.TransactionId === tx && e.ActionData?.Type === 'SpeakAndGetDigits');
    expect(digits?.ActionData).toMatchObject({ Type: 'ReceiveDigits', ReceivedDigits: '11#' });
    expect(pin?.InvocationEventType).toBe('ACTION_SUCCESSFUL');
    expect(pin?.ActionData?.ReceivedDigits).toBe('1234');
    expect(h.phone.get(call.id)?.digitsSent.map((d) => d.digits)).toEqual(['11#', '1234#']);
  });

  it('given ReceiveDigits then ringback, when the caller presses keys during the ringback, then DIGITS_RECEIVED carries them and the ringback plays on', async () => {
    h.script.current = (event) =>
      event.InvocationEventType === 'NEW_INBOUND_CALL'
        ? respond([
            {
              Type: 'ReceiveDigits',
              Parameters: {
                InputDigitsRegex: '^\\*\\d$',
                InBetweenDigitsDurationInMilliseconds: 1000,
                FlushDigitsDurationInMilliseconds: 5000,
              },
            },
            {
              Type: 'PlayAudio',
              Parameters: { AudioSource: { Type: 'S3', BucketName: BUCKET, Key: 'ringback.wav' }, Repeat: 5 },
            },
          ])
        : event.InvocationEventType === 'DIGITS_RECEIVED'
          ? respond([{ Type: 'Hangup', Parameters: {} }])
          : respond();

    const call = h.dial(CALLER);
    await h.until(() => h.phone.get(call.id)?.spoken.length, 'the ringback');
    h.phone.pressDigits(call.id, '*5');
    const ended = await h.until(() => h.phone.get(call.id)?.state === 'ended' && h.phone.get(call.id), 'the hangup');

    const digits = h.events.find(
      (e) => e.CallDetails.TransactionId === ended.transactionId && e.InvocationEventType === 'DIGITS_RECEIVED',
    );
    expect(digits?.ActionData).toMatchObject({ Type: 'ReceiveDigits', ReceivedDigits: '*5' });
    expect(ended.endReason).toBe('remote-hung-up');
  });

  it('given a call joined to a meeting, when the handler mutes a known and an unknown attendee, then ACTION_FAILED lists the unknown one; muting the known one succeeds mid-list', async () => {
    h.meetings.tokens.set('join-token-3', { meetingId: 'meeting-3', attendeeId: 'attendee-3' });
    const modify = (ids: string[]) => ({
      Type: 'ModifyChimeMeetingAttendees',
      Parameters: { Operation: 'Mute', MeetingId: 'meeting-3', AttendeeList: ids, ParticipantTag: 'LEG-B' },
    });
    h.script.current = (event) => {
      const data = event.ActionData;
      if (event.InvocationEventType === 'NEW_INBOUND_CALL')
        return respond([
          { Type: 'JoinChimeMeeting', Parameters: { JoinToken: 'join-token-3', MeetingId: 'meeting-3' } },
        ]);
      if (data?.Type === 'JoinChimeMeeting')
        return respond([
          modify(['attendee-3', 'attendee-nobody']),
          { Type: 'Pause', Parameters: { DurationInMilliseconds: 100 } },
        ]);
      if (event.InvocationEventType === 'ACTION_FAILED')
        return respond([modify(['attendee-3']), { Type: 'Hangup', Parameters: { ParticipantTag: 'LEG-A' } }]);
      return respond();
    };

    const call = h.dial(CALLER);
    const tx = call.transactionId ?? '';
    await h.until(() => h.sequence(tx).includes('HANGUP'), 'the hangup');

    expect(h.sequence(tx)).toEqual([
      'NEW_INBOUND_CALL',
      'ACTION_SUCCESSFUL:JoinChimeMeeting',
      'ACTION_FAILED:ModifyChimeMeetingAttendees',
      'ACTION_SUCCESSFUL:ModifyChimeMeetingAttendees',
      'HANGUP',
    ]);
    const failed = h.events.find(
      (e) => e.CallDetails.TransactionId === tx && e.InvocationEventType === 'ACTION_FAILED',
    );
    expect(failed?.ActionData).toMatchObject({
      ErrorType: 'InvalidActionParameter',
      ErrorList: [expect.objectContaining({ AttendeeId: 'attendee-nobody' })],
    });
    expect(h.meetings.mutes.filter((m) => m.meetingId === 'meeting-3').map((m) => m.attendeeIds)).toEqual([
      ['attendee-3', 'attendee-nobody'],
      ['attendee-3'],
    ]);
  });

  it('given PlayAudio of an object that is not in S3, then ACTION_FAILED InvalidAudioSource and the rest of the list is dropped', async () => {
    h.script.current = (event) =>
      event.InvocationEventType === 'NEW_INBOUND_CALL'
        ? respond([
            { Type: 'PlayAudio', Parameters: { AudioSource: { Type: 'S3', BucketName: BUCKET, Key: 'missing.wav' } } },
            { Type: 'Speak', Parameters: { CallId: event.CallDetails.Participants[0]?.CallId, Text: 'never said' } },
          ])
        : event.InvocationEventType === 'ACTION_FAILED'
          ? respond([{ Type: 'Hangup', Parameters: {} }])
          : respond();

    const call = h.dial(CALLER);
    const tx = call.transactionId ?? '';
    await h.until(() => h.sequence(tx).includes('HANGUP'), 'the hangup');

    const failed = h.events.find(
      (e) => e.CallDetails.TransactionId === tx && e.InvocationEventType === 'ACTION_FAILED',
    );
    expect(failed?.ActionData).toMatchObject({
      Type: 'PlayAudio',
      ErrorType: 'InvalidAudioSource',
      ErrorMessage: expect.stringContaining('missing.wav'),
    });
    expect(h.sequence(tx)).toEqual(['NEW_INBOUND_CALL', 'ACTION_FAILED:PlayAudio', 'HANGUP']);
    expect(h.phone.get(call.id)?.spoken).toEqual([]);
  });

  it('given responses that set, keep, replace and clear TransactionAttributes, then each next event echoes what is stored', async () => {
    const seen: (Record<string, string> | undefined)[] = [];
    const pause = { Type: 'Pause', Parameters: { DurationInMilliseconds: '100' } };
    const plan = [
      respond([pause], { key1: 'a', key2: 'b' }),
      respond([pause]),
      respond([pause], { NewKey1: 'c' }),
      respond([pause], {}),
      respond([{ Type: 'Hangup', Parameters: {} }], null),
    ];
    let tx = '';
    h.script.current = (event, attempt) => {
      if (event.CallDetails.TransactionId !== tx) return respond(); // a trailing event of an earlier test's call
      if (attempt === 1) seen.push(event.CallDetails.TransactionAttributes);
      return plan[event.Sequence - 1] ?? respond();
    };

    const call = h.dial(CALLER);
    tx = call.transactionId ?? '';
    await h.until(() => h.phone.get(call.id)?.state === 'ended', 'the hangup');

    expect(seen.slice(0, 5)).toEqual([
      undefined,
      { key1: 'a', key2: 'b' },
      { key1: 'a', key2: 'b' },
      { NewKey1: 'c' },
      undefined,
    ]);
  });

  it('given a response of 11 actions, then INVALID_LAMBDA_RESPONSE explains it and the corrected response runs', async () => {
    const speak = { Type: 'Speak', Parameters: { CallId: 'x', Text: 'hi' } };
    h.script.current = (event) =>
      event.InvocationEventType === 'NEW_INBOUND_CALL'
        ? respond(Array.from({ length: 11 }, () => speak))
        : event.InvocationEventType === 'INVALID_LAMBDA_RESPONSE'
          ? respond([{ Type: 'Hangup', Parameters: { SipResponseCode: '486' } }])
          : respond();

    const call = h.dial(CALLER);
    const ended = await h.until(() => h.phone.get(call.id)?.state === 'ended' && h.phone.get(call.id), 'the hangup');

    await h.until(() => h.sequence(ended.transactionId ?? '').includes('HANGUP'), 'HANGUP');
    const invalid = h.events.find(
      (e) => e.CallDetails.TransactionId === ended.transactionId && e.InvocationEventType === 'INVALID_LAMBDA_RESPONSE',
    );
    expect(invalid).toMatchObject({
      ErrorType: 'InvalidLambdaResponse',
      ErrorMessage: expect.stringContaining('at most 10 actions'),
    });
    expect(invalid?.ActionData).toBeUndefined();
    expect(h.sequence(ended.transactionId ?? '')).toEqual(['NEW_INBOUND_CALL', 'INVALID_LAMBDA_RESPONSE', 'HANGUP']);
    expect(ended).toMatchObject({ endReason: 'remote-hung-up', sipResponseCode: '486' });
  });
});
