// biome-ignore-all lint/suspicious/noTemplateCurlyInString: electrodb key templates are plain strings with ${attribute} placeholders
import { Entity } from 'electrodb';

/** A user's block of another user: kept under the blocker's partition, beside their contacts. */
export const BlockEntity = new Entity({
  model: { entity: 'block', version: '1', service: 'identity' },
  attributes: {
    userId: { type: 'string', required: true },
    blockedId: { type: 'string', required: true },
    blockedAt: { type: 'string', required: true },
  },
  indexes: {
    // the people I blocked
    byOwner: {
      pk: { field: 'pk', composite: ['userId'], template: 'user#${userId}', casing: 'none' },
      sk: { field: 'sk', composite: ['blockedId'], template: 'block#${blockedId}', casing: 'none' },
    },
  },
});
