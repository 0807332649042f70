import type { APIGatewayRequestAuthorizerEvent, APIGatewayRequestAuthorizerEventV2 } from 'aws-lambda';
import {
  type CryptoKey,
  createLocalJWKSet,
  exportJWK,
  exportSPKI,
  generateKeyPair,
  type JWK,
  type JWTPayload,
  SignJWT,
  UnsecuredJWT,
} from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  connectSessionStatus,
  httpAuthorizer,
  remoteSessionStatus,
  type SessionStatus,
  sessionsUrlFromJwks,
  type TokenVerifierOptions,
  verifyAccessToken,
  websocketAuthorizer,
} from '../src/authorizer.ts';

// The attack suite: every forged, stale or misdirected token is refused before any claim is used.

const ISSUER = 'https://api.parley.test/identity';
const AUDIENCE = 'parley';
const now = () => Math.floor(Date.now() / 1000);

let privateKey: CryptoKey;
let publicJwk: JWK;
let otherPrivateKey: CryptoKey;
let jwks: TokenVerifierOptions['jwks'];

beforeAll(async () => {
  const pair = await generateKeyPair('ES256', { extractable: true });
  privateKey = pair.privateKey;
  publicJwk = { ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'ES256', use: 'sig' };
  otherPrivateKey = (await generateKeyPair('ES256')).privateKey;
  jwks = createLocalJWKSet({ keys: [publicJwk] });
});

const revoked = new Set<string>();
const sessions: SessionStatus = { isActive: async (sid) => !revoked.has(sid) };
const options = (): TokenVerifierOptions => ({ jwks, issuer: ISSUER, audience: AUDIENCE, sessions });

interface TokenSpec {
  claims?: JWTPayload;
  header?: Record<string, unknown>;
  key?: CryptoKey;
}

/** A token exactly as identity signs it, with any part overridden. */
function token({ claims = {}, header = {}, key }: TokenSpec = {}): Promise<string> {
  const t = now();
  return new SignJWT({ sid: 'session-1', roles: ['user'], ...claims })
    .setProtectedHeader({ alg: 'ES256', kid: 'k1', typ: 'at+jwt', ...header })
    .setIssuer((claims.iss as string | undefined) ?? ISSUER)
    .setAudience((claims.aud as string | undefined) ?? AUDIENCE)
    .setSubject((claims.sub as string | undefined) ?? 'user-1')
    .setIssuedAt((claims.iat as number | undefined) ?? t)
    .setNotBefore((claims.nbf as number | undefined) ?? t)
    .setExpirationTime((claims.exp as number | undefined) ?? t + 900)
    .sign(key ?? privateKey);
}

describe('verifyAccessToken', () => {
  it('given a token identity signed, when verified, then it yields the user, roles and session', async () => {
    await expect(verifyAccessToken(await token(), options())).resolves.toEqual({
      userId: 'user-1',
      roles: ['user'],
      sessionId: 'session-1',
    });
  });

  it('given alg none (an unsecured JWT), then it is refused', async () => {
    const unsigned = new UnsecuredJWT({ sub: 'user-1', sid: 'session-1', roles: ['admin'] })
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt()
      .setNotBefore(now())
      .setExpirationTime('15m')
      .encode();
    await expect(verifyAccessToken(unsigned, options())).rejects.toThrow();
  });

  it('given an HS256 token whose HMAC secret is the public key (algorithm confusion), then it is refused', async () => {
    const pem = await exportSPKI(await importPublic(publicJwk));
    for (const secret of [new TextEncoder().encode(pem), new TextEncoder().encode(JSON.stringify(publicJwk))]) {
      const forged = await new SignJWT({ sid: 'session-1', roles: ['admin'] })
        .setProtectedHeader({ alg: 'HS256', kid: 'k1', typ: 'at+jwt' })
        .setIssuer(ISSUER)
        .setAudience(AUDIENCE)
        .setSubject('user-1')
        .setIssuedAt()
        .setNotBefore(now())
        .setExpirationTime('15m')
        .sign(secret);
      await expect(verifyAccessToken(forged, options())).rejects.toThrow();
    }
  });

  it('given an expired token, then it is refused', async () => {
    const expired = await token({ claims: { iat: now() - 1000, nbf: now() - 1000, exp: now() - 60 } });
    await expect(verifyAccessToken(expired, options())).rejects.toThrow(/exp/);
  });

  it('given a token not yet valid, then it is refused', async () => {
    const early = await token({ claims: { nbf: now() + 600, exp: now() + 1500 } });
    await expect(verifyAccessToken(early, options())).rejects.toThrow(/nbf/);
  });

  it('given a token for another audience, then it is refused', async () => {
    await expect(verifyAccessToken(await token({ claims: { aud: 'someone-else' } }), options())).rejects.toThrow(/aud/);
  });

  it('given a token from another issuer, then it is refused', async () => {
    await expect(verifyAccessToken(await token({ claims: { iss: 'https://evil.test' } }), options())).rejects.toThrow(
      /iss/,
    );
  });

  it('given a tampered payload (roles raised to admin, signature kept), then it is refused', async () => {
    const [header, payload, signature] = (await token()).split('.') as [string, string, string];
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    const raised = Buffer.from(JSON.stringify({ ...claims, roles: ['admin'] })).toString('base64url');
    await expect(verifyAccessToken(`${header}.${raised}.${signature}`, options())).rejects.toThrow(/signature/);
  });

  it('given a token signed by a key not in the JWKS, then it is refused', async () => {
    await expect(verifyAccessToken(await token({ key: otherPrivateKey }), options())).rejects.toThrow();
  });

  it('given a token of another type (e.g. an ID token), then it is refused', async () => {
    await expect(verifyAccessToken(await token({ header: { typ: 'JWT' } }), options())).rejects.toThrow(/typ/);
  });

  it('given a token without a session id, then it is refused', async () => {
    const t = now();
    const noSid = await new SignJWT({ roles: ['user'] })
      .setProtectedHeader({ alg: 'ES256', kid: 'k1', typ: 'at+jwt' })
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setSubject('user-1')
      .setIssuedAt(t)
      .setNotBefore(t)
      .setExpirationTime(t + 900)
      .sign(privateKey);
    await expect(verifyAccessToken(noSid, options())).rejects.toThrow(/sid/);
  });

  it('given a valid token whose session was revoked, then it is refused', async () => {
    revoked.add('session-gone');
    await expect(verifyAccessToken(await token({ claims: { sid: 'session-gone' } }), options())).rejects.toThrow(
      /session/,
    );
  });
});

async function importPublic(jwk: JWK) {
  const { importJWK } = await import('jose');
  return (await importJWK(jwk, 'ES256')) as CryptoKey;
}

const httpEvent = (authorization?: string) =>
  ({ headers: authorization ? { authorization } : {} }) as unknown as APIGatewayRequestAuthorizerEventV2;

describe('httpAuthorizer', () => {
  const authorize = httpAuthorizer(options);

  it('given a valid bearer token, then it authorizes and passes userId, roles and sessionId', async () => {
    await expect(authorize(httpEvent(`Bearer ${await token()}`))).resolves.toEqual({
      isAuthorized: true,
      context: { userId: 'user-1', roles: 'user', sessionId: 'session-1' },
    });
  });

  it('given no token, a non-bearer scheme or a forged token, then it does not authorize', async () => {
    const forged = await token({ key: otherPrivateKey });
    for (const header of [undefined, `Basic ${await token()}`, `Bearer ${forged}`, 'Bearer not.a.jwt']) {
      const result = await authorize(httpEvent(header));
      expect(result.isAuthorized, String(header)).toBe(false);
    }
  });
});

describe('websocketAuthorizer', () => {
  const authorize = websocketAuthorizer(options);
  const connect = (token?: string) =>
    ({
      methodArn: 'arn:aws:execute-api:eu-central-1:1:api/local/$connect',
      queryStringParameters: token ? { token } : {},
    }) as unknown as APIGatewayRequestAuthorizerEvent;

  it('given ?token= with a valid token, then it allows the connection with the user in the context', async () => {
    const result = await authorize(connect(await token()));
    expect(result.policyDocument.Statement[0]).toMatchObject({ Effect: 'Allow' });
    expect(result.context).toEqual({ userId: 'user-1', roles: 'user', sessionId: 'session-1' });
  });

  it('given no token or an expired one, then it denies', async () => {
    const expired = await token({ claims: { iat: now() - 1000, nbf: now() - 1000, exp: now() - 60 } });
    for (const t of [undefined, expired]) {
      const result = await authorize(connect(t));
      expect(result.policyDocument.Statement[0]).toMatchObject({ Effect: 'Deny' });
    }
  });
});

describe('remoteSessionStatus', () => {
  function fakeIdentity(answers: Record<string, boolean>) {
    const calls: string[] = [];
    let down = false;
    const fetchFn = (async (url: string) => {
      calls.push(url);
      if (down) throw new Error('connect ECONNREFUSED');
      const sid = decodeURIComponent(url.split('/').at(-2) ?? '');
      return new Response(JSON.stringify({ active: answers[sid] ?? false }), { status: 200 });
    }) as unknown as typeof fetch;
    return { calls, fetchFn, goDown: () => (down = true) };
  }

  it('given an active session, then it asks identity once and believes the answer for the TTL', async () => {
    let clock = 0;
    const identity = fakeIdentity({ s1: true });
    const status = remoteSessionStatus('http://identity.test/auth/sessions/', {
      fetch: identity.fetchFn,
      now: () => clock,
      activeTtlMs: 10_000,
    });
    expect(await status.isActive('s1')).toBe(true);
    clock = 9_000;
    expect(await status.isActive('s1')).toBe(true);
    expect(identity.calls).toEqual(['http://identity.test/auth/sessions/s1/active']);
    clock = 11_000;
    expect(await status.isActive('s1')).toBe(true);
    expect(identity.calls).toHaveLength(2);
  });

  it('given a revoked session, then "revoked" is remembered for good', async () => {
    let clock = 0;
    const identity = fakeIdentity({});
    const status = remoteSessionStatus('http://identity.test/auth/sessions', {
      fetch: identity.fetchFn,
      now: () => clock,
    });
    expect(await status.isActive('gone')).toBe(false);
    clock = 3_600_000;
    expect(await status.isActive('gone')).toBe(false);
    expect(identity.calls).toHaveLength(1);
  });

  it('given identity goes down, then a recent "active" still counts and an old or unknown one is refused', async () => {
    let clock = 0;
    const identity = fakeIdentity({ s1: true });
    const status = remoteSessionStatus('http://identity.test/auth/sessions', {
      fetch: identity.fetchFn,
      now: () => clock,
      activeTtlMs: 10_000,
      staleIfErrorMs: 60_000,
    });
    await status.isActive('s1');
    identity.goDown();
    clock = 30_000;
    expect(await status.isActive('s1')).toBe(true);
    clock = 61_000;
    await expect(status.isActive('s1')).rejects.toThrow(/ECONNREFUSED/);
    await expect(status.isActive('never-seen')).rejects.toThrow(/ECONNREFUSED/);
  });

  it('given the $connect check, when a session is revoked right after an active answer, then the next connect asks again and is refused', async () => {
    const answers: Record<string, boolean> = { s1: true };
    const identity = fakeIdentity(answers);
    const status = connectSessionStatus('http://identity.test/auth/sessions', {
      fetch: identity.fetchFn,
      now: () => 0,
    });
    expect(await status.isActive('s1')).toBe(true);

    answers.s1 = false;

    expect(await status.isActive('s1')).toBe(false);
    expect(identity.calls).toHaveLength(2);
  });

  it('given the $connect check, when identity is down, then even a session seen active a moment ago is refused', async () => {
    const identity = fakeIdentity({ s1: true });
    const status = connectSessionStatus('http://identity.test/auth/sessions', {
      fetch: identity.fetchFn,
      now: () => 0,
    });
    await status.isActive('s1');
    identity.goDown();

    await expect(status.isActive('s1')).rejects.toThrow(/ECONNREFUSED/);
  });

  it('derives the session-status URL from the JWKS URL', () => {
    expect(sessionsUrlFromJwks('http://127.0.0.1:4100/.well-known/jwks.json')).toBe(
      'http://127.0.0.1:4100/auth/sessions',
    );
    expect(sessionsUrlFromJwks('https://api.parley.example/identity/.well-known/jwks.json')).toBe(
      'https://api.parley.example/identity/auth/sessions',
    );
    expect(() => sessionsUrlFromJwks('https://keys.example/keys')).toThrow(/AUTH_SESSIONS_URL/);
  });
});
