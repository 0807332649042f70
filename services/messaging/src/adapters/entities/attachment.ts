import { Entity } from 'electrodb';

/** An attachment record; the bytes are in the attachments bucket under `key`. */
export const AttachmentEntity = new Entity({
  model: { entity: 'attachment', version: '1', service: 'messaging' },
  attributes: {
    attachmentId: { type: 'string', required: true },
    conversationId: { type: 'string', required: true },
    uploaderId: { type: 'string', required: true },
    fileName: { type: 'string', required: true },
    contentType: { type: 'string', required: true },
    size: { type: 'number', required: true },
    kind: { type: ['image', 'file'] as const, required: true },
    key: { type: 'string', required: true },
    createdAt: { type: 'string', required: true },
    discardedAt: { type: 'string' },
  },
  indexes: {
    // one attachment by id
    byId: {
      pk: { field: 'pk', composite: ['attachmentId'], casing: 'none' },
      sk: { field: 'sk', composite: [], casing: 'none' },
    },
  },
});
