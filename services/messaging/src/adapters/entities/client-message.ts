import { Entity } from 'electrodb';

/**
 * The claim a sender's `clientMessageId` holds on a seq in one conversation. Written in the same
 * transaction as the message, with attribute_not_exists: a second send with the same id, even a
 * concurrent one, finds the claim and answers with the original message.
 */
export const ClientMessageEntity = new Entity({
  model: { entity: 'clientMessage', version: '1', service: 'messaging' },
  attributes: {
    conversationId: { type: 'string', required: true },
    senderId: { type: 'string', required: true },
    clientMessageId: { type: 'string', required: true },
    seq: { type: 'number', required: true },
    messageId: { type: 'string', required: true },
  },
  indexes: {
    // one claim by conversation, sender and client id
    byClaim: {
      pk: { field: 'pk', composite: ['conversationId'], casing: 'none' },
      sk: { field: 'sk', composite: ['senderId', 'clientMessageId'], casing: 'none' },
    },
  },
});
