import { Entity } from 'electrodb';

/**
 * One word prefix of one message (ADR 0019): pk `$messaging#prefix_zur`, sk
 * `$searchEntry_1#sentAt_<t>#conversationId_<id>#seq_<000000000042>`, so a prefix's messages are one
 * query, newest first. Only keys: search reads the message itself, which decides.
 */
export const SearchEntryEntity = new Entity({
  model: { entity: 'searchEntry', version: '1', service: 'messaging' },
  attributes: {
    prefix: { type: 'string', required: true },
    sentAt: { type: 'string', required: true },
    conversationId: { type: 'string', required: true },
    seq: { type: 'number', required: true, padding: { length: 12, char: '0' } },
  },
  indexes: {
    // a prefix's messages by time
    byPrefix: {
      pk: { field: 'pk', composite: ['prefix'], casing: 'none' },
      sk: { field: 'sk', composite: ['sentAt', 'conversationId', 'seq'], casing: 'none' },
    },
  },
});
