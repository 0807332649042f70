import { E164, Id } from '@parley/events/ids';
import { multilineText, nameText } from '@parley/events/text';
import { queryInt } from '@parley/lambda/http';
import * as z from 'zod';
import { SHA256_BASE64 } from '../../domain/attachments.ts';
import { LIMITS } from '../../domain/model.ts';

/** Request schemas: strict objects, so unknown fields are refused with 400 before any use case runs. */

export const ConversationPath = z.strictObject({ id: Id });
export const MemberPath = z.strictObject({ id: Id, userId: Id });
export const MessagePath = z.strictObject({ id: Id, messageId: Id });
export const AttachmentPath = z.strictObject({ attachmentId: Id });

/** Path parameters may arrive percent-encoded; an emoji never contains `%` itself. */
const EmojiParam = z
  .string()
  .min(1)
  .max(LIMITS.maxEmojiLength * 12)
  .transform((raw, ctx) => {
    if (!raw.includes('%')) return raw;
    try {
      return decodeURIComponent(raw);
    } catch {
      ctx.addIssue({ code: 'custom', message: 'not a valid percent-encoded emoji' });
      return z.NEVER;
    }
  });
export const ReactionPath = z.strictObject({ id: Id, messageId: Id, emoji: EmojiParam });

/** A message body: new lines and tabs, but no other control or BiDi override characters (`@parley/events/text`). */
const Text = multilineText(LIMITS.maxTextLength);

export const CreateConversationBody = z.union([
  z.strictObject({
    memberIds: z.array(Id).min(1).max(LIMITS.maxMembers),
    title: nameText(120).optional(),
    kind: z.enum(['direct', 'group']).optional(),
  }),
  /** a text conversation with a phone (ADR 0028): E.164 only, from one of the caller's Parley numbers */
  z.strictObject({
    kind: z.enum(['sms', 'whatsapp']),
    phoneNumber: E164,
    via: E164.optional(),
  }),
]);

export const ListConversationsQuery = z.strictObject({
  limit: queryInt({ min: 1, max: LIMITS.maxPageSize }).default(50),
  cursor: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,2048}$/, 'must be a nextCursor this API gave out')
    .optional(),
});

export const AddMembersBody = z.strictObject({
  userIds: z
    .array(Id)
    .min(1)
    .max(LIMITS.maxMembers - 1),
});

export const RenameConversationBody = z.strictObject({ title: nameText(120) });

/** At least one preference; each a boolean (the caller's own, see `domain/preferences.ts`). */
export const PreferencesBody = z
  .strictObject({ muted: z.boolean().optional(), archived: z.boolean().optional(), pinned: z.boolean().optional() })
  .refine((body) => Object.keys(body).length > 0, { message: 'name at least one of muted, archived, pinned' });

export const SendMessageBody = z.strictObject({
  clientMessageId: Id,
  text: Text.optional(),
  attachmentIds: z.array(Id).max(LIMITS.maxAttachmentsPerMessage).optional(),
  replyToId: Id.optional(),
});

export const ListMessagesQuery = z.strictObject({
  afterSeq: queryInt({ min: 0 }).optional(),
  beforeSeq: queryInt({ min: 1 }).optional(),
  limit: queryInt({ min: 1, max: LIMITS.maxPageSize }).default(50),
});

export const EditMessageBody = z.strictObject({ text: Text });

export const MarkReadBody = z.strictObject({ seq: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER) });

export const CreateAttachmentBody = z.strictObject({
  conversationId: Id,
  fileName: nameText(255),
  contentType: z.string().min(3).max(255),
  size: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
  /** SHA-256 of the file, base64 (S3's `x-amz-checksum-sha256`); the upload URL signs it (ADR 0016) */
  checksumSha256: z.string().regex(SHA256_BASE64, 'must be the SHA-256 of the file in base64 (44 characters)'),
});
