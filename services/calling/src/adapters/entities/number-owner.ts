import { Entity } from 'electrodb';

/**
 * Calling's copy of who a phone number rings (numbers.NumberAssigned / NumberReleased). A released
 * number keeps its row without `userId`, so a late, older assignment cannot bring it back:
 * `changedAt` (the event's occurredAt) only moves forward.
 */
export const NumberOwnerEntity = new Entity({
  model: { entity: 'numberOwner', version: '1', service: 'calling' },
  attributes: {
    e164: { type: 'string', required: true },
    userId: { type: 'string' },
    country: { type: 'string' },
    carrier: { type: 'string' },
    changedAt: { type: 'string', required: true },
  },
  indexes: {
    byNumber: {
      pk: { field: 'pk', composite: ['e164'], casing: 'none' },
      sk: { field: 'sk', composite: [], casing: 'none' },
    },
  },
});
