// biome-ignore-all lint/suspicious/noTemplateCurlyInString: electrodb key templates are plain strings with ${attribute} placeholders
import { Entity } from 'electrodb';

/** Failed sign-ins of one key (account or address) in one window. */
export const ThrottleEntity = new Entity({
  model: { entity: 'throttle', version: '1', service: 'identity' },
  attributes: {
    key: { type: 'string', required: true },
    windowStart: { type: 'number', required: true },
    failures: { type: 'number' },
    ttl: { type: 'number', field: 'expiresAt' },
  },
  indexes: {
    byKey: {
      pk: {
        field: 'pk',
        composite: ['key', 'windowStart'],
        template: 'throttle#${key}#${windowStart}',
        casing: 'none',
      },
      sk: { field: 'sk', composite: [], template: 'throttle', casing: 'none' },
    },
  },
});
