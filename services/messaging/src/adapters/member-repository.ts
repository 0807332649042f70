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

    async inbox(userId, page) {
      try {
        const { data, cursor } = await member.query
          .inbox({ inboxUserId: userId })
          .go({ order: 'desc', limit: page.limit, ...(page.cursor ? { cursor: page.cursor } : {}) });
        return { items: data.map(toMember), ...(cursor ? { cursor } : {}) };
      } catch (err) {
        if ((err as { code?: number }).code !== undefined && /cursor/i.test((err as Error).message)) {
          throw new InvalidCursor('The cursor is not one this API gave out.');
        }
        throw err;
      }
    },
  };
}
