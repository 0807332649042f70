/**
 * Validation of a SIP media application Lambda's response, as Chime does before it runs anything:
 * the envelope, at most 10 actions of known types with their required parameters and ranges, and
 * TransactionAttributes (string → string, at most 100 pairs and 20 KB). Anything wrong is reported
 * back to the Lambda as INVALID_LAMBDA_RESPONSE with the reason.
 */
import type { SmaAction, SmaResponse } from './sma-types.ts';

export const MAX_ACTIONS = 10;
export const MAX_ATTRIBUTE_PAIRS = 100;
export const MAX_ATTRIBUTE_BYTES = 20 * 1024;

export type Validation = { ok: true; response: SmaResponse } | { ok: false; errorType: string; message: string };

class Invalid extends Error {
  readonly errorType: string;
  constructor(errorType: string, message: string) {
    super(message);
    this.errorType = errorType;
  }
}

type Params = Record<string, unknown>;
const E164 = /^\+?[1-9]\d{1,14}$/;
const DTMF = /^[0-9#*]$/;
const isObject = (v: unknown): v is Params => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Reads an integer given as a number or a numeric string (samples send "1000"). */
export function intOf(value: unknown): number | undefined {
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof n === 'number' && Number.isInteger(n) ? n : undefined;
}

function check(type: string, p: Params) {
  const where = (name: string) => `${type}.${name}`;
  const missing = (name: string) => new Invalid('MissingRequiredActionParameter', `${where(name)} is required.`);
  const bad = (name: string, why: string) => new Invalid('InvalidActionParameter', `${where(name)} ${why}.`);
  return {
    string(name: string, required: boolean, test?: (s: string) => boolean, why = 'is not valid') {
      const v = p[name];
      if (v === undefined || v === null) {
        if (required) throw missing(name);
        return;
      }
      if (typeof v !== 'string' || v === '') throw bad(name, 'must be a non-empty string');
      if (test && !test(v)) throw bad(name, why);
    },
    int(name: string, required: boolean, min: number, max = Number.MAX_SAFE_INTEGER) {
      const v = p[name];
      if (v === undefined || v === null) {
        if (required) throw missing(name);
        return;
      }
      const n = intOf(v);
      if (n === undefined || n < min || n > max) throw bad(name, `must be an integer from ${min} to ${max}`);
    },
    oneOf(name: string, required: boolean, values: readonly string[]) {
      const v = p[name];
      if (v === undefined || v === null) {
        if (required) throw missing(name);
        return;
      }
      if (!values.includes(String(v))) throw bad(name, `must be one of ${values.join(', ')}`);
    },
    digits(name: string, required: boolean) {
      const v = p[name];
      if (v === undefined || v === null) {
        if (required) throw missing(name);
        return;
      }
      if (!Array.isArray(v) || !v.every((d) => typeof d === 'string' && DTMF.test(d)))
        throw bad(name, 'must be an array of single digits from [0-9#*]');
    },
    regex(name: string, required: boolean) {
      this.string(name, required, (s) => {
        try {
          new RegExp(s);
          return true;
        } catch {
          return false;
        }
      });
    },
    s3(name: string, required: boolean, key: 'Key' | 'Prefix') {
      const v = p[name];
      if (v === undefined || v === null) {
        if (required) throw missing(name);
        return;
      }
      if (!isObject(v) || v.Type !== 'S3') throw bad(name, 'must be {Type:"S3", BucketName, …}');
      if (typeof v.BucketName !== 'string' || !v.BucketName) throw missing(`${name}.BucketName`);
      const k = v[key];
      if (key === 'Key' && (typeof k !== 'string' || !k)) throw missing(`${name}.Key`);
      if (key === 'Prefix' && k !== undefined && (typeof k !== 'string' || k.length > 979))
        throw bad(`${name}.Prefix`, 'must be a string of at most 979 characters');
    },
    speech(name: string, required: boolean) {
      const v = p[name];
      if (v === undefined || v === null) {
        if (required) throw missing(name);
        return;
      }
      if (!isObject(v)) throw bad(name, 'must be an object');
      const inner = check(`${type}.${name}`, v);
      inner.string('Text', true, (s) => s.length <= 1000, 'must be at most 1000 characters');
      inner.oneOf('Engine', false, ['standard', 'neural']);
      inner.oneOf('TextType', false, ['text', 'ssml']);
    },
  };
}

function digitsInput(c: ReturnType<typeof check>, p: Params, type: string): void {
  c.regex('InputDigitsRegex', false);
  c.int('MinNumberOfDigits', false, 0, 128);
  c.int('MaxNumberOfDigits', false, 1, 128);
  const min = intOf(p.MinNumberOfDigits) ?? 0;
  const max = intOf(p.MaxNumberOfDigits) ?? 128;
  if (min > max) throw new Invalid('InvalidActionParameter', `${type}.MinNumberOfDigits exceeds MaxNumberOfDigits.`);
  c.digits('TerminatorDigits', false);
  c.int('InBetweenDigitsDurationInMilliseconds', false, 1);
  c.int('RepeatDurationInMilliseconds', true, 1);
  c.int('Repeat', false, 1, 100);
}

/** Each returnable action's rules: its required and optional parameters and their ranges, as PSTN audio checks them. */
const RULES: Record<string, (c: ReturnType<typeof check>, p: Params) => void> = {
  Hangup: (c) => c.oneOf('SipResponseCode', false, ['0', '480', '486']),
  CallAndBridge: (c, p) => {
    c.int('CallTimeoutSeconds', false, 1, 120);
    c.string('CallerIdNumber', true, (s) => E164.test(s), 'must be an E.164 number');
    c.s3('RingbackTone', false, 'Key');
    const endpoints = p.Endpoints;
    if (endpoints === undefined || endpoints === null)
      throw new Invalid('MissingRequiredActionParameter', 'CallAndBridge.Endpoints is required.');
    if (!Array.isArray(endpoints) || endpoints.length !== 1 || !isObject(endpoints[0]))
      throw new Invalid('InvalidActionParameter', 'CallAndBridge.Endpoints must hold exactly one endpoint.');
    const e = check('CallAndBridge.Endpoints[0]', endpoints[0]);
    e.oneOf('BridgeEndpointType', true, ['PSTN', 'AWS']);
    if (endpoints[0].BridgeEndpointType === 'PSTN')
      e.string('Uri', true, (s) => E164.test(s), 'must be an E.164 number');
    else {
      e.string('Arn', true);
      e.string(
        'Uri',
        true,
        (s) => /^[a-zA-Z0-9&=+$/%\-_!~*().]{1,30}$/.test(s),
        'must be 1–30 URI user-part characters',
      );
    }
    if (p.SipHeaders !== undefined && !isObject(p.SipHeaders))
      throw new Invalid('InvalidActionParameter', 'CallAndBridge.SipHeaders must be an object.');
  },
  JoinChimeMeeting: (c) => {
    c.string('JoinToken', true);
    c.string('MeetingId', true);
    c.oneOf('ParticipantTag', false, ['LEG-A']);
  },
  ModifyChimeMeetingAttendees: (c, p) => {
    c.oneOf('Operation', true, ['Mute', 'Unmute']);
    c.string('MeetingId', true);
    const list = p.AttendeeList;
    if (list === undefined || list === null)
      throw new Invalid('MissingRequiredActionParameter', 'ModifyChimeMeetingAttendees.AttendeeList is required.');
    if (!Array.isArray(list) || list.length < 1 || list.length > 100 || !list.every((a) => typeof a === 'string'))
      throw new Invalid(
        'InvalidActionParameter',
        'ModifyChimeMeetingAttendees.AttendeeList must hold 1–100 attendee ids.',
      );
  },
  Pause: (c) => c.int('DurationInMilliseconds', true, 1),
  PlayAudio: (c) => {
    c.s3('AudioSource', true, 'Key');
    c.digits('PlaybackTerminators', false);
    c.int('Repeat', false, 1, 100);
  },
  PlayAudioAndGetDigits: (c, p) => {
    c.s3('AudioSource', true, 'Key');
    c.s3('FailureAudioSource', true, 'Key');
    digitsInput(c, p, 'PlayAudioAndGetDigits');
  },
  ReceiveDigits: (c, p) => {
    c.regex('InputDigitsRegex', true);
    c.int('InBetweenDigitsDurationInMilliseconds', true, 1);
    c.int('FlushDigitsDurationInMilliseconds', true, 1);
    if ((intOf(p.FlushDigitsDurationInMilliseconds) ?? 0) <= (intOf(p.InBetweenDigitsDurationInMilliseconds) ?? 0))
      throw new Invalid(
        'InvalidActionParameter',
        'ReceiveDigits.FlushDigitsDurationInMilliseconds must exceed InBetweenDigitsDurationInMilliseconds.',
      );
  },
  RecordAudio: (c) => {
    c.s3('RecordingDestination', true, 'Prefix');
    c.digits('RecordingTerminators', true);
    c.int('DurationInSeconds', false, 1);
    c.int('SilenceDurationInSeconds', false, 1, 1000);
    c.int('SilenceThreshold', false, 1, 1000);
  },
  SendDigits: (c) => {
    c.string('CallId', true);
    c.string('Digits', true, (s) => /^[0-9*#A-D,]{1,50}$/.test(s), 'must be 1–50 of 0-9 * # A-D ,');
    c.int('ToneDurationInMilliseconds', false, 50, 24000);
  },
  Speak: (c) => {
    c.string('CallId', true);
    c.string('Text', true, (s) => s.length <= 1000, 'must be at most 1000 characters');
    c.oneOf('Engine', false, ['standard', 'neural']);
    c.oneOf('TextType', false, ['text', 'ssml']);
  },
  SpeakAndGetDigits: (c, p) => {
    c.string('CallId', true);
    c.speech('SpeechParameters', true);
    c.speech('FailureSpeechParameters', true);
    digitsInput(c, p, 'SpeakAndGetDigits');
  },
  StartBotConversation: (c) => c.string('BotAliasArn', true),
  VoiceFocus: (c, p) => {
    c.string('CallId', true);
    if (typeof p.Enable !== 'boolean')
      throw new Invalid('MissingRequiredActionParameter', 'VoiceFocus.Enable (boolean) is required.');
  },
  StartCallRecording: (c) => c.oneOf('Track', false, ['BOTH', 'INCOMING', 'OUTGOING']),
  StopCallRecording: (c) => c.string('CallId', true),
  PauseCallRecording: (c) => c.string('CallId', true),
  ResumeCallRecording: (c) => c.string('CallId', true),
};

/** The action types a response may carry. */
export const KNOWN_ACTIONS: ReadonlySet<string> = new Set(Object.keys(RULES));

function validateAction(raw: unknown, index: number): SmaAction {
  if (!isObject(raw)) throw new Invalid('InvalidLambdaResponse', `Actions[${index}] is not an object.`);
  if (typeof raw.Type !== 'string' || !KNOWN_ACTIONS.has(raw.Type))
    throw new Invalid('InvalidLambdaResponse', `Actions[${index}].Type ${JSON.stringify(raw.Type)} is not an action.`);
  const parameters = raw.Parameters ?? {};
  if (!isObject(parameters))
    throw new Invalid('InvalidLambdaResponse', `Actions[${index}].Parameters is not an object.`);
  const c = check(raw.Type, parameters);
  c.string('CallId', false);
  c.oneOf('ParticipantTag', false, ['LEG-A', 'LEG-B']);
  RULES[raw.Type]?.(c, parameters);
  return { Type: raw.Type, Parameters: parameters };
}

function validateAttributes(raw: unknown): Record<string, string> | undefined {
  if (raw === undefined || raw === null) return undefined;
  if (!isObject(raw) || !Object.values(raw).every((v) => typeof v === 'string'))
    throw new Invalid('InvalidLambdaResponse', 'TransactionAttributes must map strings to strings.');
  const pairs = Object.keys(raw).length;
  if (pairs > MAX_ATTRIBUTE_PAIRS)
    throw new Invalid(
      'TransactionAttributesInvalidMapSize',
      `Transaction Attributes has too many mappings. Maximum number of mappings is ${MAX_ATTRIBUTE_PAIRS}`,
    );
  const bytes = Buffer.byteLength(JSON.stringify(raw));
  if (bytes > MAX_ATTRIBUTE_BYTES)
    throw new Invalid(
      'TransactionAttributesInvalidMapSize',
      `Transaction Attributes is ${bytes} bytes. Maximum size is ${MAX_ATTRIBUTE_BYTES} bytes`,
    );
  return raw as Record<string, string>;
}

/** Checks one Lambda response (the parsed Payload). */
export function validateResponse(raw: unknown): Validation {
  try {
    if (!isObject(raw)) throw new Invalid('InvalidLambdaResponse', 'The response is not a JSON object.');
    if (raw.SchemaVersion !== '1.0')
      throw new Invalid(
        'InvalidLambdaResponse',
        `SchemaVersion must be "1.0", got ${JSON.stringify(raw.SchemaVersion)}.`,
      );
    let actions: SmaAction[] | undefined;
    if (raw.Actions !== undefined && raw.Actions !== null) {
      if (!Array.isArray(raw.Actions)) throw new Invalid('InvalidLambdaResponse', 'Actions must be an array.');
      if (raw.Actions.length > MAX_ACTIONS)
        throw new Invalid(
          'InvalidLambdaResponse',
          `A response holds at most ${MAX_ACTIONS} actions; this one has ${raw.Actions.length}.`,
        );
      actions = raw.Actions.map(validateAction);
    }
    return { ok: true, response: { actions, attributes: validateAttributes(raw.TransactionAttributes) } };
  } catch (err) {
    if (err instanceof Invalid) return { ok: false, errorType: err.errorType, message: err.message };
    throw err;
  }
}
