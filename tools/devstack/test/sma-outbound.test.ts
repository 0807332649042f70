import {
  CreateSipMediaApplicationCallCommand,
  CreateVoiceConnectorCommand,
  PutVoiceConnectorOriginationCommand,
} from '@aws-sdk/client-chime-sdk-voice';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SmaEvent } from '../src/chime/sma-types.ts';
import { type Harness, respond, startHarness } from './sma-harness.ts';

const argumentsOf = (e: SmaEvent) =>
  (e.ActionData?.Parameters as { Arguments?: Record<string, string> } | undefined)?.Arguments;
const legOf = (e: SmaEvent, tag: string) => e.CallDetails.Participants.find((p) => p.ParticipantTag === tag);

describe('SMA driver, outbound calls and bridges, through the real LambdaClient and Chime SDK Voice client', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.close();
  });
  const eventsOf = (tx: string) => h.events.filter((e) => e.CallDetails.TransactionId === tx);
  const ringingTo = (to: string) => h.phone.list().find((c) => c.to === to && c.state === 'ringing');
  const place = async (input: { to: string; sipHeaders?: Record<string, string>; args?: Record<string, string> }) => {
    const out = await h.voice.send(
      new CreateSipMediaApplicationCallCommand({
        SipMediaApplicationId: h.smaId,
        FromPhoneNumber: h.number,
        ToPhoneNumber: input.to,
        ...(input.sipHeaders ? { SipHeaders: input.sipHeaders } : {}),
        ...(input.args ? { ArgumentsMap: input.args } : {}),
      }),
    );
    return out.SipMediaApplicationCall?.TransactionId ?? '';
  };

  it('given CreateSipMediaApplicationCall to a phone, when the phone answers, then NEW_OUTBOUND_CALL, RINGING, CALL_ANSWERED follow with the attributes kept and the actions run', async () => {
    h.script.current = (event) => {
      const type = event.InvocationEventType;
      if (type === 'NEW_OUTBOUND_CALL')
        return respond([{ Type: 'Hangup', Parameters: {} }], {
          ...argumentsOf(event),
        });
      if (type === 'CALL_ANSWERED') {
        const callId = legOf(event, 'LEG-A')?.CallId;
        return respond([
          { Type: 'Speak', Parameters: { CallId: callId, Text: 'Hello from Parley' } },
          { Type: 'SendDigits', Parameters: { CallId: callId, Digits: '1#', ToneDurationInMilliseconds: 100 } },
        ]);
      }
      return respond();
    };

    const tx = await place({ to: '+6561230001', args: { callId: 'c-1' } });
    const ringing = await h.until(() => ringingTo('+6561230001'), 'the phone to ring');
    expect(h.phone.answer(ringing.id).ok).toBe(true);
    await h.until(() => h.sequence(tx).includes('ACTION_SUCCESSFUL:SendDigits'), 'the actions');
    h.phone.hangup(ringing.id);
    await h.until(() => h.sequence(tx).includes('HANGUP'), 'HANGUP');

    expect(h.sequence(tx)).toEqual([
      'NEW_OUTBOUND_CALL',
      'RINGING',
      'CALL_ANSWERED',
      'ACTION_SUCCESSFUL:SendDigits',
      'HANGUP',
    ]);
    const [created, ring, answered] = eventsOf(tx);
    expect(created?.ActionData).toEqual({ Type: 'CallCreateRequest', Parameters: { Arguments: { callId: 'c-1' } } });
    expect(legOf(created as SmaEvent, 'LEG-A')).toMatchObject({
      To: '+6561230001',
      From: h.number,
      Direction: 'Outbound',
    });
    expect(legOf(created as SmaEvent, 'LEG-A')?.Status).toBeUndefined();
    expect(ring?.CallDetails.TransactionAttributes).toEqual({ callId: 'c-1' });
    expect(legOf(answered as SmaEvent, 'LEG-A')?.Status).toBe('Connected');
    expect(h.phone.get(ringing.id)).toMatchObject({
      direction: 'outbound',
      from: h.number,
      state: 'ended',
      endReason: 'hung-up',
      transactionId: tx,
      spoken: [expect.objectContaining({ text: 'Hello from Parley' })],
      digitsReceived: [expect.objectContaining({ digits: '1#' })],
    });
  });

  it('given CreateSipMediaApplicationCall to a phone, when the phone declines, then HANGUP 486 comes without CALL_ANSWERED', async () => {
    h.script.current = () => respond();

    const tx = await place({ to: '+6561230002' });
    const ringing = await h.until(() => ringingTo('+6561230002'), 'the phone to ring');
    h.phone.hangup(ringing.id);
    await h.until(() => h.sequence(tx).includes('HANGUP'), 'HANGUP');

    expect(h.sequence(tx)).toEqual(['NEW_OUTBOUND_CALL', 'RINGING', 'HANGUP']);
    expect(eventsOf(tx).at(-1)?.ActionData).toMatchObject({ Type: 'Hangup', Parameters: { SipResponseCode: '486' } });
    expect(h.phone.get(ringing.id)).toMatchObject({ endReason: 'declined', sipResponseCode: '486' });
  });

  it('given a dial-out to +17035550122 with a join token, when the meeting answers and the handler bridges to a phone, then both legs connect; when the meeting ends, the handler hangs up the phone', async () => {
    h.meetings.tokens.set('tok-phone', { meetingId: 'meeting-2', attendeeId: 'attendee-pstn' });
    h.script.current = (event) => {
      const type = event.InvocationEventType;
      const stored = event.CallDetails.TransactionAttributes ?? {};
      if (type === 'NEW_OUTBOUND_CALL') return respond([], argumentsOf(event));
      if (type === 'CALL_ANSWERED')
        return respond([
          {
            Type: 'CallAndBridge',
            Parameters: { CallerIdNumber: h.number, Endpoints: [{ BridgeEndpointType: 'PSTN', Uri: stored.dial }] },
          },
        ]);
      if (type === 'HANGUP') {
        const other = event.CallDetails.Participants.find((p) => p.Status === 'Connected');
        return respond(other ? [{ Type: 'Hangup', Parameters: { CallId: other.CallId } }] : []);
      }
      return respond();
    };

    const tx = await place({
      to: '+17035550122',
      sipHeaders: { 'X-chime-join-token': 'tok-phone', 'X-chime-meeting-id': 'meeting-2' },
      args: { dial: '+50761230003' },
    });
    const ringing = await h.until(() => ringingTo('+50761230003'), 'the bridge to ring the phone');
    h.phone.answer(ringing.id);
    await h.until(() => h.sequence(tx).includes('ACTION_SUCCESSFUL:CallAndBridge'), 'the bridge');
    h.meetings.end('meeting-2', 'attendee-pstn');
    await h.until(() => h.sequence(tx).filter((t) => t === 'HANGUP').length === 2, 'both HANGUPs');

    expect(h.sequence(tx)).toEqual([
      'NEW_OUTBOUND_CALL',
      'RINGING',
      'CALL_ANSWERED',
      'ACTION_SUCCESSFUL:CallAndBridge',
      'HANGUP',
      'HANGUP',
    ]);
    const bridged = eventsOf(tx).find((e) => e.ActionData?.Type === 'CallAndBridge') as SmaEvent;
    expect(bridged.CallDetails.Participants.map((p) => [p.ParticipantTag, p.To, p.Status])).toEqual([
      ['LEG-A', '+17035550122', 'Connected'],
      ['LEG-B', '+50761230003', 'Connected'],
    ]);
    expect(h.meetings.joins).toContainEqual({ meetingId: 'meeting-2', attendeeId: 'attendee-pstn' });
    expect(h.phone.get(ringing.id)).toMatchObject({
      from: h.number,
      state: 'ended',
      endReason: 'remote-hung-up',
      meeting: { meetingId: 'meeting-2', attendeeId: 'attendee-pstn', joinToken: 'tok-phone' },
    });
  });

  it('given a dial-out to +17035550122 without a join token, then it answers busy', async () => {
    h.script.current = () => respond();

    const tx = await place({ to: '+17035550122' });
    await h.until(() => h.sequence(tx).includes('HANGUP'), 'HANGUP');

    expect(h.sequence(tx)).toEqual(['NEW_OUTBOUND_CALL', 'RINGING', 'HANGUP']);
    expect(eventsOf(tx).at(-1)?.ActionData).toMatchObject({ Parameters: { SipResponseCode: '486' } });
  });

  it('given an inbound call bridged to a phone that does not answer, then ACTION_FAILED CallNotAnswered after CallTimeoutSeconds and the rest of the list is dropped', async () => {
    h.script.current = (event) => {
      if (event.InvocationEventType === 'NEW_INBOUND_CALL')
        return respond([
          {
            Type: 'CallAndBridge',
            Parameters: {
              CallTimeoutSeconds: 2,
              CallerIdNumber: h.number,
              Endpoints: [{ BridgeEndpointType: 'PSTN', Uri: '+41791230004' }],
            },
          },
          { Type: 'Speak', Parameters: { CallId: 'never', Text: 'never said' } },
        ]);
      if (event.InvocationEventType === 'ACTION_FAILED') return respond([{ Type: 'Hangup', Parameters: {} }]);
      return respond();
    };

    const call = h.dial('+41441230004');
    const ended = await h.until(() => h.phone.get(call.id)?.state === 'ended' && h.phone.get(call.id), 'the hangup');

    const failed = eventsOf(ended.transactionId ?? '').find((e) => e.InvocationEventType === 'ACTION_FAILED');
    expect(failed?.ActionData).toMatchObject({ Type: 'CallAndBridge', ErrorType: 'CallNotAnswered' });
    expect(failed?.CallDetails.Participants).toHaveLength(1);
    expect(h.phone.list().find((c) => c.to === '+41791230004')).toMatchObject({
      state: 'ended',
      endReason: 'no-answer',
    });
    expect(ended.spoken).toEqual([]);
  });

  it('given a CallAndBridge to a Voice Connector, then the call goes out through its origination routes to the carrier with the SIP headers', async () => {
    const { VoiceConnector } = await h.voice.send(
      new CreateVoiceConnectorCommand({ Name: 'panama', AwsRegion: 'eu-central-1', RequireEncryption: true }),
    );
    await h.voice.send(
      new PutVoiceConnectorOriginationCommand({
        VoiceConnectorId: VoiceConnector?.VoiceConnectorId,
        Origination: {
          Routes: [{ Host: 'carrier.example.com', Port: 5061, Protocol: 'TCP', Priority: 1, Weight: 1 }],
          Disabled: false,
        },
      }),
    );
    h.script.current = (event) =>
      event.InvocationEventType === 'NEW_INBOUND_CALL'
        ? respond([
            {
              Type: 'CallAndBridge',
              Parameters: {
                CallerIdNumber: h.number,
                Endpoints: [{ BridgeEndpointType: 'AWS', Arn: VoiceConnector?.VoiceConnectorArn, Uri: '+50761230005' }],
                SipHeaders: { 'X-Parley-User': 'u-1' },
              },
            },
          ])
        : respond();

    const call = h.dial('+41441230005');
    const ringing = await h.until(() => ringingTo('+50761230005'), 'the carrier leg to ring');
    h.phone.answer(ringing.id);
    const tx = call.transactionId ?? '';
    await h.until(() => h.sequence(tx).includes('ACTION_SUCCESSFUL:CallAndBridge'), 'the bridge');

    expect(ringing.sipHeaders).toEqual({ 'X-Parley-User': 'u-1' });
    expect(ringing.from).toBe(h.number);
  });
});
