import { Entity } from 'electrodb';

/** People in a ringing or active call (who may signal each other); `endedAt` once it ended. Kept a day. */
export const CallParticipantsEntity = new Entity({
  model: { entity: 'callParticipants', version: '1', service: 'notifications' },
  attributes: {
    callId: { type: 'string', required: true },
    userIds: { type: 'set', items: 'string' },
    expiresAt: { type: 'number' },
    endedAt: { type: 'string' },
  },
  indexes: {
    // one call's participants
    byCall: {
      pk: { field: 'pk', composite: ['callId'], casing: 'none' },
      sk: { field: 'sk', composite: [], casing: 'none' },
    },
  },
});
