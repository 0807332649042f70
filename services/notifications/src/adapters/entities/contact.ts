import { Entity } from 'electrodb';

/** `ownerId` has `contactId` as a contact (or had: `active: false` keeps the version for ordering). */
export const ContactEntity = new Entity({
  model: { entity: 'contact', version: '1', service: 'notifications' },
  attributes: {
    ownerId: { type: 'string', required: true },
    contactId: { type: 'string', required: true },
    active: { type: 'boolean', required: true },
    version: { type: 'string', required: true },
  },
  indexes: {
    // an owner's contacts
    byOwner: {
      pk: { field: 'pk', composite: ['ownerId'], casing: 'none' },
      sk: { field: 'sk', composite: ['contactId'], casing: 'none' },
    },
    // who has this user as a contact (presence audience)
    byContact: {
      index: 'gsi1',
      pk: { field: 'gsi1pk', composite: ['contactId'], casing: 'none' },
      sk: { field: 'gsi1sk', composite: ['ownerId'], casing: 'none' },
    },
  },
});
