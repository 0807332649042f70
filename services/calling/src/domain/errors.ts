import { DomainError } from '@parley/domain/errors';

/**
 * Named domain errors. They carry no HTTP status: the handler layer maps them
 * (`handlers/http/errors.ts`). Someone who is not a participant gets the same "not found" as for
 * an id that does not exist, so a call's existence never leaks.
 */
export class UserNotFound extends DomainError {
  override readonly name = 'UserNotFound';
}
/** A block between the two people (either way): no calls. */
export class Blocked extends DomainError {
  override readonly name = 'Blocked';
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
export class VideoNotSupported extends DomainError {
  override readonly name = 'VideoNotSupported';
}
/** DTMF and the like on a call that is not connected. */
export class CallNotActive extends DomainError {
  override readonly name = 'CallNotActive';
}
export class NotAPhoneCall extends DomainError {
  override readonly name = 'NotAPhoneCall';
}
/** Chime refused to place a call (a 503 for the person: try again). */
export class PhoneNetworkUnavailable extends DomainError {
  override readonly name = 'PhoneNetworkUnavailable';
}
export class VoicemailNotFound extends DomainError {
  override readonly name = 'VoicemailNotFound';
}
/** The toll-fraud guard refused a number (its `reason` is the API's details). */
export { CallNotAllowed } from './toll-fraud.ts';
