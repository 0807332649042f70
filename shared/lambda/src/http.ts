import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import middy from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import * as z from 'zod';
import { callerIdOf } from './auth-context.ts';
import { enterScope } from './correlation.ts';
import { type ErrorMap, HttpError, toErrorResponse } from './errors.ts';
import { annotateTrace, logger, tracer } from './observability.ts';

export type HttpResult = APIGatewayProxyStructuredResultV2;

export interface HttpSchemas<B extends z.ZodType, Q extends z.ZodType, P extends z.ZodType> {
  /** JSON body schema (use z.strictObject so unknown fields are refused) */
  body?: B;
  /** query string schema */
  query?: Q;
  /** path parameters schema */
  path?: P;
  /** domain error name → status */
  errors?: ErrorMap;
  /** the body is not JSON (a provider's form-encoded webhook): left unparsed, `rawBody` holds its text */
  raw?: boolean;
}

type Out<S> = S extends z.ZodType ? z.infer<S> : undefined;

export type ParsedHttpEvent<B, Q, P> = Omit<
  APIGatewayProxyEventV2,
  'body' | 'queryStringParameters' | 'pathParameters'
> & {
  body: B;
  queryStringParameters: Q;
  pathParameters: P;
  rawBody?: string;
};

const JSON_HEADERS = { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' };

export function json(statusCode: number, body: unknown, headers: Record<string, string> = {}): HttpResult {
  return { statusCode, headers: { ...JSON_HEADERS, ...headers }, body: JSON.stringify(body) };
}
export const ok = (body: unknown, headers?: Record<string, string>) => json(200, body, headers);
export const created = (body: unknown, headers?: Record<string, string>) => json(201, body, headers);
export const noContent = (): HttpResult => ({ statusCode: 204, headers: { 'cache-control': 'no-store' } });

function issuesOf(error: z.ZodError, where: string) {
  return error.issues.map((i) => ({ in: where, path: i.path.join('.'), message: i.message, code: i.code }));
}

function parseBody(event: APIGatewayProxyEventV2): unknown {
  if (event.body === undefined || event.body === null || event.body === '') return undefined;
  const text = event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
  try {
    return JSON.parse(text);
  } catch {
    throw new HttpError(400, 'invalid_json', 'The request body is not valid JSON.');
  }
}

/** The body's text, base64 decoded when API Gateway encoded it ('' when there is none). */
function rawTextOf(event: APIGatewayProxyEventV2): string {
  if (!event.body) return '';
  return event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
}

function validate<S extends z.ZodType | undefined>(schema: S, value: unknown, where: string): Out<S> {
  if (!schema) return value as Out<S>;
  const result = schema.safeParse(value);
  if (!result.success) {
    throw new HttpError(400, 'validation_failed', `The request ${where} is invalid.`, issuesOf(result.error, where));
  }
  return result.data as Out<S>;
}

/** The browser origins allowed to read responses: ALLOWED_ORIGINS, comma-separated (none when unset). */
export function allowedOriginsOf(env: NodeJS.ProcessEnv): readonly string[] {
  return (env.ALLOWED_ORIGINS ?? '')
    .split(',')
    .map((o) => o.trim())
    .filter(Boolean);
}

function corsHeaders(event: APIGatewayProxyEventV2, allowed: readonly string[]): Record<string, string> {
  const origin = event.headers?.origin;
  if (!origin || !allowed.includes(origin)) return {};
  return { 'access-control-allow-origin': origin, vary: 'origin' };
}

/**
 * The HTTP handler preset: tracer, logger (context injected, keys reset), correlation id,
 * JSON parsing and zod validation of body/query/path (400 with details), error mapping to
 * `{error:{code,message,details?}}`, CORS for allowed origins. The handler stays a one-liner into a use case.
 * Configuration (ALLOWED_ORIGINS) is read once, when the handler is built at init, never per request.
 */
export function httpHandler<
  B extends z.ZodType | undefined = undefined,
  Q extends z.ZodType | undefined = undefined,
  P extends z.ZodType | undefined = undefined,
>(schemas: { body?: B; query?: Q; path?: P; errors?: ErrorMap; raw?: boolean } = {}) {
  const allowedOrigins = allowedOriginsOf(process.env);
  return {
    handler(fn: (event: ParsedHttpEvent<Out<B>, Out<Q>, Out<P>>, context: Context) => Promise<HttpResult>) {
      const inner = async function httpInner(event: APIGatewayProxyEventV2, context: Context): Promise<HttpResult> {
        const correlationId = event.headers?.['x-correlation-id'] ?? event.requestContext?.requestId;
        const scope = enterScope({ correlationId });
        logger.appendKeys({ correlationId: scope.correlationId, route: event.routeKey });
        annotateTrace({ correlationId: scope.correlationId, userId: callerIdOf(event) });
        try {
          const parsed = {
            ...event,
            rawBody: schemas.raw ? rawTextOf(event) : event.body,
            body: schemas.raw ? undefined : validate(schemas.body, parseBody(event), 'body'),
            queryStringParameters: validate(schemas.query, event.queryStringParameters ?? {}, 'query'),
            pathParameters: validate(schemas.path, event.pathParameters ?? {}, 'path'),
          } as ParsedHttpEvent<Out<B>, Out<Q>, Out<P>>;
          const result = await fn(parsed, context);
          return {
            ...result,
            headers: {
              ...corsHeaders(event, allowedOrigins),
              'x-correlation-id': scope.correlationId,
              ...(result.headers ?? {}),
            },
          };
        } catch (err) {
          const { status, body, headers } = toErrorResponse(err, schemas.errors);
          if (status >= 500) {
            logger.error('request failed', { error: err as Error });
            // answered, not thrown: the trace shows the failure on the handler's subsegment (no gateway segment does)
            tracer.addErrorAsMetadata(err as Error);
          } else logger.info('request refused', { status, code: body.error.code });
          return json(status, body, {
            ...corsHeaders(event, allowedOrigins),
            'x-correlation-id': scope.correlationId,
            ...(headers ?? {}),
          });
        }
      };
      return middy<APIGatewayProxyEventV2, HttpResult>()
        .use(captureLambdaHandler(tracer, { captureResponse: false }))
        .use(injectLambdaContext(logger, { resetKeys: true }))
        .handler(inner);
    },
  };
}

/**
 * Query helpers: numbers arrive as strings. Only plain decimal digits (an optional `-`, no leading
 * zeros) count as a number: `Number()` alone would also take `0x10`, `1e3`, `%20` (a space: 0) or ''.
 */
export const queryInt = (opts: { min?: number; max?: number } = {}) =>
  z
    .string()
    .regex(/^(?:0|-?[1-9]\d{0,15})$/, 'must be a whole number written in decimal digits')
    .transform(Number)
    .pipe(
      z
        .number()
        .int()
        .min(opts.min ?? Number.MIN_SAFE_INTEGER)
        .max(opts.max ?? Number.MAX_SAFE_INTEGER),
    );
