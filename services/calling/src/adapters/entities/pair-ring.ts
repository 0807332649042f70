import { Entity } from 'electrodb';

/**
 * The newest call one person placed to another, for glare: when B calls A while A's call to B is
 * still ringing, B answers that call. Overwritten by every new call between them; expires a day on.
 */
export const PairRingEntity = new Entity({
  model: { entity: 'pairRing', version: '1', service: 'calling' },
  attributes: {
    callerId: { type: 'string', required: true },
    calleeId: { type: 'string', required: true },
    callId: { type: 'string', required: true },
    expiresAt: { type: 'number' },
  },
  indexes: {
    byPair: {
      pk: { field: 'pk', composite: ['callerId'], casing: 'none' },
      sk: { field: 'sk', composite: ['calleeId'], casing: 'none' },
    },
  },
});
