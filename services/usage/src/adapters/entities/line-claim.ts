import { Entity } from 'electrodb';

/**
 * That the ledger holds the line of one event id: the conditional put the line's write is made in the
 * same transaction with, so a redelivered event (however late, whatever its `at`) adds nothing.
 */
export const LineClaimEntity = new Entity({
  model: { entity: 'lineClaim', version: '1', service: 'usage' },
  attributes: {
    eventId: { type: 'string', required: true },
    userId: { type: 'string', required: true },
    month: { type: 'string', required: true },
  },
  indexes: {
    byEvent: {
      pk: { field: 'pk', composite: ['eventId'], casing: 'none' },
      sk: { field: 'sk', composite: [], casing: 'none' },
    },
  },
});
