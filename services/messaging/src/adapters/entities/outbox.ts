import { Entity } from 'electrodb';

/** Outbox partitions in gsi1, so that no single index partition takes every write. */
export const OUTBOX_SHARDS = 8;

/**
 * An event written in the same transaction as its state change and deleted once published
 * (ADR 0007). `gsi1` holds entries by shard and time for the drain.
 */
export const OutboxEntity = new Entity({
  model: { entity: 'outbox', version: '1', service: 'messaging' },
  attributes: {
    eventId: { type: 'string', required: true },
    shard: { type: 'number', required: true },
    detailType: { type: 'string', required: true },
    /** JSON of `{ data, audience }` */
    payload: { type: 'string', required: true },
    occurredAt: { type: 'string', required: true },
    correlationId: { type: 'string', required: true },
    causationId: { type: 'string' },
  },
  indexes: {
    // one entry by event id
    byId: {
      pk: { field: 'pk', composite: ['eventId'], casing: 'none' },
      sk: { field: 'sk', composite: [], casing: 'none' },
    },
    // entries of one shard, oldest first
    pending: {
      index: 'gsi1',
      pk: { field: 'gsi1pk', composite: ['shard'], casing: 'none' },
      sk: { field: 'gsi1sk', composite: ['occurredAt', 'eventId'], casing: 'none' },
    },
  },
});
