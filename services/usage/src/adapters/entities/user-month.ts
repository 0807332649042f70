import { Entity } from 'electrodb';

/** One person's spend in one month, micro-USD: added to in the transaction that writes each line. */
export const UserMonthEntity = new Entity({
  model: { entity: 'userMonth', version: '1', service: 'usage' },
  attributes: {
    userId: { type: 'string', required: true },
    month: { type: 'string', required: true },
    amountMicros: { type: 'number' },
    lines: { type: 'number' },
  },
  indexes: {
    byUserMonth: {
      pk: { field: 'pk', composite: ['userId', 'month'], casing: 'none' },
      sk: { field: 'sk', composite: [], casing: 'none' },
    },
  },
});
