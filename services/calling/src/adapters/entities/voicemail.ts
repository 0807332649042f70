import { Entity } from 'electrodb';

/**
 * A voicemail: who left it, for whom, where its recording is. Item: pk `$calling#voicemailid_<id>`;
 * gsi1 lists an owner's voicemails newest first.
 */
export const VoicemailEntity = new Entity({
  model: { entity: 'voicemail', version: '1', service: 'calling' },
  attributes: {
    voicemailId: { type: 'string', required: true },
    ownerId: { type: 'string', required: true },
    callId: { type: 'string', required: true },
    from: { type: 'string', required: true },
    callerName: { type: 'string', required: true },
    to: { type: 'string', required: true },
    country: { type: 'string' },
    key: { type: 'string', required: true },
    bytes: { type: 'number', required: true },
    durationSeconds: { type: 'number', required: true },
    receivedAt: { type: 'string', required: true },
    heard: { type: 'boolean', required: true },
  },
  indexes: {
    byId: {
      pk: { field: 'pk', composite: ['voicemailId'], casing: 'none' },
      sk: { field: 'sk', composite: [], casing: 'none' },
    },
    byOwner: {
      index: 'gsi1',
      pk: { field: 'gsi1pk', composite: ['ownerId'], casing: 'none' },
      sk: { field: 'gsi1sk', composite: ['receivedAt', 'voicemailId'], casing: 'none' },
    },
  },
});
