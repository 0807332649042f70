// biome-ignore-all lint/suspicious/noTemplateCurlyInString: electrodb key templates are plain strings with ${attribute} placeholders
import { Entity } from 'electrodb';

/** An account. */
export const UserEntity = new Entity({
  model: { entity: 'user', version: '1', service: 'identity' },
  attributes: {
    userId: { type: 'string', required: true },
    email: { type: 'string', required: true },
    displayName: { type: 'string', required: true },
    statusMessage: { type: 'string' },
    locale: { type: 'string' },
    timeZone: { type: 'string' },
    mobileNumber: { type: 'string' },
    mobileVerified: { type: 'boolean' },
    avatarKey: { type: 'string' },
    /** set by a mailed link (ADR 0020); absent on accounts that never opened one */
    emailVerified: { type: 'boolean' },
    roles: { type: 'list', items: { type: 'string' }, required: true },
    passwordHash: { type: 'string', required: true },
    createdAt: { type: 'string', required: true },
    updatedAt: { type: 'string', required: true },
  },
  indexes: {
    // one user by id
    byId: {
      pk: { field: 'pk', composite: ['userId'], template: 'user#${userId}', casing: 'none' },
      sk: { field: 'sk', composite: [], template: 'user', casing: 'none' },
    },
  },
});
