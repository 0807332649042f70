import type { Log } from './connections.ts';
import type { Clock, ConnectionStore, NotificationsPublisher, RateLimiter, SmsSentData } from './ports.ts';
import { DEFAULT_PREFERENCES, type PreferencesStore } from './preferences.ts';
import {
  guardedSms,
  type MobileStore,
  type SmsCaps,
  type SmsGuardDeps,
  type SmsMetrics,
  type SmsSender,
} from './sms-guard.ts';
import { smsUsage } from './sms-usage.ts';

export type { SmsSender } from './sms-guard.ts';

/** Messages waiting for one offline user's SMS digest. */
export interface PendingDigest {
  userId: string;
  dueAt: string;
  /** when the first message of this digest arrived: a user seen after it has read them */
  firstAt: string;
  messageCount: number;
  conversationIds: string[];
  attempts: number;
}

/** Port: pending SMS digests, one per user, listed by due time. */
export interface DigestStore {
  /** Counts one more message in the user's digest, creating it (due at `dueAt`) if there is none. */
  add(userId: string, input: { conversationId: string; at: Date; dueAt: Date }): Promise<void>;
  /** Digests due at or before `now`, oldest first. */
  due(now: Date, limit: number): Promise<PendingDigest[]>;
  /** Takes a due digest out for sending; undefined when another run took (or changed) it first. */
  take(digest: PendingDigest): Promise<PendingDigest | undefined>;
  /** Puts back a digest whose SMS failed, to be retried at its new `dueAt`. */
  putBack(digest: PendingDigest): Promise<void>;
}

/** Port: a user's mobile number and whether it is verified, projected from identity.ProfileUpdated. */
export interface ProfileStore extends MobileStore {
  setMobile(userId: string, mobile: { mobileNumber?: string; verified: boolean }, version: string): Promise<void>;
}

/**
 * After a `messaging.MessageSent` fan-out: each recipient who had no live connection and opted in
 * to message SMS gets the message counted in a pending digest, due after their `offlineDelayMinutes`.
 */
export async function queueOfflineDigests(
  deps: { preferences: PreferencesStore; digests: DigestStore; clock: Clock },
  input: { senderId: string; conversationId: string; offlineRecipients: readonly string[] },
): Promise<number> {
  const recipients = input.offlineRecipients.filter((id) => id !== input.senderId);
  if (recipients.length === 0) return 0;
  const stored = await deps.preferences.getMany(recipients);
  const now = deps.clock.now();
  let queued = 0;
  for (const userId of recipients) {
    const prefs = { ...DEFAULT_PREFERENCES, ...(stored.get(userId) ?? {}) };
    if (!prefs.smsOnMessageWhenOffline) continue;
    const dueAt = new Date(now.getTime() + prefs.offlineDelayMinutes * 60_000);
    await deps.digests.add(userId, { conversationId: input.conversationId, at: now, dueAt });
    queued += 1;
  }
  return queued;
}

export interface DigestDeps {
  digests: DigestStore;
  connections: ConnectionStore;
  preferences: PreferencesStore;
  profiles: ProfileStore;
  sms: SmsSender;
  rateLimiter: RateLimiter;
  metrics: SmsMetrics;
  optOuts: SmsGuardDeps['optOuts'];
  publisher: NotificationsPublisher;
  clock: Clock;
  log: Log;
}

export type DigestOutcome =
  | 'sent'
  | 'online'
  | 'seen'
  | 'opted-out'
  | 'stopped'
  | 'no-number'
  | 'unverified'
  | 'daily-cap'
  | 'failed'
  | 'taken';
const MAX_ATTEMPTS = 3;
const RETRY_AFTER_MS = 2 * 60_000;

export function digestText(digest: PendingDigest): string {
  const messages = digest.messageCount === 1 ? '1 new message' : `${digest.messageCount} new messages`;
  const where = digest.conversationIds.length === 1 ? '' : ` in ${digest.conversationIds.length} conversations`;
  return `Parley: ${messages}${where} while you were away. Open Parley to read them.`;
}

/**
 * Sends one SMS to a user's verified number through the guard (`sms-guard.ts`: every cap) and
 * publishes `notifications.SmsSent` and `notifications.UsageRecorded` (its segments, for the ledger). Returns why nothing was sent otherwise; a provider failure throws.
 */
export async function sendCappedSms(
  deps: Pick<DigestDeps, 'profiles' | 'sms' | 'rateLimiter' | 'metrics' | 'optOuts' | 'publisher' | 'clock'>,
  input: { userId: string; reason: SmsSentData['reason']; text: string; caps: SmsCaps; messageCount?: number },
): Promise<'sent' | 'no-number' | 'unverified' | 'stopped' | 'daily-cap'> {
  const result = await guardedSms(deps, input.caps, { userId: input.userId, text: input.text });
  if (result.outcome !== 'sent') return result.outcome;
  const sentAt = deps.clock.now().toISOString();
  await deps.publisher.smsSent({
    userId: input.userId,
    reason: input.reason,
    providerMessageId: result.messageId,
    ...(input.messageCount !== undefined ? { messageCount: input.messageCount } : {}),
    sentAt,
  });
  await deps.publisher.usageRecorded(
    smsUsage({
      userId: input.userId,
      reason: input.reason,
      text: input.text,
      mobileNumber: result.mobileNumber,
      providerMessageId: result.messageId,
      at: sentAt,
    }),
  );
  return 'sent';
}

async function sendOne(deps: DigestDeps, pending: PendingDigest, caps: SmsCaps): Promise<DigestOutcome> {
  const digest = await deps.digests.take(pending);
  if (!digest) return 'taken';
  const now = deps.clock.now();
  const record = (await deps.connections.getMany([digest.userId], now)).get(digest.userId);
  if ((record?.connections.length ?? 0) > 0) return 'online';
  if (record?.lastSeenAt && record.lastSeenAt > digest.firstAt) return 'seen';
  const prefs = { ...DEFAULT_PREFERENCES, ...((await deps.preferences.get(digest.userId)) ?? {}) };
  if (!prefs.smsOnMessageWhenOffline) return 'opted-out';
  try {
    return await sendCappedSms(deps, {
      userId: digest.userId,
      reason: 'message-digest',
      text: digestText(digest),
      caps,
      messageCount: digest.messageCount,
    });
  } catch (err) {
    deps.log.warn('sms digest failed', {
      userId: digest.userId,
      attempts: digest.attempts,
      error: (err as Error).message,
    });
    if (digest.attempts + 1 < MAX_ATTEMPTS) {
      await deps.digests.putBack({
        ...digest,
        attempts: digest.attempts + 1,
        dueAt: new Date(now.getTime() + RETRY_AFTER_MS).toISOString(),
      });
    }
    return 'failed';
  }
}

/**
 * The scheduled sweep (every minute): sends each due digest as ONE SMS, unless the user came back
 * online or was seen since the first message, opted out, has no verified mobile number, or a cap is used up.
 */
export async function sendDueDigests(
  deps: DigestDeps,
  input: { limit: number; caps: SmsCaps },
): Promise<Record<DigestOutcome, number>> {
  const counts: Record<DigestOutcome, number> = {
    sent: 0,
    online: 0,
    seen: 0,
    'opted-out': 0,
    stopped: 0,
    'no-number': 0,
    unverified: 0,
    'daily-cap': 0,
    failed: 0,
    taken: 0,
  };
  for (const digest of await deps.digests.due(deps.clock.now(), input.limit)) {
    counts[await sendOne(deps, digest, input.caps)] += 1;
  }
  return counts;
}
