import { describe, expect, it } from 'vitest';
import { validateResponse } from '../src/chime/sma-validate.ts';

const ok = (actions: unknown[], extra: Record<string, unknown> = {}) => ({
  SchemaVersion: '1.0',
  Actions: actions,
  ...extra,
});
const s3 = { Type: 'S3', BucketName: 'b', Key: 'k.wav' };

describe('validation of a SIP media application response', () => {
  it.each([
    ['Hangup', { SipResponseCode: '480' }],
    ['Pause', { DurationInMilliseconds: '1000' }],
    ['PlayAudio', { AudioSource: s3, Repeat: 2, PlaybackTerminators: ['#'] }],
    ['Speak', { CallId: 'c', Text: 'hi', Engine: 'neural' }],
    [
      'ReceiveDigits',
      {
        InputDigitsRegex: '^\\d#$',
        InBetweenDigitsDurationInMilliseconds: 1000,
        FlushDigitsDurationInMilliseconds: 5000,
      },
    ],
    [
      'RecordAudio',
      { RecordingDestination: { Type: 'S3', BucketName: 'b', Prefix: 'vm/' }, RecordingTerminators: ['#'] },
    ],
    [
      'CallAndBridge',
      { CallerIdNumber: '+15551230000', Endpoints: [{ BridgeEndpointType: 'PSTN', Uri: '+41441234567' }] },
    ],
    ['JoinChimeMeeting', { JoinToken: 't', MeetingId: 'm' }],
    ['SendDigits', { CallId: 'c', Digits: '12,#' }],
  ])('given a valid %s, then it passes', (Type, Parameters) => {
    expect(validateResponse(ok([{ Type, Parameters }]))).toMatchObject({ ok: true });
  });

  it.each([
    ['no SchemaVersion', { Actions: [] }, 'InvalidLambdaResponse'],
    ['11 actions', ok(Array.from({ length: 11 }, () => ({ Type: 'Hangup', Parameters: {} }))), 'InvalidLambdaResponse'],
    ['an unknown Type', ok([{ Type: 'Answer', Parameters: {} }]), 'InvalidLambdaResponse'],
    ['Speak without Text', ok([{ Type: 'Speak', Parameters: { CallId: 'c' } }]), 'MissingRequiredActionParameter'],
    ['Pause of 0 ms', ok([{ Type: 'Pause', Parameters: { DurationInMilliseconds: 0 } }]), 'InvalidActionParameter'],
    [
      'Hangup with SIP code 500',
      ok([{ Type: 'Hangup', Parameters: { SipResponseCode: '500' } }]),
      'InvalidActionParameter',
    ],
    [
      'CallTimeoutSeconds of 121',
      ok([
        {
          Type: 'CallAndBridge',
          Parameters: {
            CallTimeoutSeconds: 121,
            CallerIdNumber: '+15551230000',
            Endpoints: [{ BridgeEndpointType: 'PSTN', Uri: '+41441234567' }],
          },
        },
      ]),
      'InvalidActionParameter',
    ],
    [
      'ReceiveDigits whose flush is not after the gap',
      ok([
        {
          Type: 'ReceiveDigits',
          Parameters: {
            InputDigitsRegex: '1',
            InBetweenDigitsDurationInMilliseconds: 5,
            FlushDigitsDurationInMilliseconds: 5,
          },
        },
      ]),
      'InvalidActionParameter',
    ],
    ['a non-string attribute', ok([], { TransactionAttributes: { n: 1 } }), 'InvalidLambdaResponse'],
    [
      '101 attributes',
      ok([], { TransactionAttributes: Object.fromEntries(Array.from({ length: 101 }, (_, i) => [`k${i}`, 'v'])) }),
      'TransactionAttributesInvalidMapSize',
    ],
    [
      '21 KB of attributes',
      ok([], { TransactionAttributes: { big: 'x'.repeat(21 * 1024) } }),
      'TransactionAttributesInvalidMapSize',
    ],
  ])('given %s, then it is refused with that ErrorType', (_, response, errorType) => {
    expect(validateResponse(response)).toMatchObject({ ok: false, errorType });
  });

  it('given absent, null and empty TransactionAttributes, then keep, keep and clear', () => {
    expect(validateResponse(ok([]))).toMatchObject({ ok: true, response: { attributes: undefined } });
    expect(validateResponse(ok([], { TransactionAttributes: null }))).toMatchObject({
      ok: true,
      response: { attributes: undefined },
    });
    expect(validateResponse(ok([], { TransactionAttributes: {} }))).toMatchObject({
      ok: true,
      response: { attributes: {} },
    });
  });
});
