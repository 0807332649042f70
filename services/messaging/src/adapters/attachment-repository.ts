import { batchGetAll } from '@parley/lambda/batch-get';
import type { EntityItem } from 'electrodb';
import type { Attachment } from '../domain/model.ts';
import type { AttachmentRepository } from '../domain/ports.ts';
import type { AttachmentEntity } from './entities/attachment.ts';
import { isConditionFailure, type MessagingDb } from './table.ts';

function toAttachment(item: EntityItem<typeof AttachmentEntity>): Attachment {
  return {
    id: item.attachmentId,
    conversationId: item.conversationId,
    uploaderId: item.uploaderId,
    fileName: item.fileName,
    contentType: item.contentType,
    size: item.size,
    kind: item.kind,
    key: item.key,
    createdAt: item.createdAt,
    ...(item.uploadKey ? { uploadKey: item.uploadKey } : {}),
    ...(item.checksumSha256 ? { checksumSha256: item.checksumSha256 } : {}),
    ...(item.frozenAt ? { frozenAt: item.frozenAt } : {}),
    ...(item.sweepAfter ? { sweepAfter: item.sweepAfter } : {}),
    ...(item.discardedAt ? { discardedAt: item.discardedAt } : {}),
  };
}

/** A conditional write that did not hold answers false; anything else is thrown. */
const heldOrFalse = (err: unknown): false => {
  if (isConditionFailure(err)) return false;
  throw err;
};

export function electroAttachmentRepository(db: MessagingDb): AttachmentRepository {
  const { attachment } = db.entities;
  return {
    async create(a) {
      await attachment
        .create({
          attachmentId: a.id,
          conversationId: a.conversationId,
          uploaderId: a.uploaderId,
          fileName: a.fileName,
          contentType: a.contentType,
          size: a.size,
          kind: a.kind,
          key: a.key,
          createdAt: a.createdAt,
          ...(a.uploadKey ? { uploadKey: a.uploadKey } : {}),
          ...(a.checksumSha256 ? { checksumSha256: a.checksumSha256 } : {}),
          ...(a.sweepAfter ? { sweep: 'due' as const, sweepAfter: a.sweepAfter } : {}),
        })
        .go({ response: 'none' });
    },
    async get(attachmentId) {
      const { data } = await attachment.get({ attachmentId }).go({ consistent: true });
      return data ? toAttachment(data) : undefined;
    },
    async getMany(attachmentIds) {
      if (attachmentIds.length === 0) return [];
      const keys = [...new Set(attachmentIds)].map((attachmentId) => ({ attachmentId }));
      const items = await batchGetAll(
        keys,
        (pending) => attachment.get(pending).go({ consistent: true }),
        'attachments',
      );
      return items.map(toAttachment);
    },
    async markFrozen(attachmentId, frozen) {
      return attachment
        .patch({ attachmentId })
        .set({ frozenAt: frozen.at, size: frozen.size })
        .remove(['sweep', 'sweepAfter'])
        .where((a, op) => op.notExists(a.discardedAt))
        .go({ response: 'none' })
        .then(() => true, heldOrFalse);
    },
    async discard(attachmentIds, at) {
      await Promise.all(
        attachmentIds.map((attachmentId) =>
          attachment
            .patch({ attachmentId })
            .set({ discardedAt: at, sweep: 'due', sweepAfter: at })
            .go({ response: 'none' })
            // an attachment the sweep already removed is discarded enough
            .catch(heldOrFalse),
        ),
      );
    },
    async due(before, limit) {
      const { data } = await attachment.query.bySweep({ sweep: 'due' }).lt({ sweepAfter: before }).go({ limit });
      return data.map(toAttachment);
    },
    async claimForSweep(attachmentId, at) {
      return attachment
        .patch({ attachmentId })
        .set({ discardedAt: at })
        .where((a, op) => `${op.notExists(a.frozenAt)} OR ${op.exists(a.discardedAt)}`)
        .go({ response: 'none' })
        .then(() => true, heldOrFalse);
    },
    async remove(attachmentId) {
      await attachment.delete({ attachmentId }).go({ response: 'none' });
    },
  };
}
