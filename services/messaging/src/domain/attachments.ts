import { AttachmentNotFound, AttachmentTooLarge, UnsupportedContentType } from './errors.ts';
import { consumeLimit, type LimitDeps } from './limits.ts';
import { type Attachment, isMember, LIMITS } from './model.ts';
import type { AttachmentRepository, Clock, ConversationRepository, FileStore, IdGenerator } from './ports.ts';
import { memberConversation } from './views.ts';

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
 * A member announces a file for a conversation and gets a presigned PUT URL for its bytes
 * (valid 15 minutes, bound to the announced content type and size). The message that shows it
 * references the returned `attachmentId`. A slot that passes every check counts against the
 * caller's hourly allowance (`consumeLimit`; RateLimited → 429).
 */
export async function createAttachmentUpload(
  deps: AttachmentDeps,
  input: { callerId: string; conversationId: string; fileName: string; contentType: string; size: number },
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
    createdAt: now.toISOString(),
  };
  await deps.attachments.create(attachment);
  return {
    attachmentId: id,
    uploadUrl: await deps.files.uploadUrl(attachment, LIMITS.uploadUrlSeconds),
    /** the client must send exactly these headers with its PUT */
    uploadHeaders: { 'content-type': contentType },
    expiresAt: new Date(now.getTime() + LIMITS.uploadUrlSeconds * 1000).toISOString(),
    attachment: { id, fileName: attachment.fileName, contentType, size: input.size, kind: attachment.kind },
  };
}

/** A presigned GET URL (5 minutes) for an attachment of a conversation the caller belongs to. */
export async function getAttachmentDownload(
  deps: Pick<AttachmentDeps, 'conversations' | 'attachments' | 'files' | 'clock'>,
  input: { callerId: string; attachmentId: string },
) {
  const attachment = await deps.attachments.get(input.attachmentId);
  const conversation = attachment ? await deps.conversations.get(attachment.conversationId) : undefined;
  if (!attachment || attachment.discardedAt || !conversation || !isMember(conversation, input.callerId)) {
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
