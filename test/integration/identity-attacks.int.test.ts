import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { api, devstackUrl } from '../support/http.ts';
import { registerUser } from '../support/users.ts';

// The attack suite against the running stack: forged and stale tokens at the gateway
// (the shared authorizer), refresh-token reuse, revoked sessions and password guessing.

const identity = () => api('identity');
// A present but refused token: API Gateway answers 403 to `isAuthorized: false` (401 only when the header is missing).
const REFUSED = [401, 403];

const b64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

function parts(token: string) {
  const [header, payload] = token.split('.') as [string, string];
  return {
    header: JSON.parse(Buffer.from(header, 'base64url').toString('utf8')),
    payload: JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')),
  };
}

describe('identity attack suite', () => {
  it('refuses alg none, HS256 keyed with the public key, a tampered payload and garbage at the gateway', async () => {
    const call = identity();
    const alice = await registerUser(devstackUrl());
    const { header, payload } = parts(alice.tokens.accessToken);
    const raised = { ...payload, roles: ['admin', 'user'], sub: 'someone-else' };
    const jwks = (await call('GET', '/.well-known/jwks.json')).body;
    const hs256 = (secret: string) => {
      const signingInput = `${b64url({ ...header, alg: 'HS256' })}.${b64url(raised)}`;
      return `${signingInput}.${createHmac('sha256', secret).update(signingInput).digest('base64url')}`;
    };
    const [h, , s] = alice.tokens.accessToken.split('.');
    const forged = [
      `${b64url({ alg: 'none', typ: 'at+jwt' })}.${b64url(raised)}.`,
      hs256(JSON.stringify(jwks.keys[0])),
      hs256(JSON.stringify(jwks)),
      `${h}.${b64url(raised)}.${s}`,
      'not-a-token',
    ];
    for (const token of forged) {
      const res = await call('GET', '/me', { token });
      expect(REFUSED, token.slice(0, 40)).toContain(res.status);
    }
    expect((await call('GET', '/me', { token: alice.tokens.accessToken })).status).toBe(200);
  });

  /** A new user, their first refresh token, `renew` (POST /auth/refresh with a token) and whether the session is active. */
  async function renewals() {
    const call = identity();
    const alice = await registerUser(devstackUrl());
    return {
      first: alice.tokens.refreshToken,
      renew: (refreshToken: string) => call('POST', '/auth/refresh', { body: { refreshToken } }),
      active: async () => (await call('GET', `/auth/sessions/${alice.tokens.sessionId}/active`)).body,
    };
  }

  it('given a rotated refresh token is replayed after its successor was used, then the whole family is revoked', async () => {
    const { first, renew, active } = await renewals();
    const rotated = await renew(first);
    expect(rotated.status).toBe(200);
    const used = await renew(rotated.body.tokens.refreshToken);
    expect(used.status).toBe(200);

    const replay = await renew(first);
    expect(replay.status).toBe(401);
    expect(replay.body.error.code).toBe('refresh_token_reused');
    expect((await renew(used.body.tokens.refreshToken)).status).toBe(401);
    expect(await active()).toEqual({ active: false });
  });

  it('given a renewal whose answer was lost (a reload cut it), when the same token is presented again at once, then new tokens and the session lives on', async () => {
    const { first, renew, active } = await renewals();
    expect((await renew(first)).status).toBe(200);

    const retried = await renew(first);
    expect(retried.status).toBe(200);
    expect((await renew(retried.body.tokens.refreshToken)).status).toBe(200);
    expect(await active()).toEqual({ active: true });
  });

  it('given a session is revoked, then its still-unexpired access tokens are refused (within the caches: 60 s + 10 s)', async () => {
    const call = identity();
    const alice = await registerUser(devstackUrl());
    const login = async () =>
      (await call('POST', '/auth/login', { body: { email: alice.email, password: alice.password } })).body.tokens;
    const [keeper, unused] = [await login(), await login()];
    const used = alice.tokens.accessToken;
    expect((await call('GET', '/me', { token: used })).status).toBe(200);

    for (const sessionId of [alice.tokens.sessionId, unused.sessionId]) {
      expect((await call('DELETE', `/sessions/${sessionId}`, { token: keeper.accessToken })).status).toBe(204);
    }
    // a session the authorizer never saw alive: refused at once
    expect(REFUSED).toContain((await call('GET', '/me', { token: unused.accessToken })).status);
    // a session seen alive: refused once API Gateway's cache of the authorizer's answer (60 s,
    // resultTtlInSeconds, which devstack keeps as AWS does) and the authorizer's own 10 s lapse (ADR 0006)
    await expect
      .poll(async () => (await call('GET', '/me', { token: used })).status, { timeout: 75_000, interval: 2_000 })
      .toSatisfy((status: number) => REFUSED.includes(status));
    // the session that did the revoking lives on
    expect((await call('GET', '/me', { token: keeper.accessToken })).status).toBe(200);
  }, 100_000);

  it('given 5 wrong passwords in a row from one address, then the next attempt from it, even with the right password, is 429 with Retry-After', async () => {
    const call = identity();
    const alice = await registerUser(devstackUrl());
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await call('POST', '/auth/login', { body: { email: alice.email, password: `wrong guess ${i}` } });
      statuses.push(res.status);
    }
    expect(statuses).toEqual(Array(5).fill(401));
    const next = await call('POST', '/auth/login', { body: { email: alice.email, password: 'wrong guess 5' } });
    expect(next.status).toBe(429);
    expect(Number(next.headers.get('retry-after'))).toBeGreaterThan(0);
    const right = await call('POST', '/auth/login', { body: { email: alice.email, password: alice.password } });
    expect(right.status).toBe(429);
    expect(right.body.error.code).toBe('login_throttled');
  }, 120_000);
});
