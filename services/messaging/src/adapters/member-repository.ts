import type { EntityItem } from 'electrodb';
import type { MemberState } from '../domain/model.ts';
import type { MemberRepository } from '../domain/ports.ts';
import type { MemberEntity } from './entities/member.ts';
import { outboxPuts } from './outbox.ts';
import type { MessagingDb } from './table.ts';
import { transact } from './transactions.ts';

type Item = EntityItem<typeof MemberEntity>;

function toMember(item: Item): MemberState {
  return {
    conversationId: item.conversationId,
    userId: item.userId,
    lastReadSeq: item.lastReadSeq ?? 0,
    ...(item.readAt ? { readAt: item.readAt } : {}),
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

export function electroMemberRepository(db: MessagingDb): MemberRepository {
  const { member } = db.entities;
  return {
    async ensure(conversationId, userIds, at) {
      // unconditional: an existing entry keeps its read marker and preferences
      await eachLimited(userIds, 16, async (userId) => {
        await member
          .update({ conversationId, userId })
          .set({ lastActivityAt: at, inboxUserId: userId })
          .data(({ lastReadSeq }, { ifNotExists }) => ifNotExists(lastReadSeq, 0))
          .go({ response: 'none' });
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

    async ofUser(userId) {
      const { data } = await member.query.inbox({ inboxUserId: userId }).go({ pages: 'all' });
      return data.map(toMember);
    },
  };
}
