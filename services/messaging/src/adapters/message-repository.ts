import type { EntityItem } from 'electrodb';
import type { Message } from '../domain/model.ts';
import type { MessageRepository } from '../domain/ports.ts';
import { toConversation } from './conversation-repository.ts';
import type { ConversationEntity } from './entities/conversation.ts';
import type { MessageEntity } from './entities/message.ts';
import { outboxPuts } from './outbox.ts';
import type { MessagingDb } from './table.ts';
import { transact, transactWithReasons } from './transactions.ts';

type Item = EntityItem<typeof MessageEntity>;
type ConversationItem = EntityItem<typeof ConversationEntity>;

/** Highest seq a 12-digit key holds. */
const MAX_SEQ = 999_999_999_999;

/** A stored message item as the domain's Message (a deleted one has `text: null`). */
export function toMessage(item: Item): Message {
  return {
    id: item.messageId,
    conversationId: item.conversationId,
    seq: item.seq,
    senderId: item.senderId,
    clientMessageId: item.clientMessageId,
    text: item.deletedAt ? null : (item.text ?? ''),
    attachments: item.attachments,
    ...(item.replyTo ? { replyTo: item.replyTo } : {}),
    reactions: item.reactions,
    sentAt: item.sentAt,
    ...(item.editedAt ? { editedAt: item.editedAt } : {}),
    ...(item.deletedAt ? { deletedAt: item.deletedAt } : {}),
    version: item.version,
    ...(item.delivery ? { delivery: item.delivery } : {}),
  };
}

function toItem(message: Message): Item {
  return {
    conversationId: message.conversationId,
    seq: message.seq,
    messageId: message.id,
    senderId: message.senderId,
    clientMessageId: message.clientMessageId,
    ...(message.text ? { text: message.text } : {}),
    attachments: message.attachments,
    ...(message.replyTo ? { replyTo: message.replyTo } : {}),
    reactions: message.reactions,
    sentAt: message.sentAt,
    ...(message.editedAt ? { editedAt: message.editedAt } : {}),
    ...(message.deletedAt ? { deletedAt: message.deletedAt } : {}),
    version: message.version,
    ...(message.delivery ? { delivery: message.delivery } : {}),
  };
}

export function electroMessageRepository(db: MessagingDb): MessageRepository {
  const { message: messages, clientMessage } = db.entities;
  return {
    async get(conversationId, seq) {
      const { data } = await messages.get({ conversationId, seq }).go({ consistent: true });
      return data ? toMessage(data) : undefined;
    },

    async findByClientMessageId(conversationId, senderId, clientMessageId) {
      const { data } = await clientMessage.get({ conversationId, senderId, clientMessageId }).go({ consistent: true });
      if (!data) return undefined;
      const found = await messages.get({ conversationId, seq: data.seq }).go({ consistent: true });
      return found.data ? toMessage(found.data) : undefined;
    },

    async append({ message, expectedSeq, lastMessage, lastInboundAt, events, counter, otherId, memberId }) {
      const holder = memberId ?? message.senderId;
      const refused = await transactWithReasons(() =>
        db.transaction
          .write(({ conversation, message: m, clientMessage: claim, outbox, rateCounter, relation }) => [
            // 0: the seq counter and the list preview, while the member is one and nobody sent meanwhile
            conversation
              .patch({ conversationId: message.conversationId })
              .set({
                seqAllocated: message.seq,
                lastMessage,
                lastMessageSeq: lastMessage.seq,
                lastActivityAt: lastMessage.sentAt,
                ...(lastInboundAt ? { lastInboundAt } : {}),
              })
              .where(
                ({ seqAllocated, memberIds }, { eq, contains }) =>
                  `${eq(seqAllocated, expectedSeq)} AND ${contains(memberIds, holder)}`,
              )
              // refused: the conversation as it is now comes back with the refusal (no second read)
              .commit({ response: 'all_old' }),
            // 1: the message, 2: its clientMessageId claim
            m.create(toItem(message)).commit(),
            claim
              .create({
                conversationId: message.conversationId,
                senderId: message.senderId,
                clientMessageId: message.clientMessageId,
                seq: message.seq,
                messageId: message.id,
              })
              .commit(),
            // 3: the sender's send counter (as `electroRateLimiter.take`), when there is one
            ...(counter
              ? [
                  rateCounter
                    .update({ key: counter.key, windowStart: counter.windowStart })
                    .add({ count: 1 })
                    .set({ ttl: counter.expiresAt })
                    .where((attr, op) => `${op.notExists(attr.count)} OR ${op.lt(attr.count, counter.limit)}`)
                    .commit(),
                ]
              : []),
            // then, in a direct conversation, neither has blocked the other
            ...(otherId
              ? [
                  { ownerId: otherId, otherId: message.senderId },
                  { ownerId: message.senderId, otherId },
                ].map((key) =>
                  relation
                    .check({ ...key, kind: 'block' })
                    .where(({ active }, { notExists, eq }) => `${notExists(active)} OR ${eq(active, false)}`)
                    .commit(),
                )
              : []),
            ...outboxPuts(outbox, events),
          ])
          .go(),
      );
      if (!refused) return { outcome: 'created' };
      const { codes, items } = refused;
      const failed = (i: number) => codes[i] === 'ConditionalCheckFailed';
      if (failed(2)) return { outcome: 'duplicate' };
      if (failed(0)) {
        const now = items[0] as ConversationItem | undefined;
        return { outcome: 'stale', ...(now ? { conversation: toConversation(now) } : {}) };
      }
      const blocks = counter ? 4 : 3;
      if (counter && failed(3)) return { outcome: 'rate-limited' };
      if (otherId && (failed(blocks) || failed(blocks + 1))) return { outcome: 'blocked' };
      throw new Error(`message append cancelled: ${codes.join(', ')}`);
    },

    async setDelivery(key, change, events) {
      const codes = await transact(() =>
        db.transaction
          .write(({ message: m, outbox }) => [
            m
              .patch(key)
              .set({ delivery: change.delivery })
              .add({ version: 1 })
              .where(({ delivery }, { notExists, eq }) =>
                change.expected === undefined ? notExists(delivery) : eq(delivery.status, change.expected),
              )
              .commit(),
            ...outboxPuts(outbox, events),
          ])
          .go(),
      );
      return codes === undefined;
    },

    async replace(message, expectedVersion, events) {
      const codes = await transact(() =>
        db.transaction
          .write(({ message: m, outbox }) => [
            m
              .put(toItem(message))
              .where(({ version }, { eq }) => eq(version, expectedVersion))
              .commit(),
            ...outboxPuts(outbox, events),
          ])
          .go(),
      );
      return codes === undefined;
    },

    async range(conversationId, query) {
      const low = (query.afterSeq ?? 0) + 1;
      const high = Math.min((query.beforeSeq ?? MAX_SEQ + 1) - 1, MAX_SEQ);
      if (low > high) return [];
      const { data } = await messages.query
        .byConversation({ conversationId })
        .between({ seq: low }, { seq: high })
        .go({ order: query.newestFirst ? 'desc' : 'asc', limit: query.limit });
      return data.map(toMessage);
    },

    async countUnread(conversationId, readerId, afterSeq, uptoSeq, cap) {
      // Reads at most `cap` messages (filters apply after the limit): exact up to the cap.
      const { data } = await messages.query
        .byConversation({ conversationId })
        .between({ seq: afterSeq + 1 }, { seq: uptoSeq })
        .where(({ senderId, deletedAt }, { ne, notExists }) => `${ne(senderId, readerId)} AND ${notExists(deletedAt)}`)
        .go({ limit: cap, attributes: ['seq'] });
      return data.length;
    },
  };
}
