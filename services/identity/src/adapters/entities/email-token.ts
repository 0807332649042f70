// biome-ignore-all lint/suspicious/noTemplateCurlyInString: electrodb key templates are plain strings with ${attribute} placeholders
import { Entity } from 'electrodb';

/**
 * A token mailed in a link (password reset, email verification), stored only as its SHA-256 hash:
 * the table never holds a usable link (ADR 0020). One use (`usedAt`), removed by TTL after expiry.
 */
export const EmailTokenEntity = new Entity({
  model: { entity: 'emailToken', version: '1', service: 'identity' },
  attributes: {
    hash: { type: 'string', required: true },
    userId: { type: 'string', required: true },
    purpose: { type: ['password-reset', 'email-verification'] as const, required: true },
    /** the address the link went to: a link proves only that address */
    email: { type: 'string', required: true },
    createdAt: { type: 'string', required: true },
    tokenExpiresAt: { type: 'string', required: true },
    usedAt: { type: 'string' },
    /** epoch seconds: DynamoDB's TTL removes the token a day after it expired */
    ttl: { type: 'number', field: 'expiresAt' },
  },
  indexes: {
    // looked up by the hash of the token the link carries
    byHash: {
      pk: { field: 'pk', composite: ['hash'], template: 'email-token#${hash}', casing: 'none' },
      sk: { field: 'sk', composite: [], template: 'email-token', casing: 'none' },
    },
  },
});
