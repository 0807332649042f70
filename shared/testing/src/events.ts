import type { EventData, EventDefinition, EventDetail } from '@parley/events/define-event';
import type {
  APIGatewayProxyEventV2WithLambdaAuthorizer,
  APIGatewayProxyWebsocketEventV2,
  APIGatewayRequestAuthorizerEvent,
  APIGatewayRequestAuthorizerEventV2,
  EventBridgeEvent,
} from 'aws-lambda';

/** Who the authorizer let in: what `authOf(event)` reads back. */
export interface TestAuth {
  userId: string;
  roles?: string[];
  sessionId?: string;
}

/** The HTTP API authorizer context (simple responses put it under `lambda`; roles travel comma-joined). */
export type AuthorizerContext = { userId: string; roles: string; sessionId: string };

export interface HttpEventInput {
  method?: string;
  /** the route path as requested, e.g. `/conversations/c1/messages` */
  path?: string;
  /** the route key's path template, e.g. `/conversations/{id}/messages` (defaults to `path`) */
  route?: string;
  pathParameters?: Record<string, string>;
  query?: Record<string, string>;
  headers?: Record<string, string>;
  /** objects are JSON-encoded; strings are sent as is (for invalid-JSON tests) */
  body?: unknown;
  auth?: TestAuth;
}

const now = () => new Date();
const requestId = () => crypto.randomUUID();

function authorizerContext(auth: TestAuth): AuthorizerContext {
  return { userId: auth.userId, roles: (auth.roles ?? []).join(','), sessionId: auth.sessionId ?? 'sess-test' };
}

/** An API Gateway HTTP API (payload 2.0) event, with the Lambda authorizer's context when `auth` is given. */
export function httpEvent(input: HttpEventInput = {}): APIGatewayProxyEventV2WithLambdaAuthorizer<AuthorizerContext> {
  const method = (input.method ?? 'GET').toUpperCase();
  const path = input.path ?? '/';
  const query = input.query ?? {};
  const rawQueryString = new URLSearchParams(query).toString();
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    host: 'api.parley.test',
    ...lower(input.headers ?? {}),
  };
  if (input.auth && !headers.authorization) headers.authorization = 'Bearer test-token';
  const body =
    input.body === undefined ? undefined : typeof input.body === 'string' ? input.body : JSON.stringify(input.body);
  const at = now();
  const event = {
    version: '2.0',
    routeKey: `${method} ${input.route ?? path}`,
    rawPath: path,
    rawQueryString,
    headers,
    ...(rawQueryString ? { queryStringParameters: query } : {}),
    ...(input.pathParameters ? { pathParameters: input.pathParameters } : {}),
    ...(body !== undefined ? { body } : {}),
    isBase64Encoded: false,
    requestContext: {
      accountId: '000000000000',
      apiId: 'test-api',
      domainName: 'api.parley.test',
      domainPrefix: 'api',
      http: { method, path, protocol: 'HTTP/1.1', sourceIp: '203.0.113.10', userAgent: 'vitest' },
      requestId: requestId(),
      routeKey: `${method} ${input.route ?? path}`,
      stage: '$default',
      time: at.toUTCString(),
      timeEpoch: at.getTime(),
      ...(input.auth ? { authorizer: { lambda: authorizerContext(input.auth) } } : {}),
    },
  };
  return event as APIGatewayProxyEventV2WithLambdaAuthorizer<AuthorizerContext>;
}

/** The event an HTTP API request authorizer (payload 2.0) receives. */
export function httpAuthorizerEvent(
  input: { token?: string; headers?: Record<string, string>; routeKey?: string } = {},
): APIGatewayRequestAuthorizerEventV2 {
  const headers = lower(input.headers ?? {});
  if (input.token !== undefined) headers.authorization = `Bearer ${input.token}`;
  const http = httpEvent({ headers });
  return {
    version: '2.0',
    type: 'REQUEST',
    routeArn: 'arn:aws:execute-api:eu-central-1:000000000000:test-api/$default/GET/test',
    identitySource: headers.authorization ? [headers.authorization] : [],
    routeKey: input.routeKey ?? 'GET /test',
    rawPath: '/test',
    rawQueryString: '',
    cookies: [],
    headers,
    requestContext: http.requestContext,
  } as unknown as APIGatewayRequestAuthorizerEventV2;
}

export interface WebSocketEventInput {
  routeKey: '$connect' | '$disconnect' | '$default' | (string & {});
  connectionId?: string;
  body?: unknown;
  query?: Record<string, string>;
  auth?: TestAuth;
}

export type TestWebSocketEvent = APIGatewayProxyWebsocketEventV2 & {
  queryStringParameters?: Record<string, string>;
  requestContext: { authorizer?: AuthorizerContext & { principalId: string } };
};

/** An API Gateway WebSocket event; the `$connect` authorizer's context is flat, as API Gateway passes it. */
export function websocketEvent(input: WebSocketEventInput): TestWebSocketEvent {
  const eventType =
    input.routeKey === '$connect' ? 'CONNECT' : input.routeKey === '$disconnect' ? 'DISCONNECT' : 'MESSAGE';
  const at = now();
  return {
    ...(input.body === undefined
      ? {}
      : { body: typeof input.body === 'string' ? input.body : JSON.stringify(input.body) }),
    ...(input.query ? { queryStringParameters: input.query } : {}),
    isBase64Encoded: false,
    requestContext: {
      routeKey: input.routeKey,
      messageId: eventType === 'MESSAGE' ? requestId() : undefined,
      eventType,
      extendedRequestId: requestId(),
      requestTime: at.toUTCString(),
      messageDirection: 'IN',
      stage: 'local',
      connectedAt: at.getTime(),
      requestTimeEpoch: at.getTime(),
      requestId: requestId(),
      domainName: 'ws.parley.test',
      connectionId: input.connectionId ?? `conn-${requestId().slice(0, 8)}`,
      apiId: 'test-ws',
      ...(input.auth ? { authorizer: { ...authorizerContext(input.auth), principalId: input.auth.userId } } : {}),
    },
  } as TestWebSocketEvent;
}

/** The event a WebSocket `$connect` REQUEST authorizer receives (the token in `?token=`). */
export function websocketAuthorizerEvent(input: { token?: string } = {}): APIGatewayRequestAuthorizerEvent {
  return {
    type: 'REQUEST',
    methodArn: 'arn:aws:execute-api:eu-central-1:000000000000:test-ws/local/$connect',
    resource: '$connect',
    path: '/',
    httpMethod: 'GET',
    headers: {},
    multiValueHeaders: {},
    pathParameters: {},
    queryStringParameters: input.token === undefined ? {} : { token: input.token },
    multiValueQueryStringParameters: input.token === undefined ? {} : { token: [input.token] },
    stageVariables: {},
    requestContext: { routeKey: '$connect', eventType: 'CONNECT', connectionId: 'conn-test' },
  } as unknown as APIGatewayRequestAuthorizerEvent;
}

export interface BusEventOptions {
  eventId?: string;
  correlationId?: string;
  causationId?: string;
  audience?: string[];
  occurredAt?: Date;
}

/**
 * An EventBridge event as a consumer receives it, built from an event definition and its data.
 * The detail is validated by the definition's schema, so a test cannot build an event the
 * publisher could not have sent.
 */
export function busEvent<E extends EventDefinition>(
  definition: E,
  data: EventData<E>,
  options: BusEventOptions = {},
): EventBridgeEvent<string, EventDetail<E>> {
  const eventId = options.eventId ?? crypto.randomUUID();
  const occurredAt = options.occurredAt ?? now();
  const detail = definition.detail.parse({
    metadata: {
      eventId,
      version: definition.version,
      occurredAt: occurredAt.toISOString(),
      correlationId: options.correlationId ?? eventId,
      ...(options.causationId ? { causationId: options.causationId } : {}),
    },
    ...(options.audience ? { audience: options.audience } : {}),
    data,
  }) as EventDetail<E>;
  return {
    version: '0',
    id: crypto.randomUUID(),
    'detail-type': definition.detailType,
    source: definition.source,
    account: '000000000000',
    time: occurredAt.toISOString(),
    region: 'eu-central-1',
    resources: [],
    detail,
  };
}

function lower(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
}
