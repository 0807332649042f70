import { verifyAccessToken } from '@parley/lambda/authorizer';
import { createLocalJWKSet, type JWK } from 'jose';
import { describe, expect, it } from 'vitest';
import { login, register } from '../src/domain/accounts.ts';
import { EmailTaken, InvalidCredentials, PasswordTooCommon } from '../src/domain/errors.ts';
import { TEST_ISSUER, testDeps } from './support/memory.ts';

const alice = { email: 'alice@example.com', password: 'correct horse battery', displayName: 'Alice Martin' };

describe('register', () => {
  it('given no account yet, when someone registers, then they are the first user and admin, signed in', async () => {
    const deps = await testDeps();
    const { user, tokens } = await register(deps, alice);
    expect(user).toMatchObject({ email: 'alice@example.com', displayName: 'Alice Martin', roles: ['admin', 'user'] });
    expect(user).not.toHaveProperty('passwordHash');
    const jwks = createLocalJWKSet((await deps.signer.jwks()) as { keys: JWK[] });
    const verified = await verifyAccessToken(tokens.accessToken, { jwks, issuer: TEST_ISSUER, audience: 'parley' });
    expect(verified).toEqual({ userId: user.id, roles: ['admin', 'user'], sessionId: tokens.sessionId });
    expect(tokens).toMatchObject({ expiresIn: 900, tokenType: 'Bearer' });
    expect(tokens.refreshToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('given a first user, when a second registers, then the second is a plain user', async () => {
    const deps = await testDeps();
    await register(deps, alice);
    const { user } = await register(deps, { ...alice, email: 'bob@example.com', displayName: 'Bob' });
    expect(user.roles).toEqual(['user']);
  });

  it('given an email listed as admin, when it registers later, then it is admin', async () => {
    const deps = await testDeps({ adminEmails: ['carol@example.com'] });
    await register(deps, alice);
    const { user } = await register(deps, { ...alice, email: 'carol@example.com', displayName: 'Carol' });
    expect(user.roles).toContain('admin');
  });

  it('publishes identity.UserRegistered and stores only a scrypt hash of the password', async () => {
    const deps = await testDeps();
    const { user } = await register(deps, alice);
    expect(deps.events.ofType('identity.UserRegistered')).toEqual([
      expect.objectContaining({ data: expect.objectContaining({ userId: user.id, email: 'alice@example.com' }) }),
    ]);
    const stored = deps.users.all()[0];
    expect(stored?.passwordHash).toMatch(/^scrypt\$10\$8\$1\$/);
    expect(stored?.passwordHash).not.toContain(alice.password);
  });

  it('given an existing email, when it registers again, then EmailTaken and nothing changes', async () => {
    const deps = await testDeps();
    await register(deps, alice);
    await expect(register(deps, { ...alice, displayName: 'Impostor' })).rejects.toBeInstanceOf(EmailTaken);
    expect(deps.users.all()).toHaveLength(1);
  });

  it('given one of the most common passwords, in any case, then PasswordTooCommon and no account', async () => {
    const deps = await testDeps();
    for (const password of ['password1', 'PASSWORD1', 'qwertyuiop', 'iloveyou']) {
      await expect(register(deps, { ...alice, password })).rejects.toBeInstanceOf(PasswordTooCommon);
    }
    expect(deps.users.all()).toHaveLength(0);
  });

  it('given a password that is easy to guess for this account, then PasswordTooCommon naming why, and no account', async () => {
    const deps = await testDeps();
    const refusals: [string, string][] = [
      ['aaaaaaaa', 'repeated'],
      ['        ', 'whitespace'],
      ['abababab', 'few-distinct'],
      ['parley123', 'context'],
      ['alice@example.com', 'personal'],
      ['ALICE@EXAMPLE.COM!', 'personal'],
      ['my alice99', 'personal'],
      ['AliceMartin1', 'personal'],
    ];
    for (const [password, reason] of refusals) {
      const refused = await register(deps, { ...alice, password }).catch((e: unknown) => e);
      expect(refused, password).toBeInstanceOf(PasswordTooCommon);
      expect((refused as PasswordTooCommon).reason, password).toBe(reason);
      expect((refused as PasswordTooCommon).details).toEqual([{ path: ['password'], reason }]);
    }
    expect(deps.users.all()).toHaveLength(0);
  });
});

describe('login', () => {
  it('given the right password, then a new session with tokens', async () => {
    const deps = await testDeps();
    const registered = await register(deps, alice);
    const { user, tokens } = await login(deps, { email: alice.email, password: alice.password, ipAddress: '10.0.0.1' });
    expect(user.id).toBe(registered.user.id);
    expect(tokens.sessionId).not.toBe(registered.tokens.sessionId);
  });

  it('given a wrong password or an unknown email, then the same InvalidCredentials', async () => {
    const deps = await testDeps();
    await register(deps, alice);
    const wrong = login(deps, { email: alice.email, password: 'not the password' });
    const unknown = login(deps, { email: 'nobody@example.com', password: 'not the password' });
    const [a, b] = await Promise.allSettled([wrong, unknown]);
    expect(a).toMatchObject({ status: 'rejected', reason: expect.any(InvalidCredentials) });
    expect(b).toMatchObject({ status: 'rejected', reason: expect.any(InvalidCredentials) });
    expect((a as PromiseRejectedResult).reason.message).toBe((b as PromiseRejectedResult).reason.message);
  });

  it('given an unknown email, then the password still costs a hash verification (no timing oracle)', async () => {
    const deps = await testDeps();
    let dummyVerifications = 0;
    const passwords = {
      ...deps.passwords,
      verifyDummy: async (p: string) => {
        dummyVerifications++;
        return deps.passwords.verifyDummy(p);
      },
    };
    await expect(login({ ...deps, passwords }, { email: 'ghost@example.com', password: 'whatever' })).rejects.toThrow();
    expect(dummyVerifications).toBe(1);
  });
});
