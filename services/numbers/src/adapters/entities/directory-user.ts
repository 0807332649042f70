import { Entity } from 'electrodb';

/** A copy of the people who can be given numbers, built from identity.UserRegistered. */
export const DirectoryUserEntity = new Entity({
  model: { entity: 'directoryUser', version: '1', service: 'numbers' },
  attributes: {
    userId: { type: 'string', required: true },
    displayName: { type: 'string', required: true },
    registeredAt: { type: 'string', required: true },
  },
  indexes: {
    // one user by id
    byId: {
      pk: { field: 'pk', composite: ['userId'], casing: 'none' },
      sk: { field: 'sk', composite: [], casing: 'none' },
    },
  },
});
