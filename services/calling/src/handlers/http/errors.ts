import type { ErrorMap } from '@parley/lambda/errors';
import type * as domainErrors from '../../domain/errors.ts';

/**
 * The HTTP status of every calling domain error, for `httpHandler({ errors: errorStatus })`.
 * Keyed by the domain's exports, so a new domain error without a status does not compile.
 */
export const errorStatus = {
  UserNotFound: 404,
  CannotCallYourself: 422,
  Blocked: 403,
  CallNotFound: 404,
  CallNotRinging: 409,
  NotTheCallee: 403,
  InvalidCursor: 400,
  VideoNotSupported: 422,
  CallNotActive: 409,
  NotAPhoneCall: 422,
  PhoneNetworkUnavailable: 503,
  VoicemailNotFound: 404,
  CallNotAllowed: 422,
} as const satisfies Record<keyof typeof domainErrors, number> & ErrorMap;
