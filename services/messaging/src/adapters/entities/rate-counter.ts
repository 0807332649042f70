// biome-ignore-all lint/suspicious/noTemplateCurlyInString: electrodb key templates are plain strings with ${attribute} placeholders
import { Entity } from 'electrodb';

/** One user's count of one costly act (sends, attachment slots) in one fixed window; removed by TTL. */
export const RateCounterEntity = new Entity({
  model: { entity: 'rateCounter', version: '1', service: 'messaging' },
  attributes: {
    key: { type: 'string', required: true },
    windowStart: { type: 'number', required: true },
    count: { type: 'number' },
    ttl: { type: 'number', field: 'expiresAt' },
  },
  indexes: {
    byKey: {
      pk: { field: 'pk', composite: ['key', 'windowStart'], template: 'limit#${key}#${windowStart}', casing: 'none' },
      sk: { field: 'sk', composite: [], template: 'limit', casing: 'none' },
    },
  },
});
