import { Entity } from 'electrodb';

/** That one month of one number was recorded (numbers.UsageRecorded published): the monthly run's ledger. */
export const UsageRecordEntity = new Entity({
  model: { entity: 'usageRecord', version: '1', service: 'numbers' },
  attributes: {
    e164: { type: 'string', required: true },
    period: { type: 'string', required: true },
    recordedAt: { type: 'string', required: true },
  },
  indexes: {
    byNumber: {
      pk: { field: 'pk', composite: ['e164'], casing: 'none' },
      sk: { field: 'sk', composite: ['period'], casing: 'none' },
    },
  },
});
