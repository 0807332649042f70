import { ATTENDEE_MINUTE, fromMicros } from '@parley/domain/prices';
/** The calling domain's types, limits and pure rules (no I/O). */

export const CALL_STATES = ['ringing', 'active', 'ended'] as const;
export type CallState = (typeof CALL_STATES)[number];
export const END_REASONS = ['completed', 'declined', 'missed', 'cancelled', 'busy', 'failed', 'unanswered'] as const;
export type EndReason = (typeof END_REASONS)[number];
export type Media = 'audio' | 'video';
/** `app`: two people in the app; `pstn-in`: a phone dialled someone's number; `pstn-out`: someone dialled a phone. */
export type CallKind = 'app' | 'pstn-in' | 'pstn-out';

/** The meeting attendee (ExternalUserId) that carries a phone call's PSTN leg. */
export const PHONE_ATTENDEE = 'pstn';

/** What a phone call adds to a call: the far end, the SIP media application transaction, the price. */
export interface PhoneLeg {
  /** the far end's number (E.164) */
  number: string;
  /** the Parley number: the one dialled (pstn-in), or the caller id shown (pstn-out) */
  local: string;
  /** the far end's country (pstn-out), or the Parley number's (pstn-in) */
  country: string | null;
  /** pstn-in: a contact's name when the number is theirs */
  callerName?: string;
  /** the SIP media application call (TransactionId) */
  transactionId?: string;
  ratePerMinute: number;
  currency: 'USD';
  billing: { firstSeconds: number; nextSeconds: number };
  forwardedTo?: string;
  voicemailId?: string;
  /** billed minutes × rate, once ended */
  cost?: number;
}

/** A call as stored: the one source of truth for its state and who may see it. */
export interface Call {
  id: string;
  kind: CallKind;
  media: Media;
  state: CallState;
  endReason?: EndReason;
  /** user ids; the phone side of a phone call is its E.164 number (it starts with "+", no user id does) */
  callerId: string;
  calleeId: string;
  callerName: string;
  /** the Chime meeting carrying the media */
  meetingId: string;
  mediaRegion: string;
  startedAt: string;
  ringUntil: string;
  answeredAt?: string;
  endedAt?: string;
  durationSeconds?: number;
  endedBy?: string;
  /**
   * Each side's attendee in the meeting, from Chime's meeting events: present or not, as of the
   * newest event applied (epoch ms). Absent until that side's first join or leave.
   */
  presence?: Partial<Record<Side, Presence>>;
  /** phone calls only */
  phone?: PhoneLeg;
}

export type Side = 'caller' | 'callee';
export interface Presence {
  present: boolean;
  at: number;
}

/** A call as one participant sees it (`direction` and `seen` are relative to them). */
export interface CallView {
  id: string;
  kind: CallKind;
  media: Media;
  state: CallState;
  endReason?: EndReason;
  callerId: string;
  calleeId: string;
  /** app: the two user ids; pstn-in: the caller's number → the Parley number; pstn-out: the caller id → the number dialled */
  from: string;
  to: string;
  direction: 'outgoing' | 'incoming';
  startedAt: string;
  ringUntil: string;
  answeredAt?: string;
  endedAt?: string;
  durationSeconds?: number;
  seen?: boolean;
  phone?: {
    number: string;
    country: string | null;
    callerName?: string;
    ratePerMinute: number;
    currency: 'USD';
    billing: { firstSeconds: number; nextSeconds: number };
    forwardedTo?: string;
    voicemailId?: string;
  };
  cost?: { amount: number; currency: 'USD' };
}

export interface CallSettings {
  ringTimeoutSeconds: number;
  voicemailEnabled: boolean;
  forwardToNumber?: string;
  /** what callers hear before the tone (the default names the person) */
  greeting?: string;
}

export const LIMITS = {
  minRingTimeoutSeconds: 10,
  maxRingTimeoutSeconds: 120,
  maxPageSize: 50,
  maxGreetingLength: 300,
  /** how long an outgoing phone call may ring before it is given up */
  outboundRingSeconds: 90,
  /** RecordAudio: at most 3 minutes; 5 s of silence or # ends it */
  voicemailMaxSeconds: 180,
  voicemailSilenceSeconds: 5,
} as const;

export const DEFAULT_SETTINGS: CallSettings = { ringTimeoutSeconds: 30, voicemailEnabled: true };

/** What Chime charges per attendee-minute of an app call (USD), from the price table (`@parley/domain/prices`). */
export const ATTENDEE_MINUTE_PRICE = fromMicros(ATTENDEE_MINUTE.unitPriceMicros);

export const isParticipant = (call: Call, userId: string) =>
  !isPhoneNumber(userId) && (call.callerId === userId || call.calleeId === userId);

/** A call side that is a phone, not a person in the app. */
export const isPhoneNumber = (party: string) => party.startsWith('+');

/** The people in the app on a call (a phone call has one). */
export const usersOf = (call: Pick<Call, 'callerId' | 'calleeId'>): string[] =>
  [call.callerId, call.calleeId].filter((party) => !isPhoneNumber(party));

const fromTo = (call: Call) =>
  call.kind === 'pstn-in'
    ? { from: call.callerId, to: call.phone?.local ?? '' }
    : call.kind === 'pstn-out'
      ? { from: call.phone?.local ?? '', to: call.calleeId }
      : { from: call.callerId, to: call.calleeId };

function phoneView(phone: PhoneLeg): NonNullable<CallView['phone']> {
  return {
    number: phone.number,
    country: phone.country,
    ...(phone.callerName ? { callerName: phone.callerName } : {}),
    ratePerMinute: phone.ratePerMinute,
    currency: phone.currency,
    billing: phone.billing,
    ...(phone.forwardedTo ? { forwardedTo: phone.forwardedTo } : {}),
    ...(phone.voicemailId ? { voicemailId: phone.voicemailId } : {}),
  };
}

/**
 * The media region closest to where people live, from their IANA time zone: the callee's when
 * known (they are the one who answers), else the caller's, else us-east-1.
 */
export function mediaRegionFor(calleeTimeZone?: string, callerTimeZone?: string): string {
  const zone = calleeTimeZone ?? callerTimeZone;
  if (!zone) return 'us-east-1';
  if (zone === 'Asia/Singapore') return 'ap-southeast-1';
  if (zone.startsWith('Europe/')) return 'eu-central-1';
  return 'us-east-1';
}

/** Whole seconds between two instants, never negative. */
export function secondsBetween(from: string, to: string): number {
  return Math.max(0, Math.round((Date.parse(to) - Date.parse(from)) / 1000));
}

/**
 * Attendee-minutes of an answered call: two attendees, each billed per started minute, and an
 * answered call counts at least one minute (Chime bills the attendee from the moment it joins).
 */
export function attendeeMinutes(durationSeconds: number): number {
  return 2 * Math.max(1, Math.ceil(durationSeconds / 60));
}

/** A missed call is seen once its owner marked missed calls seen after it ended. */
export function viewOf(call: Call, viewerId: string, missedSeenAt?: string): CallView {
  const incoming = call.calleeId === viewerId;
  const missed = incoming && call.endReason === 'missed';
  return {
    id: call.id,
    kind: call.kind,
    media: call.media,
    state: call.state,
    ...(call.endReason ? { endReason: call.endReason } : {}),
    callerId: call.callerId,
    calleeId: call.calleeId,
    ...fromTo(call),
    direction: incoming ? 'incoming' : 'outgoing',
    startedAt: call.startedAt,
    ringUntil: call.ringUntil,
    ...(call.answeredAt ? { answeredAt: call.answeredAt } : {}),
    ...(call.endedAt ? { endedAt: call.endedAt } : {}),
    ...(call.durationSeconds !== undefined ? { durationSeconds: call.durationSeconds } : {}),
    ...(missed ? { seen: missedSeenAt !== undefined && (call.endedAt ?? '') <= missedSeenAt } : {}),
    ...(call.phone ? { phone: phoneView(call.phone) } : {}),
    ...(call.phone?.cost !== undefined ? { cost: { amount: call.phone.cost, currency: call.phone.currency } } : {}),
  };
}
