import type { EntityItem } from 'electrodb';
import type { Message } from '../domain/model.ts';
import type { MessageRepository } from '../domain/ports.ts';
import type { MessageEntity } from './entities/message.ts';
import { outboxPuts } from './outbox.ts';
import type { MessagingDb } from './table.ts';
import { transact } from './transactions.ts';

type Item = EntityItem<typeof MessageEntity>;

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

    async create(message, events) {
      const codes = await transact(() =>
        db.transaction
          .write(({ message: m, clientMessage: claim, outbox }) => [
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
            ...outboxPuts(outbox, events),
          ])
          .go(),
      );
      if (!codes) return 'created';
      if (codes[1] === 'ConditionalCheckFailed') return 'duplicate';
      throw new Error(`message create cancelled: ${codes.join(', ')}`);
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

    async countUnread(conversationId, readerId, afterSeq, cap) {
      // Reads at most `cap` messages (filters apply after the limit): exact up to the cap.
      const { data } = await messages.query
        .byConversation({ conversationId })
        .gt({ seq: afterSeq })
        .where(({ senderId, deletedAt }, { ne, notExists }) => `${ne(senderId, readerId)} AND ${notExists(deletedAt)}`)
        .go({ limit: cap, attributes: ['seq'] });
      return data.length;
    },
  };
}
