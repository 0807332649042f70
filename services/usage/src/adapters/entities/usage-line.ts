import { Entity } from 'electrodb';

/**
 * One line of the ledger: one `UsageRecorded`, keyed by its event id (ADR 0021). Read per person and
 * month (`byUserMonth`) and per month for the whole organisation, in time order (`byMonth`, gsi1).
 */
export const UsageLineEntity = new Entity({
  model: { entity: 'usageLine', version: '1', service: 'usage' },
  attributes: {
    eventId: { type: 'string', required: true },
    source: { type: 'string', required: true },
    usageId: { type: 'string', required: true },
    userId: { type: 'string', required: true },
    month: { type: 'string', required: true },
    day: { type: 'string', required: true },
    at: { type: 'string', required: true },
    feature: { type: 'string', required: true },
    quantity: { type: 'number', required: true },
    unit: { type: 'string', required: true },
    unitPrice: { type: 'number', required: true },
    amountMicros: { type: 'number', required: true },
    country: { type: 'string' },
    direction: { type: ['outbound', 'inbound'] as const },
    ref: { type: 'string' },
  },
  indexes: {
    byUserMonth: {
      pk: { field: 'pk', composite: ['userId', 'month'], casing: 'none' },
      sk: { field: 'sk', composite: ['at', 'eventId'], casing: 'none' },
    },
    byMonth: {
      index: 'gsi1',
      pk: { field: 'gsi1pk', composite: ['month'], casing: 'none' },
      sk: { field: 'gsi1sk', composite: ['at', 'eventId'], casing: 'none' },
    },
  },
});
