import { Entity } from 'electrodb';

/**
 * One person's phone-call usage on one UTC day (`YYYY-MM-DD`), for the toll-fraud guard's daily caps:
 * billed seconds and spend in USD, both added atomically when a call ends. Expires a few days on.
 */
export const PstnDayEntity = new Entity({
  model: { entity: 'pstnDay', version: '1', service: 'calling' },
  attributes: {
    userId: { type: 'string', required: true },
    day: { type: 'string', required: true },
    seconds: { type: 'number' },
    spend: { type: 'number' },
    expiresAt: { type: 'number' },
  },
  indexes: {
    byUserDay: {
      pk: { field: 'pk', composite: ['userId'], casing: 'none' },
      sk: { field: 'sk', composite: ['day'], casing: 'none' },
    },
  },
});
