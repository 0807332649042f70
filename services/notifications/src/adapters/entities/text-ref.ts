import { Entity } from 'electrodb';

/**
 * What Parley called a text it sent in a conversation (`ref`, from messaging.TextRequested), by the
 * provider's message id: a status webhook that does not carry the ref (SNS / End User Messaging SMS,
 * WhatsApp) gets it back from here. Kept 7 days (`expiresAt`): statuses come within minutes.
 */
export const TextRefEntity = new Entity({
  model: { entity: 'textRef', version: '1', service: 'notifications' },
  attributes: {
    providerMessageId: { type: 'string', required: true },
    ref: { type: 'string', required: true },
    expiresAt: { type: 'number', required: true },
  },
  indexes: {
    byProviderMessage: {
      pk: { field: 'pk', composite: ['providerMessageId'], casing: 'none' },
      sk: { field: 'sk', composite: [], casing: 'none' },
    },
  },
});
