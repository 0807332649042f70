import type {
  APIGatewayAuthorizerResult,
  APIGatewayRequestAuthorizerEvent,
  APIGatewayRequestAuthorizerEventV2,
  APIGatewaySimpleAuthorizerWithContextResult,
} from 'aws-lambda';
import { createRemoteJWKSet, type JWTPayload, jwtVerify } from 'jose';
import { z } from 'zod';
import { parseConfig } from './config.ts';
import { logger } from './observability.ts';

export const ACCESS_TOKEN_TYPE = 'at+jwt';

const AuthConfig = z.object({
  AUTH_JWKS_URL: z.url(),
  AUTH_ISSUER: z.string().min(1),
  AUTH_AUDIENCE: z.string().min(1),
});

export interface VerifiedToken {
  userId: string;
  roles: string[];
  sessionId: string;
}

export interface TokenVerifierOptions {
  jwks: Parameters<typeof jwtVerify>[1];
  issuer: string;
  audience: string;
}

/**
 * Verifies a Parley access token: ES256 only (never `none`, never HMAC), signature first,
 * then `iss`, `aud`, `exp`, `nbf` and the token type. Throws on anything else.
 */
export async function verifyAccessToken(token: string, options: TokenVerifierOptions): Promise<VerifiedToken> {
  const { payload } = await jwtVerify(token, options.jwks as Parameters<typeof jwtVerify>[1] & object, {
    algorithms: ['ES256'],
    issuer: options.issuer,
    audience: options.audience,
    typ: ACCESS_TOKEN_TYPE,
    requiredClaims: ['sub', 'exp', 'iat', 'sid'],
    clockTolerance: 5,
  });
  return toVerified(payload);
}

function toVerified(payload: JWTPayload): VerifiedToken {
  const roles = Array.isArray(payload.roles) ? payload.roles.map(String) : [];
  if (typeof payload.sub !== 'string' || typeof payload.sid !== 'string') throw new Error('token lacks sub or sid');
  return { userId: payload.sub, roles, sessionId: payload.sid };
}

let verifierOptions: TokenVerifierOptions | undefined;
function defaultVerifierOptions(): TokenVerifierOptions {
  if (!verifierOptions) {
    const config = parseConfig(AuthConfig);
    verifierOptions = {
      jwks: createRemoteJWKSet(new URL(config.AUTH_JWKS_URL), { cacheMaxAge: 10 * 60_000, cooldownDuration: 30_000 }),
      issuer: config.AUTH_ISSUER,
      audience: config.AUTH_AUDIENCE,
    };
  }
  return verifierOptions;
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

/** HTTP API request authorizer (payload 2.0, simple responses). */
export function httpAuthorizer(options: () => TokenVerifierOptions = defaultVerifierOptions) {
  return async function authorize(event: APIGatewayRequestAuthorizerEventV2): Promise<HttpAuthorizerResult> {
    const headers = event.headers ?? {};
    const token = bearer(headers.authorization ?? headers.Authorization);
    if (!token) return { isAuthorized: false, context: { userId: '', roles: '', sessionId: '' } };
    try {
      const v = await verifyAccessToken(token, options());
      return { isAuthorized: true, context: { userId: v.userId, roles: v.roles.join(','), sessionId: v.sessionId } };
    } catch (err) {
      logger.info('token refused', { reason: (err as Error).message });
      return { isAuthorized: false, context: { userId: '', roles: '', sessionId: '' } };
    }
  };
}

/** WebSocket `$connect` request authorizer: the token comes from `?token=` (browsers cannot set headers). */
export function websocketAuthorizer(options: () => TokenVerifierOptions = defaultVerifierOptions) {
  return async function authorizeConnect(event: APIGatewayRequestAuthorizerEvent): Promise<APIGatewayAuthorizerResult> {
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
  };
}
