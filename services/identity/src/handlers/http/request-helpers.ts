import { timingSafeEqual } from 'node:crypto';
import { HttpError, snakeCase } from '@parley/lambda/errors';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import {
  LoginThrottled,
  PasswordResetThrottled,
  SearchThrottled,
  SignupThrottled,
  VerificationEmailThrottled,
} from '../../domain/errors.ts';

/** Set by the public origin (CloudFront's viewer-request function, devstack's proxy) from the viewer's address. */
export const VIEWER_IP_HEADER = 'x-parley-viewer-ip';
/** The origin's shared secret, proving a request came through it (ADR 0017). */
export const ORIGIN_VERIFY_HEADER = 'x-parley-origin-verify';

const same = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

/**
 * The caller's address and user agent. Behind the public origin API Gateway sees the origin's address,
 * so the viewer's comes from the origin's header, trusted only when the request also carries the
 * origin's secret (the API's own URL stays reachable, where anyone could send that header). Otherwise
 * the address API Gateway saw; never X-Forwarded-For, which a client can forge.
 */
export function clientInfo(
  event: Pick<APIGatewayProxyEventV2, 'requestContext' | 'headers'>,
  originSecret: string | undefined,
) {
  const verify = event.headers?.[ORIGIN_VERIFY_HEADER];
  const viaOrigin = Boolean(originSecret && verify && same(verify, originSecret));
  const viewer = viaOrigin ? event.headers?.[VIEWER_IP_HEADER]?.trim() : undefined;
  const ipAddress = viewer || event.requestContext?.http?.sourceIp;
  const userAgent = event.headers?.['user-agent'];
  return { ...(ipAddress ? { ipAddress } : {}), ...(userAgent ? { userAgent } : {}) };
}

const THROTTLES = [
  LoginThrottled,
  SearchThrottled,
  SignupThrottled,
  PasswordResetThrottled,
  VerificationEmailThrottled,
] as const;

/** Every *Throttled domain error → 429 with Retry-After (the error map alone cannot add headers). */
export function withRetryAfter(err: unknown): never {
  if (THROTTLES.some((T) => err instanceof T)) {
    const throttled = err as InstanceType<(typeof THROTTLES)[number]>;
    throw new HttpError(429, snakeCase(throttled.name), throttled.message, undefined, {
      'retry-after': String(throttled.retryAfterSeconds),
    });
  }
  throw err;
}
