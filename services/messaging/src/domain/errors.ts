/**
 * Named domain errors. They carry no HTTP status: handlers map them (see `errorStatus`).
 * Non-members get the same "not found" as for ids that do not exist, so existence never leaks.
 */
abstract class DomainError extends Error {
  readonly details?: unknown[];
  constructor(message: string, details?: unknown[]) {
    super(message);
    if (details) this.details = details;
  }
}

export class ConversationNotFound extends DomainError {
  override name = 'ConversationNotFound';
}
export class MessageNotFound extends DomainError {
  override name = 'MessageNotFound';
}
export class AttachmentNotFound extends DomainError {
  override name = 'AttachmentNotFound';
}
export class MemberNotFound extends DomainError {
  override name = 'MemberNotFound';
}
export class NotMessageAuthor extends DomainError {
  override name = 'NotMessageAuthor';
}
export class NotAnAdmin extends DomainError {
  override name = 'NotAnAdmin';
}
export class DirectConversationIsFixed extends DomainError {
  override name = 'DirectConversationIsFixed';
}
export class MessageIsDeleted extends DomainError {
  override name = 'MessageIsDeleted';
}
export class ConcurrentUpdate extends DomainError {
  override name = 'ConcurrentUpdate';
}
export class InvalidConversation extends DomainError {
  override name = 'InvalidConversation';
}
export class TooManyMembers extends DomainError {
  override name = 'TooManyMembers';
}
export class EmptyMessage extends DomainError {
  override name = 'EmptyMessage';
}
export class TextTooLong extends DomainError {
  override name = 'TextTooLong';
}
export class InvalidReplyTarget extends DomainError {
  override name = 'InvalidReplyTarget';
}
export class InvalidAttachment extends DomainError {
  override name = 'InvalidAttachment';
}
export class AttachmentTooLarge extends DomainError {
  override name = 'AttachmentTooLarge';
}
export class UnsupportedContentType extends DomainError {
  override name = 'UnsupportedContentType';
}
export class InvalidEmoji extends DomainError {
  override name = 'InvalidEmoji';
}
export class TooManyReactions extends DomainError {
  override name = 'TooManyReactions';
}
export class SeqOutOfRange extends DomainError {
  override name = 'SeqOutOfRange';
}
export class InvalidCursor extends DomainError {
  override name = 'InvalidCursor';
}

/** Domain error name → HTTP status, for `httpHandler({ errors })`. */
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
} as const satisfies Record<string, number>;
