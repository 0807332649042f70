/** The actions Parley returns to the SIP media application, built fresh for every response. */
import { MAX_ACTIONS, type SmaAction, type SmaResponse } from './contract.ts';

export function respond(actions: SmaAction[], attributes?: Record<string, string>): SmaResponse {
  if (actions.length > MAX_ACTIONS)
    throw new Error(`${actions.length} actions: the SIP media application takes ${MAX_ACTIONS}`);
  return { SchemaVersion: '1.0', Actions: actions, ...(attributes ? { TransactionAttributes: attributes } : {}) };
}

export const hangup = (callId: string, code: '0' | '480' | '486' = '0'): SmaAction => ({
  Type: 'Hangup',
  Parameters: { CallId: callId, SipResponseCode: code },
});

export const playAudio = (callId: string, source: { bucket: string; key: string }, repeat: number): SmaAction => ({
  Type: 'PlayAudio',
  Parameters: {
    CallId: callId,
    AudioSource: { Type: 'S3', BucketName: source.bucket, Key: source.key },
    Repeat: repeat,
  },
});

export const pause = (callId: string, ms: number): SmaAction => ({
  Type: 'Pause',
  Parameters: { CallId: callId, DurationInMilliseconds: ms },
});

export const speak = (callId: string, text: string, voice: { languageCode: string; voiceId: string }): SmaAction => ({
  Type: 'Speak',
  Parameters: {
    CallId: callId,
    Text: text,
    Engine: 'neural',
    LanguageCode: voice.languageCode,
    TextType: 'text',
    VoiceId: voice.voiceId,
  },
});

export const recordAudio = (
  callId: string,
  destination: { bucket: string; prefix: string },
  limits: { maxSeconds: number; silenceSeconds: number },
): SmaAction => ({
  Type: 'RecordAudio',
  Parameters: {
    CallId: callId,
    DurationInSeconds: limits.maxSeconds,
    SilenceDurationInSeconds: limits.silenceSeconds,
    SilenceThreshold: 200,
    RecordingTerminators: ['#'],
    RecordingDestination: { Type: 'S3', BucketName: destination.bucket, Prefix: destination.prefix },
  },
});

export const joinChimeMeeting = (callId: string, meetingId: string, joinToken: string): SmaAction => ({
  Type: 'JoinChimeMeeting',
  Parameters: { CallId: callId, MeetingId: meetingId, JoinToken: joinToken },
});

export const sendDigits = (callId: string, digits: string): SmaAction => ({
  Type: 'SendDigits',
  Parameters: { CallId: callId, Digits: digits, ToneDurationInMilliseconds: 100 },
});

export const callAndBridge = (input: { callerId: string; to: string; timeoutSeconds: number }): SmaAction => ({
  Type: 'CallAndBridge',
  Parameters: {
    CallTimeoutSeconds: input.timeoutSeconds,
    CallerIdNumber: input.callerId,
    Endpoints: [{ BridgeEndpointType: 'PSTN', Uri: input.to }],
  },
});
