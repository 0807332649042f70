import { Entity } from 'electrodb';

/** A number of the inventory. All numbers share one partition: the inventory is small and read whole. */
export const PhoneNumberEntity = new Entity({
  model: { entity: 'phoneNumber', version: '1', service: 'numbers' },
  attributes: {
    e164: { type: 'string', required: true },
    country: { type: ['CH', 'PA', 'SG', 'US'] as const, required: true },
    type: { type: ['local', 'toll-free'] as const, required: true },
    carrier: { type: ['chime', 'sip-trunk'] as const, required: true },
    carrierName: { type: 'string' },
    state: { type: ['available', 'ordered', 'assigned', 'released'] as const, required: true },
    assignedTo: {
      type: 'map',
      properties: { userId: { type: 'string', required: true }, displayName: { type: 'string', required: true } },
    },
    orderId: { type: 'string' },
    createdAt: { type: 'string', required: true },
    assignedAt: { type: 'string' },
    sipRuleId: { type: 'string' },
    voiceConnectorHost: { type: 'string' },
  },
  indexes: {
    // the whole inventory in one query, each number by its E.164
    inventory: {
      pk: { field: 'pk', composite: [], casing: 'none' },
      sk: { field: 'sk', composite: ['e164'], casing: 'none' },
    },
  },
});
