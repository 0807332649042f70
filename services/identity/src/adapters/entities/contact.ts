// biome-ignore-all lint/suspicious/noTemplateCurlyInString: electrodb key templates are plain strings with ${attribute} placeholders
import { Entity } from 'electrodb';

/** A user's contact. */
export const ContactEntity = new Entity({
  model: { entity: 'contact', version: '1', service: 'identity' },
  attributes: {
    userId: { type: 'string', required: true },
    contactId: { type: 'string', required: true },
    addedAt: { type: 'string', required: true },
  },
  indexes: {
    // my contacts
    byOwner: {
      pk: { field: 'pk', composite: ['userId'], template: 'user#${userId}', casing: 'none' },
      sk: { field: 'sk', composite: ['contactId'], template: 'contact#${contactId}', casing: 'none' },
    },
  },
});
