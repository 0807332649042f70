import { AttachmentNotFound, AttachmentTooLarge, InvalidAttachment, UnsupportedContentType } from './errors.ts';
import { consumeLimit, type LimitDeps } from './limits.ts';
import { type Attachment, type AttachmentInfo, isMember, LIMITS } from './model.ts';
import type {
  AttachmentRepository,
  Clock,
  ConversationRepository,
  FileStore,
  FreezeRefusal,
  IdGenerator,
} from './ports.ts';
import { memberConversation } from './views.ts';

/** An upload slot never sent in a message is removed, with its object, this long after it was asked for. */
export const SLOT_LIFETIME_HOURS = 24;

/** A SHA-256 digest in base64 (44 characters, as S3's `x-amz-checksum-sha256`). */
export const SHA256_BASE64 = /^[A-Za-z0-9+/]{43}=$/;

/**
 * What may be attached: images browsers display (no SVG: it can carry script), PDF, common office
 * documents, audio, video and plain text formats. Nothing executable, no HTML.
 */
export const ALLOWED_CONTENT_TYPES: ReadonlySet<string> = new Set([
  'image/jpeg',
  'image/png',
  'image/gif',
  'image/webp',
  'image/avif',
  'image/heic',
  'image/heif',
  'application/pdf',
  'application/msword',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.ms-excel',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.ms-powerpoint',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  'application/vnd.oasis.opendocument.text',
  'application/vnd.oasis.opendocument.spreadsheet',
  'application/vnd.oasis.opendocument.presentation',
  'application/rtf',
  'audio/mpeg',
  'audio/mp4',
  'audio/aac',
  'audio/ogg',
  'audio/webm',
  'audio/wav',
  'audio/flac',
  'video/mp4',
  'video/webm',
  'video/quicktime',
  'video/ogg',
  'text/plain',
  'text/csv',
  'text/markdown',
]);

interface AttachmentDeps extends LimitDeps {
  conversations: ConversationRepository;
  attachments: AttachmentRepository;
  files: FileStore;
  ids: IdGenerator;
  clock: Clock;
}

/**
 * A file name safe to show and to put in a Content-Disposition header: no paths, no control or BiDi
 * override characters (the request schema refuses those already; this holds for any caller).
 */
export function cleanFileName(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? '';
  // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping control characters is the point
  const cleaned = base.replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069"]/g, '').trim();
  return cleaned.length > 0 ? cleaned.slice(0, 255) : 'file';
}

/**
 * A member announces a file (its SHA-256 included) for a conversation and gets a presigned PUT URL
 * for its bytes: valid 5 minutes, bound to the announced content type, size and checksum, writing
 * to the slot's upload key. The message that shows it references the returned `attachmentId`; a
 * slot no message shows within `SLOT_LIFETIME_HOURS` is swept. A slot that passes every check
 * counts against the caller's hourly allowance (`consumeLimit`; RateLimited → 429).
 */
export async function createAttachmentUpload(
  deps: AttachmentDeps,
  input: {
    callerId: string;
    conversationId: string;
    fileName: string;
    contentType: string;
    size: number;
    checksumSha256: string;
  },
) {
  const conversation = await memberConversation(deps.conversations, input.conversationId, input.callerId);
  const contentType = input.contentType.toLowerCase();
  if (!ALLOWED_CONTENT_TYPES.has(contentType)) {
    throw new UnsupportedContentType('This kind of file cannot be attached.', [
      { allowed: [...ALLOWED_CONTENT_TYPES] },
    ]);
  }
  if (input.size > LIMITS.maxAttachmentBytes) {
    throw new AttachmentTooLarge(`An attachment has at most ${LIMITS.maxAttachmentBytes / 1024 / 1024} MB.`);
  }
  if (!SHA256_BASE64.test(input.checksumSha256)) {
    throw new InvalidAttachment('checksumSha256 must be the SHA-256 of the file in base64.');
  }
  await consumeLimit(deps, 'attachment', input.callerId);
  const id = deps.ids.id();
  const now = deps.clock.now();
  const attachment: Attachment = {
    id,
    conversationId: conversation.id,
    uploaderId: input.callerId,
    fileName: cleanFileName(input.fileName),
    contentType,
    size: input.size,
    kind: contentType.startsWith('image/') ? 'image' : 'file',
    key: `conversations/${conversation.id}/${id}`,
    uploadKey: `uploads/${conversation.id}/${id}`,
    checksumSha256: input.checksumSha256,
    createdAt: now.toISOString(),
    sweepAfter: new Date(now.getTime() + SLOT_LIFETIME_HOURS * 3600_000).toISOString(),
  };
  await deps.attachments.create(attachment);
  return {
    attachmentId: id,
    uploadUrl: await deps.files.uploadUrl(attachment, LIMITS.uploadUrlSeconds),
    /** the client must send exactly these headers with its PUT */
    uploadHeaders: { 'content-type': contentType, 'x-amz-checksum-sha256': input.checksumSha256 },
    expiresAt: new Date(now.getTime() + LIMITS.uploadUrlSeconds * 1000).toISOString(),
    attachment: { id, fileName: attachment.fileName, contentType, size: input.size, kind: attachment.kind },
  };
}

/**
 * A presigned GET URL (5 minutes) for an attachment of a conversation the caller belongs to, once
 * a message shows it: only the frozen copy is ever served, never the upload.
 */
export async function getAttachmentDownload(
  deps: Pick<AttachmentDeps, 'conversations' | 'attachments' | 'files' | 'clock'>,
  input: { callerId: string; attachmentId: string },
) {
  const attachment = await deps.attachments.get(input.attachmentId);
  const conversation = attachment ? await deps.conversations.get(attachment.conversationId) : undefined;
  if (
    !attachment ||
    attachment.discardedAt ||
    // a slot with an upload key has a copy to serve only once a message showed it
    (attachment.uploadKey && !attachment.frozenAt) ||
    !conversation ||
    !isMember(conversation, input.callerId)
  ) {
    throw new AttachmentNotFound('No such attachment, or it is not in a conversation of yours.');
  }
  return {
    attachmentId: attachment.id,
    downloadUrl: await deps.files.downloadUrl(attachment, LIMITS.downloadUrlSeconds),
    expiresAt: new Date(deps.clock.now().getTime() + LIMITS.downloadUrlSeconds * 1000).toISOString(),
    fileName: attachment.fileName,
    contentType: attachment.contentType,
    size: attachment.size,
    kind: attachment.kind,
  };
}

const REFUSALS: Record<FreezeRefusal, string> = {
  missing: 'has not been uploaded yet',
  'too-large': 'is larger than announced',
  'checksum-mismatch': 'does not match its checksum: upload it again',
};

/**
 * The attachment as a message shows it, frozen: the first time, its uploaded bytes are checked
 * against the announced size and SHA-256 and copied to `key`, which is all downloads ever read, so
 * a later PUT to the upload URL changes nothing anyone downloads (ADR 0016). Already frozen (a
 * retried send): nothing to copy. The caller has checked conversation and uploader.
 */
export async function frozenAttachment(
  deps: { attachments: AttachmentRepository; files: FileStore; clock: Clock },
  attachment: Attachment,
): Promise<AttachmentInfo> {
  const { id, fileName, contentType, kind } = attachment;
  if (attachment.frozenAt) return { id, fileName, contentType, size: attachment.size, kind };
  const now = deps.clock.now().toISOString();
  const refuse = (why: string) => new InvalidAttachment(`Attachment ${id} ${why}.`, [{ attachmentId: id }]);
  if (!attachment.uploadKey || !attachment.checksumSha256)
    throw refuse('was announced without a checksum: upload it again');
  if (attachment.sweepAfter && attachment.sweepAfter <= now) throw refuse('expired: upload it again');
  const copied = await deps.files.freeze({
    from: attachment.uploadKey,
    to: attachment.key,
    checksumSha256: attachment.checksumSha256,
    contentType,
    maxBytes: attachment.size,
  });
  if ('refused' in copied) throw refuse(REFUSALS[copied.refused]);
  // the sweep may have claimed it at the very end of its life: then it is not sent
  if (!(await deps.attachments.markFrozen(id, { at: now, size: copied.size })))
    throw refuse('expired: upload it again');
  return { id, fileName, contentType, size: copied.size, kind };
}

/**
 * A deleted message's attachments: refused to everyone from now on, and their objects (the copy
 * and the upload) deleted at once, so a download URL handed out before stops working. Whatever
 * a failure leaves behind, the sweep removes (they are due for it from `at`).
 */
export async function discardAttachments(
  deps: { attachments: AttachmentRepository; files: FileStore },
  attachmentIds: readonly string[],
  at: string,
): Promise<void> {
  if (attachmentIds.length === 0) return;
  await deps.attachments.discard(attachmentIds, at);
  const found = await deps.attachments.getMany(attachmentIds);
  await deps.files.remove(found.flatMap(objectKeys));
}

/** Every object an attachment may have in the bucket. */
export const objectKeys = (a: Pick<Attachment, 'key' | 'uploadKey'>): string[] =>
  a.uploadKey ? [a.key, a.uploadKey] : [a.key];
