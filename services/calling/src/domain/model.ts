/** The calling domain's types, limits and pure rules (no I/O). */

export const CALL_STATES = ['ringing', 'active', 'ended'] as const;
export type CallState = (typeof CALL_STATES)[number];
export const END_REASONS = ['completed', 'declined', 'missed', 'cancelled', 'busy', 'failed'] as const;
export type EndReason = (typeof END_REASONS)[number];
export type Media = 'audio' | 'video';

/** A call as stored: the one source of truth for its state and who may see it. */
export interface Call {
  id: string;
  kind: 'app';
  media: Media;
  state: CallState;
  endReason?: EndReason;
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
}

export type Side = 'caller' | 'callee';
export interface Presence {
  present: boolean;
  at: number;
}

/** A call as one participant sees it (`direction` and `seen` are relative to them). */
export interface CallView {
  id: string;
  kind: 'app';
  media: Media;
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
  seen?: boolean;
}

export interface CallSettings {
  ringTimeoutSeconds: number;
  voicemailEnabled: boolean;
  forwardToNumber?: string;
}

export const LIMITS = {
  minRingTimeoutSeconds: 10,
  maxRingTimeoutSeconds: 120,
  maxPageSize: 50,
} as const;

export const DEFAULT_SETTINGS: CallSettings = { ringTimeoutSeconds: 30, voicemailEnabled: false };

/** What Chime charges per attendee-minute of an app call (USD). */
export const ATTENDEE_MINUTE_PRICE = 0.0017;

export const isParticipant = (call: Call, userId: string) => call.callerId === userId || call.calleeId === userId;

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
    direction: incoming ? 'incoming' : 'outgoing',
    startedAt: call.startedAt,
    ringUntil: call.ringUntil,
    ...(call.answeredAt ? { answeredAt: call.answeredAt } : {}),
    ...(call.endedAt ? { endedAt: call.endedAt } : {}),
    ...(call.durationSeconds !== undefined ? { durationSeconds: call.durationSeconds } : {}),
    ...(missed ? { seen: missedSeenAt !== undefined && (call.endedAt ?? '') <= missedSeenAt } : {}),
  };
}
