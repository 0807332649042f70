import type { Call, CallSettings, CallState, Presence, Side } from './model.ts';

/** Port: calls, their per-person log, and the indexes the state machine needs. */
export interface CallRepository {
  /** Stores a new ringing call with both participants' log entries, the ring index and the glare index. */
  create(call: Call): Promise<void>;
  get(callId: string): Promise<Call | undefined>;
  /**
   * Applies `changes` only while the call is in state `from` (a conditional write): exactly one of
   * two racing writers wins. Answers the call as written, or undefined when the condition failed.
   */
  transition(callId: string, from: CallState, changes: Partial<Call>): Promise<Call | undefined>;
  /** The newest call `callerId` placed to `calleeId` that may still be ringing. */
  ringingBetween(callerId: string, calleeId: string): Promise<string | undefined>;
  /** Ids of calls in the ring index whose ring time is over at `now` (the sweep's input). */
  ringExpiredBy(now: string, limit: number): Promise<{ id: string; ringUntil: string }[]>;
  /** Takes a call out of the ring index (it stopped ringing). */
  clearRinging(call: Pick<Call, 'id' | 'ringUntil'>): Promise<void>;
  /**
   * Records that one side's attendee joined or left the meeting at `at` (epoch ms), unless a newer
   * change of that side is already stored (meeting events may arrive out of order). Answers the
   * call after the change, or undefined when it was stale.
   */
  setPresence(callId: string, side: Side, presence: Presence): Promise<Call | undefined>;
  /** One person's calls, newest first; `before` is the position the previous page ended at. */
  log(userId: string, page: { limit: number; before?: string }): Promise<{ calls: Call[]; next?: string }>;
}

/** Port: per person, how many missed calls they have not seen, and when they last looked. */
export interface MissedCallStore {
  increment(userId: string): Promise<void>;
  markSeen(userId: string, at: string): Promise<void>;
  get(userId: string): Promise<{ unseen: number; seenAt?: string }>;
}

export interface SettingsRepository {
  get(userId: string): Promise<CallSettings | undefined>;
  put(userId: string, settings: CallSettings): Promise<void>;
}

export interface DirectoryUser {
  userId: string;
  displayName: string;
  timeZone?: string;
}

/** Port: calling's copy of who exists (from identity's events). */
/** Port: calling's copy of which phone number rings whom (from numbers' events). */
export interface NumberOwners {
  /** Stores the change unless a newer one is stored; false when it was older (stale). `owner` absent: released. */
  apply(change: {
    e164: string;
    at: string;
    owner?: { userId: string; country: string; carrier: string };
  }): Promise<boolean>;
  ownerOf(e164: string): Promise<{ userId: string; country: string; carrier: string } | undefined>;
}

export interface UserDirectory {
  upsert(user: { userId: string; displayName: string; timeZone?: string }): Promise<void>;
  get(userId: string): Promise<DirectoryUser | undefined>;
}

/** What a browser needs to join a meeting: Chime's `Meeting` and the person's `Attendee`, as Chime returns them. */
export interface MeetingJoin {
  meeting: Record<string, unknown>;
  attendee: Record<string, unknown>;
}

/** Port: the media service (Chime SDK Meetings). */
export interface Meetings {
  /** A meeting for the call (idempotent on the call id) with one attendee per person. */
  create(input: {
    callId: string;
    mediaRegion: string;
    userIds: readonly string[];
  }): Promise<{ meetingId: string; joins: Map<string, MeetingJoin> }>;
  /** The meeting and this person's attendee (the same attendee every time). */
  join(meetingId: string, userId: string): Promise<MeetingJoin>;
  /** Ends the meeting; a meeting that is already gone is not an error. */
  end(meetingId: string): Promise<void>;
}

export { type DomainEvents, domainEvent, type PendingDomainEvent } from '@parley/domain/events';

export interface Clock {
  now(): Date;
}
export interface Ids {
  id(): string;
}
export interface Diagnostics {
  warn(message: string, context: Record<string, unknown>): void;
}
