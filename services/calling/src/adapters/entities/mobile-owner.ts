import { Entity } from 'electrodb';

/**
 * Whose verified mobile number this is, from identity.ProfileUpdated: a phone call from it shows
 * that person's name. A number that changed hands is checked against the person's current number.
 */
export const MobileOwnerEntity = new Entity({
  model: { entity: 'mobileOwner', version: '1', service: 'calling' },
  attributes: {
    e164: { type: 'string', required: true },
    userId: { type: 'string', required: true },
  },
  indexes: {
    byNumber: {
      pk: { field: 'pk', composite: ['e164'], casing: 'none' },
      sk: { field: 'sk', composite: [], casing: 'none' },
    },
  },
});
