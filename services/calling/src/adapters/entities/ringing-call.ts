import { Entity } from 'electrodb';

/**
 * The ring index: one entry per call that may still be ringing, ordered by when it stops, for the
 * sweep that expires calls whose ring timer was lost. One partition: at most a few hundred calls
 * ring at once, and entries are removed as soon as a call stops ringing.
 */
export const RingingCallEntity = new Entity({
  model: { entity: 'ringingCall', version: '1', service: 'calling' },
  attributes: {
    /** always `all`: the index's single partition */
    shard: { type: 'string', required: true, default: 'all' },
    ringUntil: { type: 'string', required: true },
    callId: { type: 'string', required: true },
    expiresAt: { type: 'number' },
  },
  indexes: {
    byDue: {
      pk: { field: 'pk', composite: ['shard'], casing: 'none' },
      sk: { field: 'sk', composite: ['ringUntil', 'callId'], casing: 'none' },
    },
  },
});
