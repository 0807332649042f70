import { Entity } from 'electrodb';

/**
 * Messaging's copy of who owns a Parley number (numbers.NumberAssigned / NumberReleased), for text
 * conversations: an inbound text goes to the owner of the number it was sent to. A released number
 * keeps its row without `userId`, so a late, older assignment cannot bring it back: `changedAt` (the
 * event's occurredAt) only moves forward. `ownerKey` (`user#<id>`, or `released#<e164>`) feeds `gsi1`:
 * a user's numbers in one Query.
 */
export const NumberOwnerEntity = new Entity({
  model: { entity: 'numberOwner', version: '1', service: 'messaging' },
  attributes: {
    e164: { type: 'string', required: true },
    userId: { type: 'string' },
    ownerKey: { type: 'string', required: true },
    changedAt: { type: 'string', required: true },
  },
  indexes: {
    byNumber: {
      pk: { field: 'pk', composite: ['e164'], casing: 'none' },
      sk: { field: 'sk', composite: [], casing: 'none' },
    },
    byOwner: {
      index: 'gsi1',
      pk: { field: 'gsi1pk', composite: ['ownerKey'], casing: 'none' },
      sk: { field: 'gsi1sk', composite: ['e164'], casing: 'none' },
    },
  },
});
