import { httpAuthorizerEvent, websocketAuthorizerEvent } from '@parley/testing/events';
import { lambdaContext } from '@parley/testing/lambda-context';
import { type CryptoKey, createLocalJWKSet, exportJWK, generateKeyPair, SignJWT } from 'jose';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { httpAuthorizer, type TokenVerifierOptions, websocketAuthorizer } from '../src/authorizer.ts';
import { annotateTrace } from '../src/observability.ts';

// On AWS an HTTP or WebSocket API invokes the authorizer without a trace header: its invocation is a
// trace of its own (ADR 0031), found by what it annotates: the request's correlationId always, the
// caller's userId once the token is verified (never a claim of a token that was refused).
vi.mock('../src/observability.ts', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../src/observability.ts')>()),
  annotateTrace: vi.fn(),
}));

const ISSUER = 'https://api.parley.test/identity';
const AUDIENCE = 'parley';
let options: () => TokenVerifierOptions;
let token: (sub: string, key?: CryptoKey) => Promise<string>;
let strangerKey: CryptoKey;

beforeAll(async () => {
  const pair = await generateKeyPair('ES256', { extractable: true });
  strangerKey = (await generateKeyPair('ES256')).privateKey;
  const jwks = createLocalJWKSet({ keys: [{ ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'ES256' }] });
  options = () => ({ jwks, issuer: ISSUER, audience: AUDIENCE, sessions: { isActive: async () => true } });
  token = (sub, key = pair.privateKey) =>
    new SignJWT({ sid: 'session-1', roles: ['user'] })
      .setProtectedHeader({ alg: 'ES256', kid: 'k1', typ: 'at+jwt' })
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setSubject(sub)
      .setIssuedAt()
      .setNotBefore('0s')
      .setExpirationTime('15m')
      .sign(key);
});
beforeEach(() => vi.mocked(annotateTrace).mockClear());

/** Everything the invocation annotated, merged. */
const annotations = () => Object.assign({}, ...vi.mocked(annotateTrace).mock.calls.map(([source]) => source));
const context = lambdaContext({ functionName: 'parley-messaging-test-authorizer' });

describe('the HTTP API authorizer annotates its own trace', () => {
  it('given a valid token, when authorized, then the trace has the request id as correlationId and the subject as userId', async () => {
    // Prepare
    const event = httpAuthorizerEvent({ token: await token('u_ana') });

    // Act
    const result = await httpAuthorizer(options)(event, context);

    // Assess
    expect(result.isAuthorized).toBe(true);
    expect(annotations()).toEqual({ correlationId: event.requestContext.requestId, userId: 'u_ana' });
  });

  it("given the caller's x-correlation-id, when authorized, then that is the correlationId, as the route reads it", async () => {
    const event = httpAuthorizerEvent({ token: await token('u_ana'), headers: { 'x-correlation-id': 'corr-1' } });
    await httpAuthorizer(options)(event, context);
    expect(annotations()).toMatchObject({ correlationId: 'corr-1' });
  });

  it('given a forged token or none, when refused, then the trace has the correlationId and no userId', async () => {
    for (const event of [
      httpAuthorizerEvent({ token: await token('u_mallory', strangerKey) }),
      httpAuthorizerEvent(),
    ]) {
      vi.mocked(annotateTrace).mockClear();
      const result = await httpAuthorizer(options)(event, context);
      expect(result.isAuthorized).toBe(false);
      expect(annotations()).toEqual({ correlationId: event.requestContext.requestId });
    }
  });
});

describe('the WebSocket $connect authorizer annotates its own trace', () => {
  it('given a valid token, when the connection is allowed, then the trace has the request id and the subject', async () => {
    const plain = websocketAuthorizerEvent({ token: await token('u_ben') });
    const event = { ...plain, requestContext: { ...plain.requestContext, requestId: 'req-connect-1' } };
    const result = await websocketAuthorizer(options)(event, context);
    expect(result.principalId).toBe('u_ben');
    expect(annotations()).toEqual({ correlationId: 'req-connect-1', userId: 'u_ben' });
  });

  it('given an invocation without a context (as a test calls it), when authorized, then it still answers', async () => {
    const result = await websocketAuthorizer(options)(websocketAuthorizerEvent({ token: await token('u_ben') }));
    expect(result.principalId).toBe('u_ben');
  });
});
