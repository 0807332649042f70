import { Entity } from 'electrodb';

/** Calling's copy of a person (identity.UserRegistered, identity.ProfileUpdated): who can be called, their name, time zone and locale. */
export const DirectoryUserEntity = new Entity({
  model: { entity: 'directoryUser', version: '1', service: 'calling' },
  attributes: {
    userId: { type: 'string', required: true },
    displayName: { type: 'string', required: true },
    timeZone: { type: 'string' },
    locale: { type: 'string' },
    /** the person's verified mobile number ('' when they have none) */
    mobileNumber: { type: 'string' },
  },
  indexes: {
    byId: {
      pk: { field: 'pk', composite: ['userId'], casing: 'none' },
      sk: { field: 'sk', composite: [], casing: 'none' },
    },
  },
});
