// biome-ignore-all lint/suspicious/noTemplateCurlyInString: electrodb key templates are plain strings with ${attribute} placeholders
import { Entity } from 'electrodb';

/** A named marker, e.g. `first-user`, claimed once. */
export const MarkerEntity = new Entity({
  model: { entity: 'marker', version: '1', service: 'identity' },
  attributes: {
    name: { type: 'string', required: true },
    userId: { type: 'string', required: true },
    at: { type: 'string', required: true },
  },
  indexes: {
    byName: {
      pk: { field: 'pk', composite: ['name'], template: 'marker#${name}', casing: 'none' },
      sk: { field: 'sk', composite: [], template: 'marker', casing: 'none' },
    },
  },
});
