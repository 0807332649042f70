import { Entity } from 'electrodb';

/** People seen in a call's events (who may signal each other). Kept a day. */
export const CallParticipantsEntity = new Entity({
  model: { entity: 'callParticipants', version: '1', service: 'notifications' },
  attributes: {
    callId: { type: 'string', required: true },
    userIds: { type: 'set', items: 'string' },
    expiresAt: { type: 'number' },
  },
  indexes: {
    // one call's participants
    byCall: {
      pk: { field: 'pk', composite: ['callId'], casing: 'none' },
      sk: { field: 'sk', composite: [], casing: 'none' },
    },
  },
});
