import { batchGetAll } from '@parley/lambda/batch-get';
import type { EntityItem } from 'electrodb';
import type { Conversation } from '../domain/model.ts';
import type { ConversationRepository } from '../domain/ports.ts';
import type { ConversationEntity } from './entities/conversation.ts';
import { outboxPuts } from './outbox.ts';
import { isConditionFailure, type MessagingDb } from './table.ts';
import { transact } from './transactions.ts';

type Item = EntityItem<typeof ConversationEntity>;

export function toConversation(item: Item): Conversation {
  return {
    id: item.conversationId,
    kind: item.kind,
    ...(item.title ? { title: item.title } : {}),
    createdBy: item.createdBy,
    createdAt: item.createdAt,
    memberIds: item.memberIds,
    adminIds: item.adminIds,
    membersVersion: item.membersVersion,
    seqAllocated: item.seqAllocated,
    ...(item.lastMessage ? { lastMessage: item.lastMessage } : {}),
    lastActivityAt: item.lastActivityAt,
    ...(item.pendingIds?.length ? { pendingIds: item.pendingIds } : {}),
    ...(item.declinedIds?.length ? { declinedIds: item.declinedIds } : {}),
    ...(item.leftIds?.length ? { leftIds: item.leftIds } : {}),
    ...(item.party ? { party: item.party } : {}),
    ...(item.lastInboundAt ? { lastInboundAt: item.lastInboundAt } : {}),
  };
}

/** Ignores a refused condition: the write was not needed (a newer value is already there). */
async function unlessStale(write: Promise<unknown>): Promise<void> {
  try {
    await write;
  } catch (err) {
    if (!isConditionFailure(err)) throw err;
  }
}

export function electroConversationRepository(db: MessagingDb): ConversationRepository {
  const { conversation } = db.entities;
  return {
    async get(conversationId) {
      const { data } = await conversation.get({ conversationId }).go({ consistent: true });
      return data ? toConversation(data) : undefined;
    },

    async getMany(conversationIds) {
      if (conversationIds.length === 0) return [];
      const keys = [...new Set(conversationIds)].map((conversationId) => ({ conversationId }));
      const items = await batchGetAll(keys, (pending) => conversation.get(pending).go(), 'conversations');
      return items.map(toConversation);
    },

    async create(item, events) {
      const codes = await transact(() =>
        db.transaction
          .write(({ conversation: c, outbox }) => [
            c
              .create({
                conversationId: item.id,
                kind: item.kind,
                ...(item.title ? { title: item.title } : {}),
                createdBy: item.createdBy,
                createdAt: item.createdAt,
                memberIds: item.memberIds,
                adminIds: item.adminIds,
                membersVersion: item.membersVersion,
                seqAllocated: item.seqAllocated,
                lastActivityAt: item.lastActivityAt,
                ...(item.pendingIds?.length ? { pendingIds: item.pendingIds } : {}),
                ...(item.party ? { party: item.party } : {}),
              })
              .commit(),
            ...outboxPuts(outbox, events),
          ])
          .go(),
      );
      if (!codes) return 'created';
      if (codes[0] === 'ConditionalCheckFailed') return 'exists';
      throw new Error(`conversation create cancelled: ${codes.join(', ')}`);
    },

    async changeMembers(change, events) {
      const codes = await transact(() =>
        db.transaction
          .write(({ conversation: c, outbox }) => [
            c
              .patch({ conversationId: change.conversationId })
              .set({
                memberIds: change.memberIds,
                adminIds: change.adminIds,
                pendingIds: change.pendingIds,
                declinedIds: change.declinedIds,
                leftIds: change.leftIds,
                membersVersion: change.expectedVersion + 1,
              })
              .where(({ membersVersion }, { eq }) => eq(membersVersion, change.expectedVersion))
              .commit(),
            ...outboxPuts(outbox, events),
          ])
          .go(),
      );
      return codes === undefined;
    },

    async rename(change, events) {
      const codes = await transact(() =>
        db.transaction
          .write(({ conversation: c, outbox }) => [
            c
              .patch({ conversationId: change.conversationId })
              .set({ title: change.title })
              .where(({ memberIds }, { contains }) => contains(memberIds, change.byUserId))
              .commit(),
            ...outboxPuts(outbox, events),
          ])
          .go(),
      );
      return codes === undefined;
    },

    async refreshLastMessage(conversationId, last) {
      await unlessStale(
        conversation
          .patch({ conversationId })
          .set({ lastMessage: last })
          .where(({ lastMessageSeq }, { eq }) => eq(lastMessageSeq, last.seq))
          .go({ response: 'none' }),
      );
    },
  };
}
