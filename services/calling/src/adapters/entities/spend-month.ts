import { Entity } from 'electrodb';

/**
 * One person's spend this month as the usage ledger last told it (`usage.SpendChanged`, ADR 0021):
 * the toll-fraud guard's monthly cap. Only a larger total replaces a stored one (events may arrive
 * out of order; a month's total only grows). Expires a while after the month ends.
 */
export const SpendMonthEntity = new Entity({
  model: { entity: 'spendMonth', version: '1', service: 'calling' },
  attributes: {
    userId: { type: 'string', required: true },
    month: { type: 'string', required: true },
    amountMicros: { type: 'number', required: true },
    capMicros: { type: 'number', required: true },
    changedAt: { type: 'string', required: true },
    expiresAt: { type: 'number' },
  },
  indexes: {
    byUserMonth: {
      pk: { field: 'pk', composite: ['userId'], casing: 'none' },
      sk: { field: 'sk', composite: ['month'], casing: 'none' },
    },
  },
});
