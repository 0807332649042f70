import type { ErrorMap } from '@parley/lambda/errors';
import type * as domainErrors from '../../domain/errors.ts';

/**
 * The HTTP status of every numbers domain error, for `httpHandler({ errors: errorStatus })`.
 * Keyed by the domain's exports, so a new domain error without a status does not compile.
 */
export const errorStatus = {
  Forbidden: 403,
  CountryNotOffered: 400,
  NumberNotAvailable: 422,
  NumberExists: 409,
  NumberNotFound: 404,
  UserNotFound: 404,
  NumberAssigned: 409,
  NumberNotAssigned: 409,
  NumberNotReady: 409,
  NumberReleased: 409,
  OrderNotFound: 404,
  ConcurrentChange: 409,
} as const satisfies Record<keyof typeof domainErrors, number> & ErrorMap;
