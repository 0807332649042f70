// biome-ignore-all lint/suspicious/noTemplateCurlyInString: electrodb key templates are plain strings with ${attribute} placeholders
import { Entity } from 'electrodb';

/** A session (refresh-token family). */
export const SessionEntity = new Entity({
  model: { entity: 'session', version: '1', service: 'identity' },
  attributes: {
    sessionId: { type: 'string', required: true },
    userId: { type: 'string', required: true },
    createdAt: { type: 'string', required: true },
    lastUsedAt: { type: 'string', required: true },
    endsAt: { type: 'string', required: true },
    revokedAt: { type: 'string' },
    revokeReason: { type: 'string' },
    userAgent: { type: 'string' },
    ipAddress: { type: 'string' },
    ttl: { type: 'number', field: 'expiresAt', required: true },
  },
  indexes: {
    // one session by id (refresh, revocation check)
    byId: {
      pk: { field: 'pk', composite: ['sessionId'], template: 'session#${sessionId}', casing: 'none' },
      sk: { field: 'sk', composite: [], template: 'session', casing: 'none' },
    },
    // a user's sessions, oldest first
    byUser: {
      index: 'gsi1',
      pk: { field: 'gsi1pk', composite: ['userId'], template: 'user#${userId}', casing: 'none' },
      sk: { field: 'gsi1sk', composite: ['createdAt'], template: 'session#${createdAt}', casing: 'none' },
    },
  },
});
