import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { httpAuthorizerEvent, httpEvent } from '@parley/testing/events';
import { lambdaContext } from '@parley/testing/lambda-context';
import type { APIGatewayRequestAuthorizerEventV2 } from 'aws-lambda';
import { type CryptoKey, exportJWK, generateKeyPair, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

// calling has only its health route and its authorizer so far; both are the code that runs on AWS,
// with identity stood in for by a local server that publishes the JWKS and answers session status.
const ISSUER = 'https://api.parley.test/identity';
let identity: Server;
let signingKey: CryptoKey;
let strangerKey: CryptoKey;
let authorize: (event: APIGatewayRequestAuthorizerEventV2) => Promise<{ isAuthorized: boolean; context: unknown }>;

beforeAll(async () => {
  const pair = await generateKeyPair('ES256', { extractable: true });
  signingKey = pair.privateKey;
  strangerKey = (await generateKeyPair('ES256')).privateKey;
  const jwks = { keys: [{ ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'ES256', use: 'sig' }] };
  identity = createServer((req, res) => {
    res.setHeader('content-type', 'application/json');
    if (req.url === '/identity/.well-known/jwks.json') return res.end(JSON.stringify(jwks));
    const session = /^\/identity\/auth\/sessions\/([^/]+)\/active$/.exec(req.url ?? '');
    if (session) return res.end(JSON.stringify({ active: session[1] !== 'revoked-session' }));
    res.writeHead(404).end('{}');
  });
  await new Promise<void>((resolve) => identity.listen(0, '127.0.0.1', resolve));
  const { port } = identity.address() as AddressInfo;
  vi.stubEnv('AUTH_JWKS_URL', `http://127.0.0.1:${port}/identity/.well-known/jwks.json`);
  vi.stubEnv('AUTH_ISSUER', ISSUER);
  vi.stubEnv('AUTH_AUDIENCE', 'parley');
  ({ handler: authorize } = await import('../src/handlers/http/authorizer.ts'));
});

afterAll(async () => {
  vi.unstubAllEnvs();
  await new Promise((resolve) => identity.close(resolve));
});

/** An access token as identity signs it. */
function accessToken(options: { key?: CryptoKey; sessionId?: string } = {}): Promise<string> {
  return new SignJWT({ sid: options.sessionId ?? 'session-1', roles: ['member'] })
    .setProtectedHeader({ alg: 'ES256', kid: 'k1', typ: 'at+jwt' })
    .setIssuer(ISSUER)
    .setAudience('parley')
    .setSubject('u-ana')
    .setIssuedAt()
    .setNotBefore('0s')
    .setExpirationTime('15m')
    .sign(options.key ?? signingKey);
}

describe("calling's authorizer", () => {
  it('given a token identity signed for a live session, then the call goes through with the caller in the context', async () => {
    const result = await authorize(httpAuthorizerEvent({ token: await accessToken() }));

    expect(result).toEqual({
      isAuthorized: true,
      context: { userId: 'u-ana', roles: 'member', sessionId: 'session-1' },
    });
  });

  it.each([
    ['no token', async () => httpAuthorizerEvent()],
    [
      'a token signed by another key',
      async () => httpAuthorizerEvent({ token: await accessToken({ key: strangerKey }) }),
    ],
    [
      'a token of a revoked session',
      async () => httpAuthorizerEvent({ token: await accessToken({ sessionId: 'revoked-session' }) }),
    ],
  ])('given %s, then the call is refused', async (_what, event) => {
    expect(await authorize(await event())).toMatchObject({ isAuthorized: false });
  });
});

describe("calling's health route", () => {
  it('when asked, then 200 with the service name, ok and the time', async () => {
    const { handler } = await import('../src/handlers/http/get-health.ts');

    const result = (await handler(httpEvent({ method: 'GET', path: '/health' }), lambdaContext())) as {
      statusCode: number;
      body: string;
    };

    expect(result.statusCode).toBe(200);
    expect(JSON.parse(result.body)).toEqual({ service: 'calling', status: 'ok', time: expect.any(String) });
  });
});
