import { Entity } from 'electrodb';

/** A user's SMS notification preferences (absent: the defaults). */
export const PreferencesEntity = new Entity({
  model: { entity: 'preferences', version: '1', service: 'notifications' },
  attributes: {
    userId: { type: 'string', required: true },
    smsOnMissedCall: { type: 'boolean', required: true },
    smsOnVoicemail: { type: 'boolean', required: true },
    smsOnMessageWhenOffline: { type: 'boolean', required: true },
    offlineDelayMinutes: { type: 'number', required: true },
  },
  indexes: {
    // one user's preferences
    byUser: {
      pk: { field: 'pk', composite: ['userId'], casing: 'none' },
      sk: { field: 'sk', composite: [], casing: 'none' },
    },
  },
});
