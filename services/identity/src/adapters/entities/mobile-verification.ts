// biome-ignore-all lint/suspicious/noTemplateCurlyInString: electrodb key templates are plain strings with ${attribute} placeholders
import { Entity } from 'electrodb';

/** A user's pending mobile-number verification: the number, the code's hash (never the code), tries. */
export const MobileVerificationEntity = new Entity({
  model: { entity: 'mobileVerification', version: '1', service: 'identity' },
  attributes: {
    userId: { type: 'string', required: true },
    mobileNumber: { type: 'string', required: true },
    codeHash: { type: 'string', required: true },
    attempts: { type: 'number', required: true },
    sentAt: { type: 'string', required: true },
    codeExpiresAt: { type: 'string', required: true },
    /** epoch seconds: DynamoDB's TTL removes a forgotten verification */
    ttl: { type: 'number', field: 'expiresAt' },
  },
  indexes: {
    // one pending verification per user
    byUser: {
      pk: { field: 'pk', composite: ['userId'], template: 'user#${userId}', casing: 'none' },
      sk: { field: 'sk', composite: [], template: 'mobile-verification', casing: 'none' },
    },
  },
});
