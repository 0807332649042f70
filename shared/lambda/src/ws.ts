import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import type { z } from 'zod';
import { callerIdOf } from './auth-context.ts';
import { enterScope } from './correlation.ts';
import { type ErrorMap, HttpError, toErrorResponse } from './errors.ts';
import { annotateTrace, logger, tracer } from './observability.ts';

/**
 * An API Gateway WebSocket event (`$connect`, `$disconnect`, `$default` or a custom route).
 * `headers` and `queryStringParameters` are present on `$connect` only; `requestContext.authorizer`
 * carries the `$connect` authorizer's context on every route of the connection.
 */
export interface WsEvent {
  requestContext: {
    connectionId: string;
    routeKey: string;
    eventType?: string;
    requestId?: string;
    domainName?: string;
    stage?: string;
    connectedAt?: number;
    authorizer?: Record<string, unknown> | null;
  };
  body?: string | null;
  isBase64Encoded?: boolean;
  headers?: Record<string, string | undefined> | null;
  queryStringParameters?: Record<string, string | undefined> | null;
}

/** What a WebSocket route returns. With a `$default` route response the body goes back to the caller's socket. */
export interface WsResult {
  statusCode: number;
  body?: string;
}

export type ParsedWsEvent<B> = Omit<WsEvent, 'body'> & { body: B; rawBody?: string; connectionId: string };

/** A refused request, as handed to `errorReply` to build the frame the caller receives. */
export interface WsError {
  status: number;
  code: string;
  message: string;
  details?: unknown[];
  /** the `action` of the refused message, when it had one */
  action?: string;
}

export interface WsHandlerOptions<B extends z.ZodType | undefined> {
  /** schema of the JSON message body (use z.strictObject so unknown fields are refused) */
  body?: B;
  /** domain error name → status */
  errors?: ErrorMap;
  /** messages larger than this are refused with 413 before parsing */
  maxBodyBytes?: number;
  /** builds the reply sent back to the caller on a refusal (default: the API error JSON) */
  errorReply?: (error: WsError) => string | undefined;
}

type Out<S> = S extends z.ZodType ? z.infer<S> : undefined;

/** Case-insensitive header lookup (API Gateway keeps the client's casing on `$connect`). */
export function headerOf(event: Pick<WsEvent, 'headers'>, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(event.headers ?? {})) if (key.toLowerCase() === wanted) return value;
  return undefined;
}

/**
 * The WebSocket Origin check of ASVS 4.4.2. Browsers always send `Origin` on a WebSocket handshake,
 * so a cross-site page is refused unless its origin is listed. A request without `Origin` is not
 * from a browser (CLI, tests, other services); it is allowed only when `allowMissing` is true:
 * such a client could send any Origin anyway, and it still needs a valid token.
 */
export function originAllowed(origin: string | undefined, allowed: readonly string[], allowMissing: boolean): boolean {
  if (origin === undefined || origin === '') return allowMissing;
  return allowed.includes(origin);
}

function actionOf(raw: string | undefined): string | undefined {
  const match = /"action"\s*:\s*"([^"]{1,64})"/.exec(raw ?? '');
  return match?.[1];
}

function parseBody(event: WsEvent, maxBytes: number | undefined): { raw?: string; value: unknown } {
  if (event.body === undefined || event.body === null || event.body === '') return { value: undefined };
  const raw = event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
  if (maxBytes !== undefined && Buffer.byteLength(raw, 'utf8') > maxBytes) {
    throw new HttpError(413, 'payload_too_large', `Messages are limited to ${maxBytes} bytes.`);
  }
  try {
    return { raw, value: JSON.parse(raw) };
  } catch {
    throw new HttpError(400, 'invalid_json', 'The message is not valid JSON.');
  }
}

const WS_BODY_ANNOTATIONS = ['conversationId', 'callId', 'messageId'] as const;

const defaultErrorReply = (e: WsError) =>
  JSON.stringify({ error: { code: e.code, message: e.message, ...(e.details ? { details: e.details } : {}) } });

/**
 * The WebSocket handler preset, the sibling of `httpHandler`: tracer, logger (context injected,
 * keys reset), correlation id, JSON parsing and zod validation of the message (400 with details),
 * and domain errors mapped to a status and a reply frame instead of a 5xx. On `$connect` a non-2xx
 * status refuses the handshake; on other routes the reply body goes back to the caller's socket.
 */
export function wsHandler<B extends z.ZodType | undefined = undefined>(options: WsHandlerOptions<B> = {}) {
  const errorReply = options.errorReply ?? defaultErrorReply;
  return {
    handler(fn: (event: ParsedWsEvent<Out<B>>, context: Context) => Promise<WsResult>) {
      const inner = async function wsInner(event: WsEvent, context: Context): Promise<WsResult> {
        const scope = enterScope({ correlationId: event.requestContext.requestId });
        const { connectionId, routeKey } = event.requestContext;
        logger.appendKeys({ correlationId: scope.correlationId, route: routeKey, connectionId });
        annotateTrace({ correlationId: scope.correlationId, userId: callerIdOf(event) });
        let raw: string | undefined;
        try {
          const parsedBody = parseBody(event, options.maxBodyBytes);
          raw = parsedBody.raw;
          let body: unknown = parsedBody.value;
          if (options.body) {
            const result = options.body.safeParse(body);
            if (!result.success) {
              const details = result.error.issues.map((i) => ({
                in: 'body',
                path: i.path.join('.'),
                message: i.message,
                code: i.code,
              }));
              throw new HttpError(400, 'validation_failed', 'The message is invalid.', details);
            }
            body = result.data;
          }
          // the ids the message names (typing's conversationId, signal's callId) find this trace too
          annotateTrace(body, WS_BODY_ANNOTATIONS);
          return await fn({ ...event, body: body as Out<B>, rawBody: raw, connectionId }, context);
        } catch (err) {
          const { status, body } = toErrorResponse(err, options.errors);
          if (status >= 500) {
            logger.error('websocket request failed', { error: err as Error });
            tracer.addErrorAsMetadata(err as Error);
          } else logger.info('websocket request refused', { status, code: body.error.code });
          const reply = errorReply({ status, ...body.error, action: actionOf(raw ?? event.body ?? undefined) });
          return reply === undefined ? { statusCode: status } : { statusCode: status, body: reply };
        }
      };
      return middy<WsEvent, WsResult>()
        .use(captureLambdaHandler(tracer, { captureResponse: false }))
        .use(injectLambdaContext(logger, { resetKeys: true }))
        .handler(inner);
    },
  };
}

/** A reply to the caller's socket (needs a `$default` route response on the route). */
export const reply = (body: string, statusCode = 200): WsResult => ({ statusCode, body });
/** Success with nothing to send back. */
export const accepted = (): WsResult => ({ statusCode: 200 });
