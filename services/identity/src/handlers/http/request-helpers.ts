import { authOf } from '@parley/lambda/auth-context';
import { HttpError } from '@parley/lambda/errors';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { LoginThrottled } from '../../domain/errors.ts';

/** The caller's address as API Gateway saw it (never X-Forwarded-For, which a client can forge) and user agent. */
export function clientInfo(event: Pick<APIGatewayProxyEventV2, 'requestContext' | 'headers'>) {
  const ipAddress = event.requestContext?.http?.sourceIp;
  const userAgent = event.headers?.['user-agent'];
  return { ...(ipAddress ? { ipAddress } : {}), ...(userAgent ? { userAgent } : {}) };
}

/** LoginThrottled → 429 with Retry-After (the error map alone cannot add headers). */
export function withRetryAfter(err: unknown): never {
  if (err instanceof LoginThrottled) {
    throw new HttpError(429, 'login_throttled', err.message, undefined, {
      'retry-after': String(err.retryAfterSeconds),
    });
  }
  throw err;
}

/**
 * The caller from the authorizer context. `authOf` types its argument so narrowly that the parsed
 * HTTP API v2 event does not fit (its requestContext has no `authorizer` member): bridge it here.
 */
export function callerOf(event: { requestContext: unknown }) {
  return authOf(event as Parameters<typeof authOf>[0]);
}
