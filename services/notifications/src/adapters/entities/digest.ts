import { Entity } from 'electrodb';

/** Messages waiting for one user's SMS digest. */
export const DigestEntity = new Entity({
  model: { entity: 'digest', version: '1', service: 'notifications' },
  attributes: {
    userId: { type: 'string', required: true },
    dueAt: { type: 'string', required: true },
    firstAt: { type: 'string', required: true },
    messageCount: { type: 'number', required: true },
    conversationIds: { type: 'set', items: 'string', required: true },
    attempts: { type: 'number', required: true },
  },
  indexes: {
    // one user's pending digest
    byUser: {
      pk: { field: 'pk', composite: ['userId'], casing: 'none' },
      sk: { field: 'sk', composite: [], casing: 'none' },
    },
    // every pending digest by due time (one partition: a digest per offline opted-in user at most)
    due: {
      index: 'gsi1',
      pk: { field: 'gsi1pk', composite: [], casing: 'none' },
      sk: { field: 'gsi1sk', composite: ['dueAt', 'userId'], casing: 'none' },
    },
  },
});
