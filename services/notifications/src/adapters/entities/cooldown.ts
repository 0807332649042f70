import { Entity } from 'electrodb';

/** A running cooldown (one `typing` fan-out per user and conversation): `until` epoch ms; TTL after it. */
export const CooldownEntity = new Entity({
  model: { entity: 'cooldown', version: '1', service: 'notifications' },
  attributes: {
    name: { type: 'string', required: true },
    until: { type: 'number', required: true },
    expiresAt: { type: 'number' },
  },
  indexes: {
    // one cooldown
    byName: {
      pk: { field: 'pk', composite: ['name'], casing: 'none' },
      sk: { field: 'sk', composite: [], casing: 'none' },
    },
  },
});
