import { Entity } from 'electrodb';

/**
 * What messaging knows of how two people relate, from identity's events: `ownerId` has `otherId` as a
 * contact, or blocked them (`active: false` keeps the version for ordering out-of-order events).
 */
export const RelationEntity = new Entity({
  model: { entity: 'relation', version: '1', service: 'messaging' },
  attributes: {
    ownerId: { type: 'string', required: true },
    kind: { type: ['contact', 'block'] as const, required: true },
    otherId: { type: 'string', required: true },
    active: { type: 'boolean', required: true },
    version: { type: 'string', required: true },
  },
  indexes: {
    byOwner: {
      pk: { field: 'pk', composite: ['ownerId'], casing: 'none' },
      sk: { field: 'sk', composite: ['kind', 'otherId'], casing: 'none' },
    },
  },
});
