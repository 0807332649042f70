import type { Call, CallSettings, CallState, PhoneLeg, Presence, Side } from './model.ts';

/** The changes a write may make to a stored call (a phone leg's transaction, voicemail and cost). */
export type CallChanges = Omit<Partial<Call>, 'phone'> & {
  phone?: Partial<Pick<PhoneLeg, 'transactionId' | 'voicemailId' | 'cost'>>;
};

/** `create` found the call already stored (a retried event placed it before). */
export class CallExists extends Error {
  override readonly name = 'CallExists';
  readonly callId: string;
  constructor(callId: string) {
    super(`call ${callId} is already stored`);
    this.callId = callId;
  }
}

/** Port: calls, their per-person log, and the indexes the state machine needs. */
export interface CallRepository {
  /**
   * Stores a new ringing call with its people's log entries, the ring index and (app calls) the
   * glare index. Throws CallExists when a call with this id is stored already.
   */
  create(call: Call): Promise<void>;
  get(callId: string): Promise<Call | undefined>;
  /** Changes a stored call whatever its state (undefined when there is no such call). */
  update(callId: string, changes: CallChanges): Promise<Call | undefined>;
  /**
   * Applies `changes` only while the call is in state `from` (a conditional write): exactly one of
   * two racing writers wins. Answers the call as written, or undefined when the condition failed.
   */
  transition(callId: string, from: CallState, changes: CallChanges): Promise<Call | undefined>;
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
  /** BCP 47, e.g. "es-PA": the voicemail greeting's language */
  locale?: string;
  /** their verified mobile number ('' once they have none): a phone call from it shows their name */
  mobileNumber?: string;
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
  upsert(user: DirectoryUser): Promise<void>;
  get(userId: string): Promise<DirectoryUser | undefined>;
  /** The person whose verified mobile number `e164` is now. */
  byMobile(e164: string): Promise<DirectoryUser | undefined>;
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

/** Port: calling's copy of who has a device online (from notifications' presence events). */
export interface PresenceStore {
  /** Stores the change unless a newer one is stored; false when it was older. */
  apply(change: { userId: string; status: 'online' | 'offline'; changedAt: string }): Promise<boolean>;
  /** undefined: never heard of (treated as reachable) */
  statusOf(userId: string): Promise<'online' | 'offline' | undefined>;
}

/** Port: calling's copy of identity's blocks. */
export interface BlockStore {
  /** Stores the change unless a newer one is stored. */
  apply(change: { ownerId: string; blockedId: string; active: boolean; version: string }): Promise<void>;
  /** Whether either of the two blocks the other. */
  between(a: string, b: string): Promise<boolean>;
}

/** Port: the SIP media application's calls (Chime SDK Voice). */
export interface SipMediaCalls {
  /** CreateSipMediaApplicationCall: dials `to` from `from`; answers the TransactionId. */
  dial(input: { from: string; to: string; arguments: Record<string, string> }): Promise<string>;
  /** UpdateSipMediaApplicationCall (asynchronous on Chime's side); false when the call has ended. */
  update(transactionId: string, args: Record<string, string>): Promise<boolean>;
  /** The number outgoing phone calls show (the organisation's, in the Chime inventory). */
  callerId(): Promise<string>;
}

/** Port: the audio objects of phone calls (S3): voicemail recordings and the ringback prompt. */
export interface CallAudio {
  /** Where RecordAudio writes a voicemail for `ownerId` (bucket and key prefix). */
  recordingDestination(ownerId: string, callId: string): { bucket: string; prefix: string };
  /** The ringback tone to play while a phone caller waits (written once if missing). */
  ringback(): Promise<{ bucket: string; key: string; seconds: number }>;
  /** Size in bytes of a stored recording, undefined when it does not exist. */
  size(key: string): Promise<number | undefined>;
  downloadUrl(key: string): Promise<{ url: string; expiresAt: string }>;
  delete(key: string): Promise<void>;
  /** Every stored voicemail recording (`voicemail/<ownerId>/<callId>/…`), its size and when it was written. */
  recordings(): AsyncIterable<{ key: string; bytes: number; storedAt: string }>;
}

export interface Voicemail {
  id: string;
  ownerId: string;
  callId: string;
  from: string;
  callerName: string;
  to: string;
  country: string | null;
  key: string;
  bytes: number;
  durationSeconds: number;
  receivedAt: string;
  heard: boolean;
}

/** Port: voicemails, per owner, newest first. */
export interface VoicemailRepository {
  /** Stores a voicemail unless one with its id exists (a retried event); false then. */
  create(voicemail: Voicemail): Promise<boolean>;
  get(id: string): Promise<Voicemail | undefined>;
  list(ownerId: string, page: { limit: number; before?: string }): Promise<{ items: Voicemail[]; next?: string }>;
  markHeard(id: string): Promise<Voicemail | undefined>;
  delete(id: string): Promise<void>;
  unheard(ownerId: string): Promise<number>;
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
