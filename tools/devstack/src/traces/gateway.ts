import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * The request header the origin hands serverless-offline the API's request id in. devstack's plugin
 * (`plugin/api-gateway.cjs`) moves it into `requestContext.requestId` of the authorizer's and the
 * route's events and removes it, so no handler ever sees it; a caller's own value is replaced.
 */
export const REQUEST_ID_HEADER = 'x-parley-devstack-request-id';

/** The response header API Gateway's HTTP APIs answer with the request id in. */
export const APIGW_REQUEST_ID_HEADER = 'apigw-requestid';

/**
 * The HTTP API hop of one `/api/<service>/…` request, as API Gateway's HTTP APIs do it: one request
 * id (`$context.requestId`) for the request, in the authorizer's event and the route's alike (the
 * handlers' default correlation id) and in the answer's `apigw-requestid`. And, as on AWS, no
 * tracing: an HTTP API records no segment and invokes Lambda without a trace header (X-Ray traces
 * API Gateway REST APIs only), so the authorizer's and the route's invocations each start a trace
 * of their own (`plugin/tracing.cjs`; ADR 0031). A WebSocket handshake (no `res`) gets its request
 * id the same way: its `$connect` authorizer's and `$connect` route's events share it. Returns the id.
 */
export function stampGatewayRequest(req: IncomingMessage, res?: ServerResponse): string {
  const requestId = newRequestId();
  req.headers[REQUEST_ID_HEADER] = requestId;
  res?.setHeader(APIGW_REQUEST_ID_HEADER, requestId);
  return requestId;
}

/** An id shaped like API Gateway's (`Yt8VHjE0FiAEMsQ=`: 11 random bytes, base64). */
export function newRequestId(): string {
  return randomBytes(11).toString('base64');
}
