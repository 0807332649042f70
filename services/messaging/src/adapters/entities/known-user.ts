import { Entity } from 'electrodb';

/**
 * Who exists, as messaging learned it from identity.UserRegistered: a conversation's members
 * must be people, not ids made up in a request. Only the id and when identity registered it.
 */
export const KnownUserEntity = new Entity({
  model: { entity: 'knownUser', version: '1', service: 'messaging' },
  attributes: {
    userId: { type: 'string', required: true },
    registeredAt: { type: 'string', required: true },
  },
  indexes: {
    byId: {
      pk: { field: 'pk', composite: ['userId'], casing: 'none' },
      sk: { field: 'sk', composite: [], casing: 'none' },
    },
  },
});
