import type { EntityItem } from 'electrodb';
import { InvalidCursor } from '../domain/errors.ts';
import type { MemberState } from '../domain/model.ts';
import type { MemberRepository } from '../domain/ports.ts';
import type { MemberEntity } from './entities/member.ts';
import { outboxPuts } from './outbox.ts';
import { isConditionFailure, type MessagingDb } from './table.ts';
import { transact } from './transactions.ts';

type Item = EntityItem<typeof MemberEntity>;

function toMember(item: Item): MemberState {
  return {
    conversationId: item.conversationId,
    userId: item.userId,
    lastReadSeq: item.lastReadSeq ?? 0,
    ...(item.readAt ? { readAt: item.readAt } : {}),
    ...(item.lastActivityAt ? { lastActivityAt: item.lastActivityAt } : {}),
    ...(item.muted ? { muted: true } : {}),
    ...(item.pinned ? { pinned: true } : {}),
    ...(item.archivedAt ? { archivedAt: item.archivedAt } : {}),
  };
}

/** Runs `task` over `items` with at most `width` in flight (a 256-member group is 256 writes). */
async function eachLimited<T>(items: readonly T[], width: number, task: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await task(items[next++] as T);
  };
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, worker));
}

const INBOX_CURSOR_FIELDS = ['gsi1pk', 'gsi1sk', 'pk', 'sk'];

/**
 * Refuses an inbox cursor this API did not give `userId`: electrodb's cursor is the base64url JSON
 * of DynamoDB's LastEvaluatedKey, and anything else (not JSON, other fields, another user's
 * partition, a sort key outside the query) would reach DynamoDB and fail there as a 500.
 */
function checkInboxCursor(member: MessagingDb['entities']['member'], userId: string, cursor: string): void {
  const invalid = () => new InvalidCursor('The cursor is not one this API gave out.');
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  if (typeof key !== 'object' || key === null || Array.isArray(key)) throw invalid();
  const fields = Object.entries(key);
  const wellFormed =
    fields.length === INBOX_CURSOR_FIELDS.length &&
    fields.every(
      ([k, v]) => INBOX_CURSOR_FIELDS.includes(k) && typeof v === 'string' && v.length > 0 && v.length <= 1024,
    );
  const query = member.query.inbox({ inboxUserId: userId }).params();
  const { ':pk': partition, ':sk1': sortPrefix } = query.ExpressionAttributeValues as Record<string, string>;
  const { gsi1pk, gsi1sk } = key as Record<string, string>;
  if (!wellFormed || gsi1pk !== partition || !gsi1sk?.startsWith(sortPrefix ?? '')) throw invalid();
}

export function electroMemberRepository(db: MessagingDb): MemberRepository {
  const { member } = db.entities;
  return {
    async touch(conversationId, userIds, activityAt) {
      await eachLimited(userIds, 16, async (userId) => {
        try {
          await member
            .update({ conversationId, userId })
            .set({ lastActivityAt: activityAt, inboxUserId: userId })
            .data(({ lastReadSeq }, { ifNotExists }) => ifNotExists(lastReadSeq, 0))
            .where(
              ({ lastActivityAt }, { notExists, lt }) =>
                `${notExists(lastActivityAt)} OR ${lt(lastActivityAt, activityAt)}`,
            )
            .go({ response: 'none' });
        } catch (err) {
          // Already at a later activity: nothing to do.
          if (!isConditionFailure(err)) throw err;
        }
      });
    },

    async remove(conversationId, userIds) {
      if (userIds.length === 0) return;
      await member.delete(userIds.map((userId) => ({ conversationId, userId }))).go();
    },

    async get(conversationId, userId) {
      const { data } = await member.get({ conversationId, userId }).go({ consistent: true });
      return data ? toMember(data) : undefined;
    },

    async list(conversationId) {
      const { data } = await member.query.byConversation({ conversationId }).go({ pages: 'all' });
      return data.map(toMember);
    },

    async markRead(marker, events) {
      const codes = await transact(() =>
        db.transaction
          .write(({ member: m, outbox }) => [
            m
              .update({ conversationId: marker.conversationId, userId: marker.userId })
              .set({ lastReadSeq: marker.seq, readAt: marker.readAt })
              .where(
                ({ lastReadSeq }, { notExists, lt }) => `${notExists(lastReadSeq)} OR ${lt(lastReadSeq, marker.seq)}`,
              )
              .commit(),
            ...outboxPuts(outbox, events),
          ])
          .go(),
      );
      return codes === undefined;
    },

    async setPreferences(conversationId, userId, preferences) {
      const write = member
        .update({ conversationId, userId })
        .set({ muted: preferences.muted, pinned: preferences.pinned })
        .data(({ lastReadSeq }, { ifNotExists }) => ifNotExists(lastReadSeq, 0));
      await (preferences.archivedAt
        ? write.set({ archivedAt: preferences.archivedAt })
        : write.remove(['archivedAt'])
      ).go({ response: 'none' });
    },

    async pinned(userId) {
      const { data } = await member.query
        .inbox({ inboxUserId: userId })
        .where(({ pinned }, { eq }) => eq(pinned, true))
        .go({ pages: 'all', attributes: ['conversationId'] });
      return data.map((m) => m.conversationId);
    },

    async inbox(userId, page) {
      if (page.cursor) checkInboxCursor(member, userId, page.cursor);
      try {
        const { data, cursor } = await member.query
          .inbox({ inboxUserId: userId })
          .go({ order: 'desc', limit: page.limit, ...(page.cursor ? { cursor: page.cursor } : {}) });
        return { items: data.map(toMember), ...(cursor ? { cursor } : {}) };
      } catch (err) {
        // DynamoDB's word on a start key that passed the checks above but is still not a key of this query
        const names = [(err as Error).name, ((err as Error).cause as Error | undefined)?.name];
        if (page.cursor && names.includes('ValidationException')) {
          throw new InvalidCursor('The cursor is not one this API gave out.');
        }
        throw err;
      }
    },
  };
}
