import { Entity } from 'electrodb';

/** Fixed-window counter (signal rate, SMS daily cap), expiring after its window. */
export const CounterEntity = new Entity({
  model: { entity: 'counter', version: '1', service: 'notifications' },
  attributes: {
    name: { type: 'string', required: true },
    window: { type: 'number', required: true },
    count: { type: 'number' },
    expiresAt: { type: 'number' },
  },
  indexes: {
    // one counter window
    byWindow: {
      pk: { field: 'pk', composite: ['name'], casing: 'none' },
      sk: { field: 'sk', composite: ['window'], casing: 'none' },
    },
  },
});
