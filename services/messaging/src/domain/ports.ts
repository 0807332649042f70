import type { EventData, EventDefinition } from '@parley/events/define-event';
import type { Attachment, Conversation, Delivery, LastMessage, MemberState, Message } from './model.ts';

/**
 * An event to publish, made durable in the outbox in the same transaction as the state change
 * it describes. Its id and time are fixed before the write, so a retried publish is the same
 * event (consumers drop the duplicate by `eventId`).
 */
export interface OutboxEvent<E extends EventDefinition = EventDefinition> {
  eventId: string;
  event: E;
  data: EventData<E>;
  audience: string[];
  occurredAt: string;
}

/** Port: conversations (membership is the source of truth for every access check). */
export interface ConversationRepository {
  /** Strongly consistent read. */
  get(conversationId: string): Promise<Conversation | undefined>;
  /** Several at once (for the list); missing ids are left out. Throws rather than answer with part of what exists. */
  getMany(conversationIds: readonly string[]): Promise<Conversation[]>;
  /** Creates it with its events; `exists` when a conversation with this id is already stored. */
  create(conversation: Conversation, events: readonly OutboxEvent[]): Promise<'created' | 'exists'>;
  /**
   * Replaces members and admins when `membersVersion` is still `expectedVersion` (then it becomes
   * `expectedVersion + 1`); false when someone changed the membership in between.
   */
  changeMembers(
    change: {
      conversationId: string;
      memberIds: string[];
      adminIds: string[];
      pendingIds: string[];
      declinedIds: string[];
      leftIds: string[];
      expectedVersion: number;
    },
    events: readonly OutboxEvent[],
  ): Promise<boolean>;
  /**
   * Sets a group's title with its events, if `byUserId` is still a member; false (nothing written)
   * when they are not.
   */
  rename(
    change: { conversationId: string; title: string; byUserId: string },
    events: readonly OutboxEvent[],
  ): Promise<boolean>;
  /** Updates the list preview after an edit or delete, only if `last.seq` is still the newest message. */
  refreshLastMessage(conversationId: string, last: LastMessage): Promise<void>;
}

/** Port: each member's inbox entry (list order) and read marker. Derived data: access checks never use it. */
export interface MemberRepository {
  /**
   * Gives each of them an entry (read marker 0) unless they have one; an existing entry is left as it
   * is. Written when people are added, never by a message: list order comes from the conversation (ADR 0023).
   */
  ensure(conversationId: string, userIds: readonly string[], at: string): Promise<void>;
  remove(conversationId: string, userIds: readonly string[]): Promise<void>;
  get(conversationId: string, userId: string): Promise<MemberState | undefined>;
  list(conversationId: string): Promise<MemberState[]>;
  /** Moves the read marker forward to `seq` with its events; false when it was already there or past it. */
  markRead(
    marker: { conversationId: string; userId: string; seq: number; readAt: string },
    events: readonly OutboxEvent[],
  ): Promise<boolean>;
  /**
   * Stores the member's own preferences on their entry (`archivedAt: null` clears it); the entry
   * keeps its read marker and list position.
   */
  setPreferences(
    conversationId: string,
    userId: string,
    preferences: { muted: boolean; pinned: boolean; archivedAt: string | null },
  ): Promise<void>;
  /** Ids of the conversations the user pinned (reads their whole inbox: pinning is rare). */
  pinned(userId: string): Promise<string[]>;
  /** Every entry of the user, in no particular order (one Query, more pages past 1 MB). */
  ofUser(userId: string): Promise<MemberState[]>;
}

/** What `MessageRepository.append` writes, and the conditions it holds to. */
export interface AppendMessage {
  message: Message;
  /** the conversation's `seqAllocated` as read; `message.seq` is one more */
  expectedSeq: number;
  lastMessage: LastMessage;
  /** a party's text: the conversation's `lastInboundAt` after it (set in the same conversation update) */
  lastInboundAt?: string;
  events: readonly OutboxEvent[];
  /** the sender's send counter (`limitTake`): counted by the same write, refused at `limit`; none for a text a phone sent */
  counter?: { key: string; windowStart: number; limit: number; expiresAt: number };
  /** the member the write holds to (default the sender; a party's text: the conversation's owner) */
  memberId?: string;
  /** a direct conversation's other member: the write holds only while neither blocked the other */
  otherId?: string;
}

/** How `append` ended; `stale` carries the conversation as it is now when the store returned it. */
export type AppendOutcome =
  | { outcome: 'created' | 'duplicate' | 'rate-limited' | 'blocked' }
  | { outcome: 'stale'; conversation?: Conversation };

/** Port: messages, addressed by `(conversationId, seq)`. */
export interface MessageRepository {
  /** Strongly consistent read. */
  get(conversationId: string, seq: number): Promise<Message | undefined>;
  findByClientMessageId(
    conversationId: string,
    senderId: string,
    clientMessageId: string,
  ): Promise<Message | undefined>;
  /**
   * Stores a new message in ONE transaction (ADR 0023): the conversation's seq counter moved from
   * `expectedSeq` to the message's seq with its list preview, the message, its claim on
   * `(conversationId, senderId, clientMessageId)`, its events (outbox) and the sender's send counter;
   * for a direct conversation, a check that neither person blocked the other. Nothing is stored
   * unless all of it is. The outcome names the first reason it was refused: `duplicate` (the claim
   * exists), `stale` (the counter moved on, or the sender is no longer a member: with the
   * conversation as it is now, or read it again),
   * `rate-limited` (the counter is full), `blocked`.
   */
  append(input: AppendMessage): Promise<AppendOutcome>;
  /**
   * Sets a text's delivery with its events when its current delivery status is still `expected`
   * (`undefined`: none yet), moving its version on; false (nothing written) otherwise.
   */
  setDelivery(
    key: { conversationId: string; seq: number },
    change: { delivery: Delivery; expected: Delivery['status'] | undefined },
    events: readonly OutboxEvent[],
  ): Promise<boolean>;
  /** Replaces the message when its version is still `expectedVersion`; false on a concurrent change. */
  replace(message: Message, expectedVersion: number, events: readonly OutboxEvent[]): Promise<boolean>;
  /** Messages with `afterSeq < seq < beforeSeq`, ascending or newest first. */
  range(
    conversationId: string,
    query: { afterSeq?: number; beforeSeq?: number; limit: number; newestFirst: boolean },
  ): Promise<Message[]>;
  /**
   * Messages after `afterSeq` up to `uptoSeq` (inclusive) not sent by `readerId` and not deleted,
   * counting at most `cap` messages.
   */
  countUnread(
    conversationId: string,
    readerId: string,
    afterSeq: number,
    uptoSeq: number,
    cap: number,
  ): Promise<number>;
}

/** Port: attachment records (the bytes are in `FileStore`). */
export interface AttachmentRepository {
  /** Stores a new slot; one with `sweepAfter` is due for the sweep from then (`due`). */
  create(attachment: Attachment): Promise<void>;
  get(attachmentId: string): Promise<Attachment | undefined>;
  getMany(attachmentIds: readonly string[]): Promise<Attachment[]>;
  /**
   * Records that a message showed it (`frozenAt`, the size stored) and takes it out of the sweep;
   * false, changing nothing, when it was discarded meanwhile (its message deleted, or swept).
   */
  markFrozen(attachmentId: string, frozen: { at: string; size: number }): Promise<boolean>;
  /**
   * Marks them discarded (their message was deleted) and due for the sweep at `at`: downloads are
   * refused from then on, and the sweep removes whatever of their objects is left.
   */
  discard(attachmentIds: readonly string[], at: string): Promise<void>;
  /** Attachments whose `sweepAfter` is before `before`, oldest first (an eventually consistent index). */
  due(before: string, limit: number): Promise<Attachment[]>;
  /**
   * Marks one for removal by the sweep (discarded at `at`) unless a message showed it and it was not
   * discarded since; false (nothing changed) in that case, or when it no longer exists.
   */
  claimForSweep(attachmentId: string, at: string): Promise<boolean>;
  /** Deletes the record. */
  remove(attachmentId: string): Promise<void>;
}

/** Why `FileStore.freeze` copied nothing. */
export type FreezeRefusal = 'missing' | 'too-large' | 'checksum-mismatch';

/** Port: the attachments bucket. */
export interface FileStore {
  /** A URL the client PUTs the bytes to (`uploadKey`), bound to the content type, size and SHA-256. */
  uploadUrl(attachment: Attachment, expiresInSeconds: number): Promise<string>;
  /** A URL that reads `key` (the frozen copy). */
  downloadUrl(attachment: Attachment, expiresInSeconds: number): Promise<string>;
  /**
   * Copies the uploaded object `from` to `to` when its bytes have the SHA-256 `checksumSha256` and
   * at most `maxBytes`; the copy is exactly the bytes checked. Answers the copy's size, or why not.
   */
  freeze(object: {
    from: string;
    to: string;
    checksumSha256: string;
    contentType: string;
    maxBytes: number;
  }): Promise<{ size: number } | { refused: FreezeRefusal }>;
  /** Deletes these objects; a key with no object is no error. */
  remove(keys: readonly string[]): Promise<void>;
}

/** Port: publishes outbox events and clears them from the outbox. */
export interface EventRelay {
  /**
   * Publishes, then removes them from the outbox, except a `MessageSent` just written (not
   * `drained`): indexMessages, which sees every one, removes its row in the batch it writes anyway
   * (ADR 0033). Throws when publishing failed: they stay for `pending`.
   */
  relay(events: readonly OutboxEvent[], options?: { drained?: boolean }): Promise<void>;
  /** Outbox entries that occurred before `before` (left behind by a failed relay), oldest first. */
  pending(before: string, limit: number): Promise<OutboxEvent[]>;
}

/** Port: the people messaging knows exist (a copy fed by identity.UserRegistered). */
export interface UserDirectory {
  /** Remembers a registered user; recording the same one again changes nothing. */
  record(user: { userId: string; registeredAt: string }): Promise<void>;
  /** The ids among `userIds` that belong to nobody registered (empty when all are people). */
  unknown(userIds: readonly string[]): Promise<string[]>;
}

/** Port: messaging's projection of identity's contacts and blocks. */
export interface Relations {
  /** Records one relation if `version` is newer than the stored one (events arrive out of order). */
  apply(relation: {
    ownerId: string;
    kind: 'contact' | 'block';
    otherId: string;
    active: boolean;
    version: string;
  }): Promise<void>;
  /** How `others` relate to `userId`, in one batched read. */
  between(
    userId: string,
    others: readonly string[],
  ): Promise<{
    /** those who have `userId` as a contact */
    haveUserAsContact: Set<string>;
    /** those who blocked `userId` */
    blockUser: Set<string>;
    /** those `userId` blocked */
    blockedByUser: Set<string>;
  }>;
}

/**
 * Port: per-user counters of costly acts, one per (key, fixed window), removed by TTL. `take` is
 * one conditional write: it adds one and answers true while the count is under `limit`, and
 * answers false (counting nothing) once it has reached it.
 */
export interface RateLimiter {
  take(key: string, windowStart: number, limit: number, expiresAt: number): Promise<boolean>;
}

export interface Clock {
  now(): Date;
}

export interface IdGenerator {
  /** a new random id (URL-safe, unguessable) */
  id(): string;
}

/** Port: where best-effort steps report failures (logs and metrics in production). */
export interface Diagnostics {
  warn(message: string, context: Record<string, unknown>): void;
}

/**
 * Port: messaging's copy of which Parley number belongs to whom (numbers.NumberAssigned /
 * NumberReleased). A change older than the stored one is ignored (events arrive late or twice).
 */
export interface NumberOwners {
  /** Stores the change unless a newer one is stored; false when stale. `userId` absent: released. */
  apply(change: { e164: string; at: string; userId?: string }): Promise<boolean>;
  ownerOf(e164: string): Promise<string | undefined>;
  /** The numbers the user owns now (sorted). */
  numbersOf(userId: string): Promise<string[]>;
}
