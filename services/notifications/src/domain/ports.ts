import type { EventData } from '@parley/events/define-event';
import type {
  TextOptedIn,
  TextOptedOut,
  TextReceived,
  TextStatusChanged,
  UsageRecorded,
} from '@parley/events/notifications';
/**
 * Ports of the notifications service. Adapters: DynamoDB (electrodb and the document client),
 * the API Gateway management API, EventBridge and SNS; in-memory fakes in unit tests.
 */

/** One live WebSocket connection of a user. */
export interface LiveConnection {
  connectionId: string;
  /** the identity session the access token belonged to (closed when that session is revoked) */
  sessionId?: string;
  /** epoch seconds after which the connection counts as dead even without a `$disconnect` */
  expiresAt: number;
  /** epoch seconds of the `$connect` (a 410 right after it means "not established yet", not "gone") */
  connectedAt?: number;
  /** epoch milliseconds of the `$connect`: orders a user's connections when the oldest is dropped */
  connectedAtMs?: number;
}

/** What is known about one user's connections. `connections` holds live ones only. */
export interface PresenceRecord {
  userId: string;
  connections: LiveConnection[];
  lastSeenAt?: string;
}

/** Port: the connections table, keyed by user. Every change is atomic per user and reports presence transitions. */
export interface ConnectionStore {
  /**
   * Adds a connection; `cameOnline` when the user had no other live connection before; `live`: the
   * user's live connections just after the write, the new one included.
   */
  add(userId: string, connection: LiveConnection, now: Date): Promise<{ cameOnline: boolean; live: LiveConnection[] }>;
  /** Removes a connection and stamps `lastSeenAt`; `wentOffline` when it was the user's last live one. */
  remove(userId: string, connectionId: string, now: Date): Promise<{ wentOffline: boolean }>;
  /** Live connections and last-seen time of many users (missing users are absent from the map). */
  getMany(userIds: readonly string[], now: Date): Promise<Map<string, PresenceRecord>>;
}

/** Port: pushes to and closes WebSocket connections (API Gateway's management API). */
export interface ConnectionGateway {
  /** `gone` when the connection no longer exists (HTTP 410): the caller forgets it. */
  post(connectionId: string, payload: string): Promise<'sent' | 'gone'>;
  close(connectionId: string): Promise<void>;
}

export interface ConversationMembers {
  memberIds: string[];
  /** members who have not accepted: they share no presence through this conversation and get no SMS for it */
  pendingIds: string[];
}

/** Port: the membership projection built from messaging's events (notifications never calls messaging). */
export interface MembershipStore {
  membersOf(conversationId: string): Promise<string[] | undefined>;
  /** Members and those of them who have not accepted the conversation (a message request). */
  membersOfMany(conversationIds: readonly string[]): Promise<Map<string, ConversationMembers>>;
  /** Conversations a user was ever linked to: candidates, to check against `membersOfMany`. */
  conversationsOf(userId: string): Promise<string[]>;
  /**
   * Replaces a conversation's members if `version` is newer than the stored one (events arrive out of order).
   * Returns the members before, or `applied: false` for a stale event.
   */
  replaceMembers(
    conversationId: string,
    memberIds: readonly string[],
    version: string,
    pendingIds?: readonly string[],
  ): Promise<{ applied: boolean; previous: string[] }>;
  link(userIds: readonly string[], conversationId: string): Promise<void>;
  unlink(userIds: readonly string[], conversationId: string): Promise<void>;
}

/** Port: the contact projection built from identity's ContactAdded/ContactRemoved. */
export interface ContactStore {
  /** Records that `ownerId` has (or no longer has) `contactId` as a contact, if `version` is newer. */
  apply(ownerId: string, contactId: string, active: boolean, version: string): Promise<void>;
  /** Users who have `userId` as a contact. */
  watchersOf(userId: string): Promise<string[]>;
  /** Users `ownerId` has as contacts. */
  contactsOf(ownerId: string): Promise<string[]>;
}

/** Port: the block projection built from identity's UserBlocked/UserUnblocked. */
export interface BlockStore {
  /** Records that `ownerId` blocks (or no longer blocks) `blockedId`, if `version` is newer. */
  apply(ownerId: string, blockedId: string, active: boolean, version: string): Promise<void>;
  /** Everyone `userId` blocked and everyone who blocked `userId`: nothing flows between them. */
  blockedAround(userId: string): Promise<Set<string>>;
}

/** Port: participants of ringing or active calls, from calling's events, so `signal` only links people in one call. */
export interface CallStore {
  /** Adds participants, unless the call already ended. */
  addParticipants(callId: string, userIds: readonly string[]): Promise<void>;
  /** The call ended: nobody may signal about it any more (and later events do not bring it back). */
  end(callId: string): Promise<void>;
  /** Participants of a call that has not ended (none once it has). */
  participantsOf(callId: string): Promise<string[]>;
}

/** Port: fixed-window counters (signal flood guard, SMS daily cap). */
export interface RateLimiter {
  /** Takes one unit from `key`'s window; false when `limit` is already used up. */
  tryTake(key: string, limit: number, windowSeconds: number, now: Date): Promise<boolean>;
}

/** Port: cooldowns (a conditional write with an expiry), e.g. one `typing` fan-out per user and conversation. */
export interface Cooldowns {
  /** Starts a cooldown of `ms` on `key`; false (and nothing changes) while one is still running. */
  tryStart(key: string, ms: number, now: Date): Promise<boolean>;
}

export interface PresenceChangedData {
  userId: string;
  status: 'online' | 'offline';
  lastSeenAt: string;
  changedAt: string;
}

export interface SmsSentData {
  userId: string;
  reason: 'message-digest' | 'missed-call' | 'voicemail';
  providerMessageId: string;
  messageCount?: number;
  sentAt: string;
}

/** The data of `notifications.UsageRecorded`: one SMS sent, for the usage ledger (ADR 0021). */
export type SmsUsageData = EventData<typeof UsageRecorded>;

/** Port: the events notifications publishes. */
export interface NotificationsPublisher {
  presenceChanged(data: PresenceChangedData, audience: readonly string[]): Promise<void>;
  smsSent(data: SmsSentData): Promise<void>;
  /** `notifications.UsageRecorded`: one SMS to be charged (the usage ledger's input, ADR 0021) */
  usageRecorded(data: SmsUsageData): Promise<void>;
  /** `notifications.TextReceived`: one inbound text from a verified webhook */
  textReceived(data: EventData<typeof TextReceived>): Promise<void>;
  /** `notifications.TextStatusChanged`: a delivery status of a text Parley sent */
  textStatusChanged(data: EventData<typeof TextStatusChanged>): Promise<void>;
  textOptedOut(data: EventData<typeof TextOptedOut>): Promise<void>;
  textOptedIn(data: EventData<typeof TextOptedIn>): Promise<void>;
}

export interface Clock {
  now(): Date;
}

export interface IdGenerator {
  newId(): string;
}
