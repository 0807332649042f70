// biome-ignore-all lint/suspicious/noTemplateCurlyInString: electrodb key templates are plain strings with ${attribute} placeholders
import { Entity } from 'electrodb';

/** One refresh token, by the SHA-256 of its value. */
export const RefreshTokenEntity = new Entity({
  model: { entity: 'refreshToken', version: '1', service: 'identity' },
  attributes: {
    hash: { type: 'string', required: true },
    sessionId: { type: 'string', required: true },
    userId: { type: 'string', required: true },
    status: { type: ['active', 'rotated'] as const, required: true },
    createdAt: { type: 'string', required: true },
    endsAt: { type: 'string', required: true },
    successorHash: { type: 'string' },
    retiredUnused: { type: 'boolean' },
    ttl: { type: 'number', field: 'expiresAt', required: true },
  },
  indexes: {
    byHash: {
      pk: { field: 'pk', composite: ['hash'], template: 'rt#${hash}', casing: 'none' },
      sk: { field: 'sk', composite: [], template: 'rt', casing: 'none' },
    },
  },
});
