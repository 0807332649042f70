import { Entity } from 'electrodb';

/** A person's call settings (absent until they change the defaults). */
export const CallSettingsEntity = new Entity({
  model: { entity: 'callSettings', version: '1', service: 'calling' },
  attributes: {
    userId: { type: 'string', required: true },
    ringTimeoutSeconds: { type: 'number', required: true },
    voicemailEnabled: { type: 'boolean', required: true },
    forwardToNumber: { type: 'string' },
    greeting: { type: 'string' },
  },
  indexes: {
    byUser: {
      pk: { field: 'pk', composite: ['userId'], casing: 'none' },
      sk: { field: 'sk', composite: [], casing: 'none' },
    },
  },
});
