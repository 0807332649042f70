import { batchGetAll } from '@parley/lambda/batch-get';
import type { EntityItem } from 'electrodb';
import type { Attachment } from '../domain/model.ts';
import type { AttachmentRepository } from '../domain/ports.ts';
import type { AttachmentEntity } from './entities/attachment.ts';
import type { MessagingDb } from './table.ts';

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
    ...(item.discardedAt ? { discardedAt: item.discardedAt } : {}),
  };
}

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
    async discard(attachmentIds, at) {
      await Promise.all(
        attachmentIds.map((attachmentId) =>
          attachment.patch({ attachmentId }).set({ discardedAt: at }).go({ response: 'none' }),
        ),
      );
    },
  };
}
