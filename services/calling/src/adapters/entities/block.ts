import { Entity } from 'electrodb';

/** `ownerId` blocks `blockedId` (identity.UserBlocked), or did (`active: false` keeps the version for ordering). */
export const BlockEntity = new Entity({
  model: { entity: 'block', version: '1', service: 'calling' },
  attributes: {
    ownerId: { type: 'string', required: true },
    blockedId: { type: 'string', required: true },
    active: { type: 'boolean', required: true },
    version: { type: 'string', required: true },
  },
  indexes: {
    byPair: {
      pk: { field: 'pk', composite: ['ownerId'], casing: 'none' },
      sk: { field: 'sk', composite: ['blockedId'], casing: 'none' },
    },
  },
});
