import { Entity } from 'electrodb';

/**
 * Whether a person has a device online (notifications.PresenceChanged): a phone call to someone
 * with none goes to voicemail at once. `changedAt` only moves forward (late events lose).
 */
export const PresenceEntity = new Entity({
  model: { entity: 'presence', version: '1', service: 'calling' },
  attributes: {
    userId: { type: 'string', required: true },
    status: { type: ['online', 'offline'] as const, required: true },
    changedAt: { type: 'string', required: true },
  },
  indexes: {
    byUser: {
      pk: { field: 'pk', composite: ['userId'], casing: 'none' },
      sk: { field: 'sk', composite: [], casing: 'none' },
    },
  },
});
