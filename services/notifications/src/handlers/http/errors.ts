import type { ErrorMap } from '@parley/lambda/errors';
import type * as domainErrors from '../../domain/errors.ts';

/**
 * The status of every notifications domain error, shared by the HTTP and the WebSocket handlers
 * (`httpHandler({ errors })`, `wsHandler({ errors })`). Keyed by the domain's exports, so a new
 * domain error without a status does not compile.
 */
export const errorStatus = {
  NotAMember: 403,
  SignalNotAllowed: 403,
  RateLimited: 429,
  PayloadTooLarge: 413,
  OriginNotAllowed: 403,
  RecipientOffline: 404,
  WebhookSignatureInvalid: 403,
} as const satisfies Record<keyof typeof domainErrors, number> & ErrorMap;
