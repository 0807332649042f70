import { DomainError } from '@parley/domain/errors';

/**
 * Named domain errors. They carry no HTTP status: the handler layer maps them
 * (`handlers/http/errors.ts`). Non-members get the same "not found" as for ids that do not
 * exist, so existence never leaks.
 */
export class ConversationNotFound extends DomainError {
  override readonly name = 'ConversationNotFound';
}
export class MessageNotFound extends DomainError {
  override readonly name = 'MessageNotFound';
}
export class AttachmentNotFound extends DomainError {
  override readonly name = 'AttachmentNotFound';
}
export class MemberNotFound extends DomainError {
  override readonly name = 'MemberNotFound';
}
export class NotMessageAuthor extends DomainError {
  override readonly name = 'NotMessageAuthor';
}
export class NotAnAdmin extends DomainError {
  override readonly name = 'NotAnAdmin';
}
export class DirectConversationIsFixed extends DomainError {
  override readonly name = 'DirectConversationIsFixed';
}
export class MessageIsDeleted extends DomainError {
  override readonly name = 'MessageIsDeleted';
}
export class ConcurrentUpdate extends DomainError {
  override readonly name = 'ConcurrentUpdate';
}
export class InvalidConversation extends DomainError {
  override readonly name = 'InvalidConversation';
}
export class TooManyMembers extends DomainError {
  override readonly name = 'TooManyMembers';
}
/** Only a conversation the caller has not accepted can be declined. */
export class NotARequest extends DomainError {
  override readonly name = 'NotARequest';
}
/** A block between the two people (either way) forbids what was asked. */
export class Blocked extends DomainError {
  override readonly name = 'Blocked';
}
/** One person pins at most `MAX_PINNED` conversations. */
export class TooManyPinned extends DomainError {
  override readonly name = 'TooManyPinned';
}
export class EmptyMessage extends DomainError {
  override readonly name = 'EmptyMessage';
}
export class TextTooLong extends DomainError {
  override readonly name = 'TextTooLong';
}
export class InvalidReplyTarget extends DomainError {
  override readonly name = 'InvalidReplyTarget';
}
export class InvalidAttachment extends DomainError {
  override readonly name = 'InvalidAttachment';
}
export class AttachmentTooLarge extends DomainError {
  override readonly name = 'AttachmentTooLarge';
}
export class UnsupportedContentType extends DomainError {
  override readonly name = 'UnsupportedContentType';
}
export class InvalidEmoji extends DomainError {
  override readonly name = 'InvalidEmoji';
}
export class TooManyReactions extends DomainError {
  override readonly name = 'TooManyReactions';
}
export class SeqOutOfRange extends DomainError {
  override readonly name = 'SeqOutOfRange';
}
export class InvalidCursor extends DomainError {
  override readonly name = 'InvalidCursor';
}
/** Texting a phone (kind `sms` / `whatsapp`) needs a Parley number of one's own to text from. */
export class NoParleyNumber extends DomainError {
  override readonly name = 'NoParleyNumber';
}
/** A text conversation carries text only in this version (no MMS / WhatsApp media). */
export class TextAttachmentsUnsupported extends DomainError {
  override readonly name = 'TextAttachmentsUnsupported';
}
/**
 * A reply in a WhatsApp conversation more than 24 hours after the person's last message (or before
 * any): Meta refuses free-form messages outside its customer service window (ADR 0030). 409.
 */
export class WhatsappWindowClosed extends DomainError {
  override readonly name = 'WhatsappWindowClosed';
}
export class UnknownUser extends DomainError {
  override readonly name = 'UnknownUser';
}

/** Too many costly acts of one user in a window (sends, attachment slots): 429 with Retry-After. */
export class RateLimited extends DomainError {
  override readonly name = 'RateLimited';
  readonly retryAfterSeconds: number;
  constructor(message: string, retryAfterSeconds: number) {
    super(message);
    this.retryAfterSeconds = retryAfterSeconds;
  }
}
