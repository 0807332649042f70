import { Entity } from 'electrodb';

/**
 * A phone number's answer to an opt keyword on one channel (STOP/BAJA/ARRET… → `optedOut: true`,
 * START/UNSTOP/ALTA → false), from an inbound text; `at` orders out-of-order webhooks.
 */
export const TextOptOutEntity = new Entity({
  model: { entity: 'textOptOut', version: '1', service: 'notifications' },
  attributes: {
    phoneNumber: { type: 'string', required: true },
    channel: { type: ['sms', 'whatsapp'] as const, required: true },
    optedOut: { type: 'boolean', required: true },
    keyword: { type: 'string', required: true },
    at: { type: 'string', required: true },
  },
  indexes: {
    byNumber: {
      pk: { field: 'pk', composite: ['phoneNumber'], casing: 'none' },
      sk: { field: 'sk', composite: ['channel'], casing: 'none' },
    },
  },
});
