// biome-ignore-all lint/suspicious/noTemplateCurlyInString: electrodb key templates are plain strings with ${attribute} placeholders
import { Entity } from 'electrodb';

/** The unique email → user index; created with the user in one transaction. */
export const EmailEntity = new Entity({
  model: { entity: 'email', version: '1', service: 'identity' },
  attributes: {
    email: { type: 'string', required: true },
    userId: { type: 'string', required: true },
  },
  indexes: {
    // one claim per email
    byEmail: {
      pk: { field: 'pk', composite: ['email'], template: 'email#${email}', casing: 'none' },
      sk: { field: 'sk', composite: [], template: 'email', casing: 'none' },
    },
  },
});
