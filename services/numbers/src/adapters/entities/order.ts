import { Entity } from 'electrodb';

/** A Chime SDK Voice phone number order (its id is Chime's PhoneNumberOrderId). One partition for all orders. */
export const OrderEntity = new Entity({
  model: { entity: 'order', version: '1', service: 'numbers' },
  attributes: {
    id: { type: 'string', required: true },
    status: { type: ['processing', 'pending-documents', 'successful', 'failed', 'partial'] as const, required: true },
    numbers: {
      type: 'list',
      required: true,
      items: {
        type: 'map',
        properties: {
          e164: { type: 'string', required: true },
          status: { type: ['processing', 'pending-documents', 'acquired', 'failed'] as const, required: true },
        },
      },
    },
    carrier: { type: ['chime'] as const, required: true },
    createdAt: { type: 'string', required: true },
    updatedAt: { type: 'string', required: true },
  },
  indexes: {
    orders: {
      pk: { field: 'pk', composite: [], casing: 'none' },
      sk: { field: 'sk', composite: ['id'], casing: 'none' },
    },
  },
});
