import { Entity } from 'electrodb';

/** The user's mobile number and whether it is verified, from identity.ProfileUpdated, for SMS. */
export const ProfileEntity = new Entity({
  model: { entity: 'profile', version: '1', service: 'notifications' },
  attributes: {
    userId: { type: 'string', required: true },
    mobileNumber: { type: 'string' },
    /** only a verified number receives the user's SMS; absent (items before verification existed) = unverified */
    mobileVerified: { type: 'boolean' },
    version: { type: 'string', required: true },
  },
  indexes: {
    // one user's profile copy
    byUser: {
      pk: { field: 'pk', composite: ['userId'], casing: 'none' },
      sk: { field: 'sk', composite: [], casing: 'none' },
    },
  },
});
