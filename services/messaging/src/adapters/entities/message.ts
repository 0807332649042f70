import { Entity } from 'electrodb';

const attachment = {
  type: 'map',
  properties: {
    id: { type: 'string', required: true },
    fileName: { type: 'string', required: true },
    contentType: { type: 'string', required: true },
    size: { type: 'number', required: true },
    kind: { type: ['image', 'file'] as const, required: true },
  },
} as const;

/**
 * A message at its seq: sk `$message_1#seq_000000000042`, so history is a key-range query.
 * A deleted message keeps its item (a tombstone without text).
 */
export const MessageEntity = new Entity({
  model: { entity: 'message', version: '1', service: 'messaging' },
  attributes: {
    conversationId: { type: 'string', required: true },
    seq: { type: 'number', required: true, padding: { length: 12, char: '0' } },
    messageId: { type: 'string', required: true },
    senderId: { type: 'string', required: true },
    clientMessageId: { type: 'string', required: true },
    text: { type: 'string' },
    attachments: { type: 'list', items: attachment, required: true },
    replyTo: {
      type: 'map',
      properties: {
        messageId: { type: 'string', required: true },
        seq: { type: 'number', required: true },
        senderId: { type: 'string', required: true },
        preview: { type: 'string', required: true },
      },
    },
    reactions: {
      type: 'list',
      required: true,
      items: {
        type: 'map',
        properties: {
          emoji: { type: 'string', required: true },
          userIds: { type: 'list', items: { type: 'string' }, required: true },
        },
      },
    },
    sentAt: { type: 'string', required: true },
    editedAt: { type: 'string' },
    deletedAt: { type: 'string' },
    version: { type: 'number', required: true },
    /** a text sent in an sms / whatsapp conversation: how far it got (only moves forward) */
    delivery: {
      type: 'map',
      properties: {
        status: { type: ['sent', 'delivered', 'failed'] as const, required: true },
        reason: { type: 'string' },
        at: { type: 'string', required: true },
      },
    },
  },
  indexes: {
    // a conversation's messages in seq order
    byConversation: {
      pk: { field: 'pk', composite: ['conversationId'], casing: 'none' },
      sk: { field: 'sk', composite: ['seq'], casing: 'none' },
    },
  },
});
