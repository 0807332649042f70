import type { ErrorMap } from '@parley/lambda/errors';
import type * as domainErrors from '../../domain/errors.ts';

/**
 * The HTTP status of every usage domain error, for `httpHandler({ errors: errorStatus })`.
 * Keyed by the domain's exports, so a new domain error without a status does not compile.
 */
export const errorStatus = {
  Forbidden: 403,
} as const satisfies Record<keyof typeof domainErrors, number> & ErrorMap;
