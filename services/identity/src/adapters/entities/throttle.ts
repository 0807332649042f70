// biome-ignore-all lint/suspicious/noTemplateCurlyInString: electrodb key templates are plain strings with ${attribute} placeholders
import { Entity } from 'electrodb';

/** One throttling counter (failed sign-ins of an account, an address or both; a user's searches) in one window. */
export const ThrottleEntity = new Entity({
  model: { entity: 'throttle', version: '1', service: 'identity' },
  attributes: {
    key: { type: 'string', required: true },
    windowStart: { type: 'number', required: true },
    /** the count (named for what it first counted: failed sign-ins) */
    failures: { type: 'number' },
    /** epoch seconds of the latest count: growing sign-in delays run from it */
    lastAt: { type: 'number' },
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
