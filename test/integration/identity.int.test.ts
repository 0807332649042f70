import { describe, expect, it } from 'vitest';
import { api, devstackUrl } from '../support/http.ts';
import { registerUser } from '../support/users.ts';

// Identity end to end on devstack: DynamoDB Local, s3rver, the SSM emulator, the EventBridge broker,
// the real scrypt cost and the shared authorizer, through the :3000-style origin.

const identity = () => api('identity');

describe('identity: accounts and tokens', () => {
  it('registers, reads /me, logs in again, refreshes and logs out', async () => {
    const call = identity();
    const alice = await registerUser(devstackUrl(), { displayName: 'Alice Integration' });
    expect(alice.user).toMatchObject({ email: alice.email, displayName: 'Alice Integration' });
    expect(alice.tokens).toMatchObject({ expiresIn: 900, tokenType: 'Bearer' });

    const me = await call('GET', '/me', { token: alice.tokens.accessToken });
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ id: alice.user.id, email: alice.email });
    expect(me.body).not.toHaveProperty('passwordHash');

    const login = await call('POST', '/auth/login', {
      body: { email: alice.email.toUpperCase(), password: alice.password },
    });
    expect(login.status).toBe(200);
    expect(login.body.tokens.sessionId).not.toBe(alice.tokens.sessionId);

    const refreshed = await call('POST', '/auth/refresh', { body: { refreshToken: login.body.tokens.refreshToken } });
    expect(refreshed.status).toBe(200);
    expect(refreshed.body.tokens.refreshToken).not.toBe(login.body.tokens.refreshToken);
    expect((await call('GET', '/me', { token: refreshed.body.tokens.accessToken })).status).toBe(200);

    const out = await call('POST', '/auth/logout', { body: { refreshToken: refreshed.body.tokens.refreshToken } });
    expect(out.status).toBe(204);
    const after = await call('POST', '/auth/refresh', { body: { refreshToken: refreshed.body.tokens.refreshToken } });
    expect(after.status).toBe(401);
    expect(after.body.error.code).toBe('invalid_refresh_token');
  });

  it('answers 409 for a taken email, 400 for bad input, 401 for bad credentials, and never 5xx', async () => {
    const call = identity();
    const alice = await registerUser(devstackUrl());
    const again = await call('POST', '/auth/register', {
      body: { email: alice.email, password: 'another fine passphrase', displayName: 'Again' },
    });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('email_taken');

    const bad = [
      { email: 'not-an-email', password: 'long enough pass', displayName: 'X' },
      { email: 'short@parley.test', password: 'short', displayName: 'X' },
      { email: 'long@parley.test', password: 'x'.repeat(129), displayName: 'X' },
      { email: 'common@parley.test', password: 'password123', displayName: 'X' },
      { email: 'extra@parley.test', password: 'long enough pass', displayName: 'X', roles: ['admin'] },
    ];
    for (const body of bad) {
      const res = await call('POST', '/auth/register', { body });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.code).toMatch(/validation_failed|password_too_common/);
    }
    expect((await call('POST', '/auth/register', { body: '{not json' })).status).toBe(400);

    const wrong = await call('POST', '/auth/login', { body: { email: alice.email, password: 'not the password' } });
    const unknown = await call('POST', '/auth/login', {
      body: { email: 'ghost@parley.test', password: 'not the password' },
    });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(unknown.body).toEqual(wrong.body);
  });

  it('publishes every public signing key as a JWKS', async () => {
    const res = await identity()('GET', '/.well-known/jwks.json');
    expect(res.status).toBe(200);
    expect(res.body.keys.length).toBeGreaterThan(0);
    for (const key of res.body.keys) {
      expect(key).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256', use: 'sig', kid: expect.any(String) });
      expect(key).not.toHaveProperty('d');
    }
  });

  it('lists my sessions and revokes one, which ends its refresh token', async () => {
    const call = identity();
    const alice = await registerUser(devstackUrl());
    const second = await call('POST', '/auth/login', { body: { email: alice.email, password: alice.password } });
    const list = await call('GET', '/sessions', { token: alice.tokens.accessToken });
    expect(list.status).toBe(200);
    expect(list.body.items.map((s: { id: string }) => s.id).sort()).toEqual(
      [alice.tokens.sessionId, second.body.tokens.sessionId].sort(),
    );
    expect(list.body.items.find((s: { current: boolean }) => s.current).id).toBe(alice.tokens.sessionId);

    const del = await call('DELETE', `/sessions/${second.body.tokens.sessionId}`, { token: alice.tokens.accessToken });
    expect(del.status).toBe(204);
    const refresh = await call('POST', '/auth/refresh', { body: { refreshToken: second.body.tokens.refreshToken } });
    expect(refresh.status).toBe(401);
    const status = await call('GET', `/auth/sessions/${second.body.tokens.sessionId}/active`);
    expect(status.body).toEqual({ active: false });
  });
});

describe('identity: profile, directory, contacts, avatar', () => {
  it('updates my profile with validated fields and refuses bad ones with 400', async () => {
    const call = identity();
    const alice = await registerUser(devstackUrl());
    const token = alice.tokens.accessToken;
    const ok = await call('PATCH', '/me', {
      token,
      body: {
        statusMessage: 'Back Monday',
        locale: 'es-pa',
        timeZone: 'America/Panama',
        mobileNumber: '+507 6123-4567',
      },
    });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ locale: 'es-PA', timeZone: 'America/Panama', mobileNumber: '+50761234567' });
    for (const body of [
      { timeZone: 'Nowhere/Atlantis' },
      { mobileNumber: '12345' },
      { mobileNumber: '+41 900 123 456' },
      { roles: ['admin'] },
      { email: 'new@parley.test' },
      {},
    ]) {
      const res = await call('PATCH', '/me', { token, body });
      expect(res.status, JSON.stringify(body)).toBe(400);
    }
    const me = await call('GET', '/me', { token });
    expect(me.body).toMatchObject({ roles: alice.user.roles, email: alice.email, mobileNumber: '+50761234567' });
    const cleared = await call('PATCH', '/me', { token, body: { mobileNumber: null } });
    expect(cleared.body).not.toHaveProperty('mobileNumber');
  });

  it('finds people by name prefix and later word, and by whole email, case-insensitively, page by page', async () => {
    const call = identity();
    const tag = Math.random().toString(36).slice(2, 8);
    const people = await Promise.all(
      [0, 1, 2, 3, 4].map((i) =>
        registerUser(devstackUrl(), { displayName: `Walker${tag} Person${i}`, email: `w${i}-${tag}@parley.test` }),
      ),
    );
    const token = people[0]?.tokens.accessToken as string;
    const seen: string[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < 10; page++) {
      const res = await call(
        'GET',
        `/users?q=WALKER${tag}&limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
        { token },
      );
      expect(res.status).toBe(200);
      for (const item of res.body.items) {
        // public fields only: the email's domain tells two namesakes apart, the address is never shown
        expect(Object.keys(item).sort()).toEqual(['displayName', 'emailDomain', 'id']);
        expect(item.emailDomain).toBe('parley.test');
        seen.push(item.id);
      }
      cursor = res.body.nextCursor;
      if (!cursor) break;
    }
    expect(seen.sort()).toEqual(people.map((p) => p.user.id).sort());
    const byWord = await call('GET', `/users?q=person3`, { token });
    expect(byWord.body.items.map((i: { id: string }) => i.id)).toContain(people[3]?.user.id);
    const byEmailPrefix = await call('GET', `/users?q=w4-${tag}`, { token });
    expect(byEmailPrefix.body.items).toEqual([]);
    const byEmail = await call('GET', `/users?q=${encodeURIComponent(people[4]?.email.toUpperCase() ?? '')}`, {
      token,
    });
    expect(byEmail.body.items.map((i: { id: string }) => i.id)).toEqual([people[4]?.user.id]);
    expect((await call('GET', '/users?q=', { token })).status).toBe(400);
    expect((await call('GET', `/users?q=w&cursor=bm90LWEta2V5`, { token })).status).toBe(400);
  });

  it('adds, lists and removes contacts; only existing users; idempotent', async () => {
    const call = identity();
    const [alice, bob] = await Promise.all([registerUser(devstackUrl()), registerUser(devstackUrl())]);
    const token = alice.tokens.accessToken;
    const put = await call('PUT', `/contacts/${bob.user.id}`, { token });
    expect(put.status).toBe(201);
    expect(put.body.contact).toMatchObject({ id: bob.user.id, displayName: bob.user.displayName });
    expect((await call('PUT', `/contacts/${bob.user.id}`, { token })).status).toBe(200);
    expect((await call('PUT', '/contacts/no-such-user', { token })).status).toBe(404);
    expect((await call('PUT', `/contacts/${alice.user.id}`, { token })).status).toBe(422);
    const list = await call('GET', '/contacts', { token });
    expect(list.body.items.map((c: { id: string }) => c.id)).toEqual([bob.user.id]);
    expect((await call('DELETE', `/contacts/${bob.user.id}`, { token })).status).toBe(204);
    expect((await call('DELETE', `/contacts/${bob.user.id}`, { token })).status).toBe(204);
    expect((await call('GET', '/contacts', { token })).body.items).toEqual([]);
  });

  it('uploads an avatar to S3 through a presigned PUT and shows it on the profile', async () => {
    const call = identity();
    const alice = await registerUser(devstackUrl());
    const token = alice.tokens.accessToken;
    const png = Buffer.from(
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==',
      'base64',
    );
    const upload = await call('POST', '/me/avatar', { token, body: { contentType: 'image/png', size: png.length } });
    expect(upload.status).toBe(201);
    const put = await fetch(upload.body.uploadUrl, {
      method: 'PUT',
      headers: { 'content-type': 'image/png', 'content-length': String(png.length) },
      body: png,
    });
    expect(put.status).toBe(200);
    const me = await call('PATCH', '/me', { token, body: { avatarId: upload.body.avatarId } });
    expect(me.status).toBe(200);
    const image = await fetch(me.body.avatarUrl);
    expect(image.status).toBe(200);
    expect(Buffer.from(await image.arrayBuffer()).equals(png)).toBe(true);

    const tooBig = await call('POST', '/me/avatar', {
      token,
      body: { contentType: 'image/png', size: 3 * 1024 * 1024 },
    });
    expect(tooBig.status).toBe(400);
    const svg = await call('POST', '/me/avatar', { token, body: { contentType: 'image/svg+xml', size: 100 } });
    expect(svg.status).toBe(400);
    const notUploaded = await call('POST', '/me/avatar', { token, body: { contentType: 'image/png', size: 100 } });
    const unset = await call('PATCH', '/me', { token, body: { avatarId: notUploaded.body.avatarId } });
    expect(unset.status).toBe(422);
  });
});
