import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import middy from '@middy/core';
import type {
  APIGatewayAuthorizerResult,
  APIGatewayRequestAuthorizerEvent,
  APIGatewayRequestAuthorizerEventV2,
  APIGatewaySimpleAuthorizerWithContextResult,
  Context,
} from 'aws-lambda';
import { createRemoteJWKSet, type JWTPayload, jwtVerify } from 'jose';
import * as z from 'zod';
import { parseConfig } from './config.ts';
import { annotateTrace, logger, tracer } from './observability.ts';

export const ACCESS_TOKEN_TYPE = 'at+jwt';

const JWKS_SUFFIX = '/.well-known/jwks.json';

const AuthConfig = z.object({
  AUTH_JWKS_URL: z.url(),
  AUTH_ISSUER: z.string().min(1),
  AUTH_AUDIENCE: z.string().min(1),
  /** identity's session-status base (`…/auth/sessions`); derived from AUTH_JWKS_URL when unset */
  AUTH_SESSIONS_URL: z.url().optional(),
});

export interface VerifiedToken {
  userId: string;
  roles: string[];
  sessionId: string;
}

/** Port: is this session still alive? (identity answers; ADR 0006) */
export interface SessionStatus {
  isActive(sessionId: string): Promise<boolean>;
}

export interface TokenVerifierOptions {
  jwks: Parameters<typeof jwtVerify>[1];
  issuer: string;
  audience: string;
  /** when set, a token whose session was revoked is refused */
  sessions?: SessionStatus;
}

export class SessionRevokedError extends Error {
  override name = 'SessionRevokedError';
}

/**
 * Verifies a Parley access token: ES256 only (never `none`, never HMAC), signature first,
 * then `iss`, `aud`, `exp`, `nbf`, the token type (`at+jwt`) and, with `sessions`, that its
 * session was not revoked. Throws on anything else.
 */
export async function verifyAccessToken(token: string, options: TokenVerifierOptions): Promise<VerifiedToken> {
  const { payload } = await jwtVerify(token, options.jwks as Parameters<typeof jwtVerify>[1] & object, {
    algorithms: ['ES256'],
    issuer: options.issuer,
    audience: options.audience,
    typ: ACCESS_TOKEN_TYPE,
    requiredClaims: ['sub', 'exp', 'iat', 'nbf', 'sid'],
    clockTolerance: 5,
  });
  const verified = toVerified(payload);
  if (options.sessions && !(await options.sessions.isActive(verified.sessionId))) {
    throw new SessionRevokedError('the session of this token has ended');
  }
  return verified;
}

function toVerified(payload: JWTPayload): VerifiedToken {
  const roles = Array.isArray(payload.roles) ? payload.roles.map(String) : [];
  if (typeof payload.sub !== 'string' || typeof payload.sid !== 'string') throw new Error('token lacks sub or sid');
  return { userId: payload.sub, roles, sessionId: payload.sid };
}

export interface RemoteSessionStatusOptions {
  /** how long "active" is believed without asking again */
  activeTtlMs?: number;
  /** when identity cannot be reached, a last "active" this recent is still believed (then: refuse) */
  staleIfErrorMs?: number;
  timeoutMs?: number;
  /** at most this many sessions remembered (oldest forgotten first) */
  maxEntries?: number;
  fetch?: typeof fetch;
  now?: () => number;
}

/**
 * SessionStatus over identity's `GET <base>/{sessionId}/active`. "Revoked" is final and remembered;
 * "active" is remembered for `activeTtlMs` (10 s). If identity is unreachable, an "active" answer
 * younger than `staleIfErrorMs` (15 min, one access-token lifetime) still counts; otherwise the
 * token is refused (fail closed).
 */
export function remoteSessionStatus(baseUrl: string, options: RemoteSessionStatusOptions = {}): SessionStatus {
  const activeTtl = options.activeTtlMs ?? 10_000;
  const staleIfError = options.staleIfErrorMs ?? 15 * 60_000;
  const maxEntries = options.maxEntries ?? 10_000;
  const doFetch = options.fetch ?? fetch;
  const now = options.now ?? Date.now;
  const known = new Map<string, { active: boolean; at: number }>();
  const remember = (sid: string, active: boolean) => {
    known.delete(sid);
    known.set(sid, { active, at: now() });
    if (known.size > maxEntries) known.delete(known.keys().next().value as string);
  };
  const base = baseUrl.replace(/\/+$/, '');
  return {
    async isActive(sessionId) {
      const entry = known.get(sessionId);
      if (entry && (!entry.active || now() - entry.at < activeTtl)) return entry.active;
      try {
        const res = await doFetch(`${base}/${encodeURIComponent(sessionId)}/active`, {
          signal: AbortSignal.timeout(options.timeoutMs ?? 2_000),
          headers: { accept: 'application/json' },
        });
        if (!res.ok) throw new Error(`session status answered ${res.status}`);
        const body = (await res.json()) as { active?: unknown };
        if (typeof body.active !== 'boolean') throw new Error('session status answered without `active`');
        remember(sessionId, body.active);
        return body.active;
      } catch (err) {
        if (entry?.active && now() - entry.at < staleIfError) {
          logger.warn('session status unavailable, using the last answer', { reason: (err as Error).message });
          return true;
        }
        throw err;
      }
    },
  };
}

/** `https://host/identity/.well-known/jwks.json` → `https://host/identity/auth/sessions` */
export function sessionsUrlFromJwks(jwksUrl: string): string {
  if (!jwksUrl.endsWith(JWKS_SUFFIX)) throw new Error(`set AUTH_SESSIONS_URL: cannot derive it from ${jwksUrl}`);
  return `${jwksUrl.slice(0, -JWKS_SUFFIX.length)}/auth/sessions`;
}

/**
 * The session check `$connect` uses: never answered from memory, so a socket cannot open on a
 * session revoked a moment ago (an HTTP route may believe "active" for 10 s; a socket, once open,
 * lives up to 2 h). A revoked answer is still final; identity unreachable means refused.
 */
export function connectSessionStatus(
  baseUrl: string,
  options: Omit<RemoteSessionStatusOptions, 'activeTtlMs' | 'staleIfErrorMs'> = {},
): SessionStatus {
  return remoteSessionStatus(baseUrl, { ...options, activeTtlMs: 0, staleIfErrorMs: 0 });
}

const verifierOptions = new Map<'http' | 'connect', TokenVerifierOptions>();
function defaultVerifierOptions(kind: 'http' | 'connect' = 'http'): TokenVerifierOptions {
  let options = verifierOptions.get(kind);
  if (!options) {
    const config = parseConfig(AuthConfig);
    const sessionsUrl = config.AUTH_SESSIONS_URL ?? sessionsUrlFromJwks(config.AUTH_JWKS_URL);
    options = {
      jwks: createRemoteJWKSet(new URL(config.AUTH_JWKS_URL), { cacheMaxAge: 10 * 60_000, cooldownDuration: 30_000 }),
      issuer: config.AUTH_ISSUER,
      audience: config.AUTH_AUDIENCE,
      sessions: kind === 'connect' ? connectSessionStatus(sessionsUrl) : remoteSessionStatus(sessionsUrl),
    };
    verifierOptions.set(kind, options);
  }
  return options;
}

function bearer(header: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)$/i.exec(header ?? '');
  return match?.[1];
}

type HttpAuthorizerResult = APIGatewaySimpleAuthorizerWithContextResult<{
  userId: string;
  roles: string;
  sessionId: string;
}>;

/**
 * An authorizer's invocation, traced and logged like the other presets: the tracer's `## handler`
 * subsegment (annotations cannot go on Lambda's own function segment), the logger's context with
 * keys reset per invocation. On AWS an HTTP or WebSocket API invokes the authorizer without a trace
 * header, so its invocation is a trace of its own, apart from the route's (ADR 0031): `correlationId`
 * (the request id, as the route reads it) and, once the token is verified, `userId` find it.
 */
function authorizerPreset<E, R>(authorize: (event: E, context: Context) => Promise<R>) {
  const traced = middy<E, R>()
    .use(captureLambdaHandler(tracer, { captureResponse: false }))
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .handler(authorize);
  // Lambda always passes a context; a test calling the authorizer with its event alone gets an empty one
  return (event: E, context?: Context): Promise<R> => traced(event, context ?? ({} as Context));
}

/** Logs and annotates the request's correlation id: the `x-correlation-id` header, else the request id (as `httpHandler`). */
function correlate(correlationId: string | undefined, route: string | undefined): void {
  if (correlationId) logger.appendKeys({ correlationId, ...(route ? { route } : {}) });
  annotateTrace({ correlationId });
}

/**
 * HTTP API request authorizer (payload 2.0, simple responses). API Gateway answers 401 itself when
 * the Authorization header is missing, and 403 when this returns `isAuthorized: false`.
 */
export function httpAuthorizer(options: () => TokenVerifierOptions = () => defaultVerifierOptions('http')) {
  return authorizerPreset(async function authorize(
    event: APIGatewayRequestAuthorizerEventV2,
  ): Promise<HttpAuthorizerResult> {
    const headers = event.headers ?? {};
    correlate(headers['x-correlation-id'] ?? event.requestContext?.requestId, event.routeKey);
    const token = bearer(headers.authorization ?? headers.Authorization);
    if (!token) return { isAuthorized: false, context: { userId: '', roles: '', sessionId: '' } };
    try {
      const v = await verifyAccessToken(token, options());
      annotateTrace({ userId: v.userId });
      return { isAuthorized: true, context: { userId: v.userId, roles: v.roles.join(','), sessionId: v.sessionId } };
    } catch (err) {
      logger.info('token refused', { reason: (err as Error).message });
      return { isAuthorized: false, context: { userId: '', roles: '', sessionId: '' } };
    }
  });
}

/**
 * WebSocket `$connect` request authorizer: the token comes from `?token=` (browsers cannot set headers),
 * and its session is asked about afresh every time (`connectSessionStatus`).
 */
export function websocketAuthorizer(options: () => TokenVerifierOptions = () => defaultVerifierOptions('connect')) {
  return authorizerPreset(async function authorizeConnect(
    event: APIGatewayRequestAuthorizerEvent,
  ): Promise<APIGatewayAuthorizerResult> {
    correlate(event.requestContext?.requestId, '$connect');
    const token = event.queryStringParameters?.token;
    const deny = (): APIGatewayAuthorizerResult => ({
      principalId: 'anonymous',
      policyDocument: {
        Version: '2012-10-17',
        Statement: [{ Action: 'execute-api:Invoke', Effect: 'Deny', Resource: event.methodArn }],
      },
    });
    if (!token) return deny();
    try {
      const v = await verifyAccessToken(token, options());
      annotateTrace({ userId: v.userId });
      return {
        principalId: v.userId,
        policyDocument: {
          Version: '2012-10-17',
          Statement: [{ Action: 'execute-api:Invoke', Effect: 'Allow', Resource: event.methodArn }],
        },
        context: { userId: v.userId, roles: v.roles.join(','), sessionId: v.sessionId },
      };
    } catch (err) {
      logger.info('connect token refused', { reason: (err as Error).message });
      return deny();
    }
  });
}
