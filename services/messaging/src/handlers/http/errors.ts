import type { ErrorMap } from '@parley/lambda/errors';
import type * as domainErrors from '../../domain/errors.ts';

/**
 * The HTTP status of every messaging domain error, for `httpHandler({ errors: errorStatus })`.
 * Keyed by the domain's exports, so a new domain error without a status does not compile.
 * `RateLimited` also needs a Retry-After header: see `withRetryAfter` (`retry-after.ts`).
 */
export const errorStatus = {
  ConversationNotFound: 404,
  MessageNotFound: 404,
  AttachmentNotFound: 404,
  MemberNotFound: 404,
  NotMessageAuthor: 403,
  NotAnAdmin: 403,
  DirectConversationIsFixed: 409,
  MessageIsDeleted: 409,
  ConcurrentUpdate: 409,
  InvalidConversation: 422,
  TooManyMembers: 422,
  Blocked: 403,
  NotARequest: 409,
  TooManyPinned: 422,
  EmptyMessage: 400,
  TextTooLong: 400,
  InvalidReplyTarget: 422,
  InvalidAttachment: 422,
  AttachmentTooLarge: 413,
  UnsupportedContentType: 415,
  InvalidEmoji: 400,
  TooManyReactions: 422,
  SeqOutOfRange: 422,
  InvalidCursor: 400,
  UnknownUser: 422,
  NoParleyNumber: 403,
  TextAttachmentsUnsupported: 400,
  WhatsappWindowClosed: 409,
  RateLimited: 429,
} as const satisfies Record<keyof typeof domainErrors, number> & ErrorMap;
