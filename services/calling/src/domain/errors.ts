import { DomainError } from '@parley/domain/errors';

/**
 * Named domain errors. They carry no HTTP status: the handler layer maps them
 * (`handlers/http/errors.ts`). Someone who is not a participant gets the same "not found" as for
 * an id that does not exist, so a call's existence never leaks.
 */
export class UserNotFound extends DomainError {
  override readonly name = 'UserNotFound';
}
export class CannotCallYourself extends DomainError {
  override readonly name = 'CannotCallYourself';
}
export class CallNotFound extends DomainError {
  override readonly name = 'CallNotFound';
}
/** Answering or declining a call that was answered elsewhere, ended, or stopped ringing. */
export class CallNotRinging extends DomainError {
  override readonly name = 'CallNotRinging';
}
/** The caller tried to answer or decline their own call (they hang up instead). */
export class NotTheCallee extends DomainError {
  override readonly name = 'NotTheCallee';
}
export class InvalidCursor extends DomainError {
  override readonly name = 'InvalidCursor';
}
