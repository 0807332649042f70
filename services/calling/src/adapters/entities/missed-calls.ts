import { Entity } from 'electrodb';

/** Per person: missed calls not seen yet (a counter: the log need not be read to badge it) and when they last looked. */
export const MissedCallsEntity = new Entity({
  model: { entity: 'missedCalls', version: '1', service: 'calling' },
  attributes: {
    userId: { type: 'string', required: true },
    unseen: { type: 'number', required: true, default: 0 },
    seenAt: { type: 'string' },
  },
  indexes: {
    byUser: {
      pk: { field: 'pk', composite: ['userId'], casing: 'none' },
      sk: { field: 'sk', composite: [], casing: 'none' },
    },
  },
});
