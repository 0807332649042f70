import { HttpError, snakeCase } from '@parley/lambda/errors';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { LoginThrottled, SearchThrottled, SignupThrottled } from '../../domain/errors.ts';

/** The caller's address as API Gateway saw it (never X-Forwarded-For, which a client can forge) and user agent. */
export function clientInfo(event: Pick<APIGatewayProxyEventV2, 'requestContext' | 'headers'>) {
  const ipAddress = event.requestContext?.http?.sourceIp;
  const userAgent = event.headers?.['user-agent'];
  return { ...(ipAddress ? { ipAddress } : {}), ...(userAgent ? { userAgent } : {}) };
}

/** LoginThrottled, SearchThrottled, SignupThrottled → 429 with Retry-After (the error map alone cannot add headers). */
export function withRetryAfter(err: unknown): never {
  if (err instanceof LoginThrottled || err instanceof SearchThrottled || err instanceof SignupThrottled) {
    throw new HttpError(429, snakeCase(err.name), err.message, undefined, {
      'retry-after': String(err.retryAfterSeconds),
    });
  }
  throw err;
}
