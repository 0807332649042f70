import { Entity } from 'electrodb';

/** `ownerId` blocks `blockedId` (or did: `active: false` keeps the version for ordering). */
export const BlockEntity = new Entity({
  model: { entity: 'block', version: '1', service: 'notifications' },
  attributes: {
    ownerId: { type: 'string', required: true },
    blockedId: { type: 'string', required: true },
    active: { type: 'boolean', required: true },
    version: { type: 'string', required: true },
  },
  indexes: {
    // the people an owner blocked
    byOwner: {
      pk: { field: 'pk', composite: ['ownerId'], casing: 'none' },
      sk: { field: 'sk', composite: ['blockedId'], casing: 'none' },
    },
    // who blocked this user
    byBlocked: {
      index: 'gsi1',
      pk: { field: 'gsi1pk', composite: ['blockedId'], casing: 'none' },
      sk: { field: 'gsi1sk', composite: ['ownerId'], casing: 'none' },
    },
  },
});
