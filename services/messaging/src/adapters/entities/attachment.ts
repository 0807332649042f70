import { Entity } from 'electrodb';

/**
 * An attachment record; the bytes are in the attachments bucket: uploaded to `uploadKey`, served
 * from `key` (the copy made when a message first shows it, ADR 0016). While `sweepAfter` is set
 * (an unsent slot, or a discarded attachment) the item is in `gsi1` for the sweep: a sparse index,
 * written only when both `sweep` and `sweepAfter` are, and removed with them.
 */
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
    uploadKey: { type: 'string' },
    checksumSha256: { type: 'string' },
    createdAt: { type: 'string', required: true },
    frozenAt: { type: 'string' },
    /** the sweep's partition in gsi1 (one value: slots are few, at most 20 per user per hour) */
    sweep: { type: ['due'] as const },
    sweepAfter: { type: 'string' },
    discardedAt: { type: 'string' },
  },
  indexes: {
    // one attachment by id
    byId: {
      pk: { field: 'pk', composite: ['attachmentId'], casing: 'none' },
      sk: { field: 'sk', composite: [], casing: 'none' },
    },
    // what the sweep removes, oldest first
    bySweep: {
      index: 'gsi1',
      condition: (attr) => attr.sweepAfter !== undefined,
      pk: { field: 'gsi1pk', composite: ['sweep'], casing: 'none' },
      sk: { field: 'gsi1sk', composite: ['sweepAfter'], casing: 'none' },
    },
  },
});
