import { CallAnswered, CallEnded, CallInbound, CallMissed, CallRinging, VoicemailLeft } from '@parley/events/calling';
import type { EventData } from '@parley/events/define-event';
import { type CallKind, CallKinds, type Money, type PhoneInfo, readMoney, readPhoneInfo } from './phone-model.ts';

/**
 * The calling service's shapes as the client uses them (the calls contract: `call`, `join`, the
 * log page, settings) and tolerant readers from API JSON and frames to them. A reader returns
 * undefined for what is not a call, so one odd payload never breaks the call screen.
 */

export const CallStates = ['ringing', 'active', 'ended'] as const;
export type CallState = (typeof CallStates)[number];
/** the catalog's end reasons and media (a new one in `@parley/events` fails the type check here) */
export type EndReason = EventData<typeof CallEnded>['endReason'];
export type CallMediaKind = EventData<typeof CallRinging>['media'];
export const EndReasons = CallEnded.data.shape.endReason.options satisfies readonly EndReason[];

/** One call between two people, or a person and a phone, as the requester sees it (`direction` is relative to them). */
export interface Call {
  id: string;
  kind: CallKind;
  media: CallMediaKind;
  state: CallState;
  endReason?: EndReason;
  callerId: string;
  calleeId: string;
  direction: 'outgoing' | 'incoming';
  startedAt: string;
  ringUntil: string;
  answeredAt?: string;
  endedAt?: string;
  durationSeconds?: number;
  /** incoming missed calls only */
  seen?: boolean;
  /** app: the two user ids; pstn-in: the caller's number → my Parley number; pstn-out: my caller id → the number dialled */
  from?: string;
  to?: string;
  /** phone calls only: the far end and its price */
  phone?: PhoneInfo;
  /** ended phone calls: billed minutes × rate */
  cost?: Money;
}

/** Chime SDK Meetings' `MediaPlacement` (a devstack relay or AWS's media servers). */
export interface MediaPlacement {
  AudioHostUrl?: string;
  AudioFallbackUrl?: string;
  SignalingUrl?: string;
  TurnControlUrl?: string;
  ScreenDataUrl?: string;
  ScreenViewingUrl?: string;
  ScreenSharingUrl?: string;
  EventIngestionUrl?: string;
}

/** `Meeting` exactly as Chime SDK Meetings returns it (kept whole: the Chime SDK reads more fields). */
export interface JoinMeeting {
  MeetingId: string;
  ExternalMeetingId?: string;
  MediaRegion?: string;
  MediaPlacement: MediaPlacement;
  MeetingFeatures?: unknown;
  [key: string]: unknown;
}

/** `Attendee` exactly as Chime SDK Meetings returns it; ExternalUserId is the Parley user id. */
export interface JoinAttendee {
  AttendeeId: string;
  ExternalUserId: string;
  JoinToken: string;
  [key: string]: unknown;
}

/** What a device needs to join a call's media. */
export interface Join {
  meeting: JoinMeeting;
  attendee: JoinAttendee;
}

export interface CallLogPage {
  items: Call[];
  nextBefore?: string;
  unseenMissedCount: number;
}

export interface CallSettings {
  ringTimeoutSeconds: number;
  voicemailEnabled: boolean;
  forwardToNumber?: string;
  /** the voicemail greeting spoken to callers */
  greeting?: string;
}

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v.length > 0 ? v : undefined);
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

function oneOf<T extends string>(values: readonly T[], v: unknown): T | undefined {
  return values.find((x) => x === v);
}

export function readMedia(v: unknown): CallMediaKind {
  return v === 'video' ? 'video' : 'audio';
}

export function readEndReason(v: unknown): EndReason | undefined {
  return oneOf(EndReasons, v);
}

/** A `call` from the API, or undefined when the JSON is not one. */
export function readCall(raw: unknown): Call | undefined {
  if (!isObject(raw)) return undefined;
  const id = str(raw.id);
  const state = oneOf(CallStates, raw.state);
  const callerId = str(raw.callerId);
  const calleeId = str(raw.calleeId);
  const startedAt = str(raw.startedAt);
  if (!id || !state || !callerId || !calleeId || !startedAt) return undefined;
  return {
    id,
    kind: oneOf(CallKinds, raw.kind) ?? 'app',
    media: readMedia(raw.media),
    state,
    endReason: readEndReason(raw.endReason),
    callerId,
    calleeId,
    direction: raw.direction === 'incoming' ? 'incoming' : 'outgoing',
    startedAt,
    ringUntil: str(raw.ringUntil) ?? startedAt,
    answeredAt: str(raw.answeredAt),
    endedAt: str(raw.endedAt),
    durationSeconds: num(raw.durationSeconds),
    seen: typeof raw.seen === 'boolean' ? raw.seen : undefined,
    from: str(raw.from),
    to: str(raw.to),
    phone: readPhoneInfo(raw.phone),
    cost: readMoney(raw.cost),
  };
}

/** A `join` from the API (meeting and attendee kept as sent), or undefined. */
export function readJoin(raw: unknown): Join | undefined {
  if (!isObject(raw) || !isObject(raw.meeting) || !isObject(raw.attendee)) return undefined;
  const { meeting, attendee } = raw;
  if (!str(meeting.MeetingId) || !isObject(meeting.MediaPlacement)) return undefined;
  if (!str(attendee.AttendeeId) || !str(attendee.JoinToken)) return undefined;
  return { meeting: meeting as JoinMeeting, attendee: attendee as JoinAttendee };
}

export function readCallLogPage(raw: unknown): CallLogPage {
  const body = isObject(raw) ? raw : {};
  const items = Array.isArray(body.items) ? body.items.map(readCall).filter((c): c is Call => c !== undefined) : [];
  return { items, nextBefore: str(body.nextBefore), unseenMissedCount: num(body.unseenMissedCount) ?? 0 };
}

export function readCallSettings(raw: unknown): CallSettings {
  const body = isObject(raw) ? raw : {};
  return {
    ringTimeoutSeconds: num(body.ringTimeoutSeconds) ?? 30,
    voicemailEnabled: body.voicemailEnabled === true,
    forwardToNumber: str(body.forwardToNumber),
    greeting: str(body.greeting),
  };
}

/** `calling.CallRinging` data (the name may be cut from a truncated frame). */
export type RingingFrame = Omit<EventData<typeof CallRinging>, 'callerName'> & { callerName?: string };

export function readRinging(data: Json): RingingFrame | undefined {
  const callId = str(data.callId);
  const callerId = str(data.callerId);
  const calleeId = str(data.calleeId);
  const startedAt = str(data.startedAt);
  if (!callId || !callerId || !calleeId || !startedAt) return undefined;
  return {
    callId,
    callerId,
    callerName: str(data.callerName),
    calleeId,
    media: readMedia(data.media),
    startedAt,
    ringUntil: str(data.ringUntil) ?? startedAt,
  };
}

/** `calling.CallAnswered` data. */
export type AnsweredFrame = EventData<typeof CallAnswered>;

export function readAnswered(data: Json): AnsweredFrame | undefined {
  const callId = str(data.callId);
  if (!callId) return undefined;
  return { callId, answeredAt: str(data.answeredAt) ?? new Date().toISOString(), media: readMedia(data.media) };
}

/** `calling.CallEnded` data. */
export type EndedFrame = EventData<typeof CallEnded>;

export function readEnded(data: Json): EndedFrame | undefined {
  const callId = str(data.callId);
  if (!callId) return undefined;
  return {
    callId,
    endReason: readEndReason(data.endReason) ?? 'completed',
    endedAt: str(data.endedAt) ?? new Date().toISOString(),
    durationSeconds: num(data.durationSeconds),
    endedBy: str(data.endedBy),
    cost: readMoney(data.cost),
  };
}

/** The frame types of the calls contract (detail-types of the calling service's events). */
export const CallFrameType = {
  ringing: CallRinging.detailType,
  answered: CallAnswered.detailType,
  ended: CallEnded.detailType,
  missed: CallMissed.detailType,
  inbound: CallInbound.detailType,
  voicemailLeft: VoicemailLeft.detailType,
} as const;
