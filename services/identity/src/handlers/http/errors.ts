import type { ErrorMap } from '@parley/lambda/errors';
import type * as domainErrors from '../../domain/errors.ts';

/**
 * The HTTP status of every identity domain error, for `httpHandler({ errors: errorStatus })`.
 * Keyed by the domain's exports, so a new domain error without a status does not compile.
 * `LoginThrottled`, `SearchThrottled`, `SignupThrottled`, `PasswordResetThrottled` and `VerificationEmailThrottled` also need a Retry-After header: see `withRetryAfter`.
 */
export const errorStatus = {
  EmailTaken: 409,
  PasswordTooCommon: 400,
  InvalidCredentials: 401,
  LoginThrottled: 429,
  SearchThrottled: 429,
  SignupThrottled: 429,
  InvalidRefreshToken: 401,
  RefreshTokenReused: 401,
  UserNotFound: 404,
  SessionNotFound: 404,
  CannotAddSelf: 422,
  CannotBlockSelf: 422,
  TooManyContacts: 422,
  TooManyBlocks: 422,
  AvatarNotUploaded: 422,
  InvalidCursor: 400,
  VerificationCodeInvalid: 400,
  VerificationAttemptsExhausted: 429,
  VerificationResendThrottled: 429,
  EmailTokenInvalid: 400,
  EmailTokenUsed: 400,
  EmailTokenExpired: 400,
  PasswordResetThrottled: 429,
  VerificationEmailThrottled: 429,
  EmailAlreadyVerified: 409,
} as const satisfies Record<keyof typeof domainErrors, number> & ErrorMap;
