import { describe, expect, it } from 'vitest';
import { register } from '../src/domain/accounts.ts';
import { InvalidRefreshToken, RefreshTokenReused, SessionNotFound } from '../src/domain/errors.ts';
import { hashRefreshToken } from '../src/domain/secrets.ts';
import {
  isSessionActive,
  listSessions,
  logout,
  REFRESH_REUSE_GRACE_SECONDS,
  refresh,
  revokeSession,
  SESSION_IDLE_SECONDS,
  SESSION_LIFETIME_SECONDS,
} from '../src/domain/sessions.ts';
import { testDeps } from './support/memory.ts';

async function signedIn(email = 'alice@example.com') {
  const deps = await testDeps();
  const { user, tokens } = await register(deps, { email, password: 'correct horse battery', displayName: 'Alice' });
  return { deps, user, tokens };
}

describe('refresh', () => {
  it('given a fresh refresh token, then new tokens with a rotated refresh token and the same session', async () => {
    const { deps, tokens } = await signedIn();
    const next = await refresh(deps, { refreshToken: tokens.refreshToken });
    expect(next.refreshToken).not.toBe(tokens.refreshToken);
    expect(next.sessionId).toBe(tokens.sessionId);
    expect(next.accessToken).not.toBe(tokens.accessToken);
  });

  it('stores refresh tokens only as SHA-256 hashes', async () => {
    const { deps, tokens } = await signedIn();
    const stored = [...deps.sessions.tokens.values()];
    expect(stored).toHaveLength(1);
    expect(stored[0]?.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(stored)).not.toContain(tokens.refreshToken);
  });

  it('given a rotated token is used again after its successor was used, then RefreshTokenReused, the whole family is revoked and SessionRevoked published', async () => {
    const { deps, tokens, user } = await signedIn();
    const used = await refresh(deps, { refreshToken: tokens.refreshToken });
    const next = await refresh(deps, { refreshToken: used.refreshToken });
    await expect(refresh(deps, { refreshToken: tokens.refreshToken })).rejects.toBeInstanceOf(RefreshTokenReused);
    // the legitimate holder's newest token dies with the family
    await expect(refresh(deps, { refreshToken: next.refreshToken })).rejects.toBeInstanceOf(InvalidRefreshToken);
    expect(await isSessionActive(deps, { sessionId: tokens.sessionId })).toBe(false);
    expect(deps.events.ofType('identity.SessionRevoked')).toEqual([
      expect.objectContaining({
        data: { userId: user.id, sessionId: tokens.sessionId, reason: 'reuse-detected' },
        options: { audience: [user.id] },
      }),
    ]);
  });

  it('given a rotated token used again within the grace period while its successor is unused (the answer was lost), then new tokens, and the lost successor no longer works', async () => {
    const { deps, tokens } = await signedIn();
    const lost = await refresh(deps, { refreshToken: tokens.refreshToken });
    deps.clock.advance(REFRESH_REUSE_GRACE_SECONDS - 1);
    const retried = await refresh(deps, { refreshToken: tokens.refreshToken });
    expect(retried.sessionId).toBe(tokens.sessionId);
    expect([tokens.refreshToken, lost.refreshToken]).not.toContain(retried.refreshToken);
    expect(deps.events.ofType('identity.SessionRevoked')).toEqual([]);
    // the session carries on from the retried answer
    const after = await refresh(deps, { refreshToken: retried.refreshToken });
    expect(await isSessionActive(deps, { sessionId: after.sessionId })).toBe(true);
    // whoever holds the lost successor (a thief who raced the owner) is detected: the family is revoked
    await expect(refresh(deps, { refreshToken: lost.refreshToken })).rejects.toBeInstanceOf(RefreshTokenReused);
    expect(await isSessionActive(deps, { sessionId: tokens.sessionId })).toBe(false);
  });

  it('given two renewals in a row whose answers were lost, when the first token is presented again within the grace period, then new tokens', async () => {
    const { deps, tokens } = await signedIn();
    await refresh(deps, { refreshToken: tokens.refreshToken });
    await refresh(deps, { refreshToken: tokens.refreshToken });
    const third = await refresh(deps, { refreshToken: tokens.refreshToken });
    expect((await refresh(deps, { refreshToken: third.refreshToken })).sessionId).toBe(tokens.sessionId);
    expect(deps.events.ofType('identity.SessionRevoked')).toEqual([]);
  });

  it('given the same token presented twice at the same moment (a page cut mid-renewal and its reload), then both get tokens and the session lives on', async () => {
    const { deps, tokens } = await signedIn();
    const [a, b] = await Promise.all([
      refresh(deps, { refreshToken: tokens.refreshToken }),
      refresh(deps, { refreshToken: tokens.refreshToken }),
    ]);
    expect(a.refreshToken).not.toBe(b.refreshToken);
    expect(deps.events.ofType('identity.SessionRevoked')).toEqual([]);
    // the later answer carries the newest token of the line, and the session goes on from it
    const newest = [...deps.sessions.tokens.values()].find((t) => t.status === 'active');
    const carried = [a, b].find((t) => newest?.hash === hashRefreshToken(t.refreshToken));
    expect(carried).toBeDefined();
    await refresh(deps, { refreshToken: (carried as { refreshToken: string }).refreshToken });
    expect(await isSessionActive(deps, { sessionId: tokens.sessionId })).toBe(true);
  });

  it('given a rotated token used again after the grace period, even with its successor unused, then RefreshTokenReused and the family revoked', async () => {
    const { deps, tokens } = await signedIn();
    const next = await refresh(deps, { refreshToken: tokens.refreshToken });
    deps.clock.advance(REFRESH_REUSE_GRACE_SECONDS + 1);
    await expect(refresh(deps, { refreshToken: tokens.refreshToken })).rejects.toBeInstanceOf(RefreshTokenReused);
    await expect(refresh(deps, { refreshToken: next.refreshToken })).rejects.toBeInstanceOf(InvalidRefreshToken);
  });

  it('given a rotated token used again within the grace period after its successor was used, then RefreshTokenReused', async () => {
    const { deps, tokens } = await signedIn();
    const next = await refresh(deps, { refreshToken: tokens.refreshToken });
    await refresh(deps, { refreshToken: next.refreshToken });
    await expect(refresh(deps, { refreshToken: tokens.refreshToken })).rejects.toBeInstanceOf(RefreshTokenReused);
    expect(await isSessionActive(deps, { sessionId: tokens.sessionId })).toBe(false);
  });

  it('given an unknown token, then InvalidRefreshToken', async () => {
    const { deps } = await signedIn();
    await expect(refresh(deps, { refreshToken: 'x'.repeat(43) })).rejects.toBeInstanceOf(InvalidRefreshToken);
  });

  it('given the absolute lifetime has passed, even with steady use, then InvalidRefreshToken', async () => {
    const { deps, tokens } = await signedIn();
    let token = tokens.refreshToken;
    for (let elapsed = 0; elapsed < SESSION_LIFETIME_SECONDS - 86_400; elapsed += 86_400) {
      deps.clock.advance(86_400);
      token = (await refresh(deps, { refreshToken: token })).refreshToken;
    }
    deps.clock.advance(2 * 86_400);
    await expect(refresh(deps, { refreshToken: token })).rejects.toBeInstanceOf(InvalidRefreshToken);
  });

  it('given a session idle longer than the inactivity timeout, then InvalidRefreshToken', async () => {
    const { deps, tokens } = await signedIn();
    deps.clock.advance(SESSION_IDLE_SECONDS + 1);
    await expect(refresh(deps, { refreshToken: tokens.refreshToken })).rejects.toBeInstanceOf(InvalidRefreshToken);
  });
});

describe('logout', () => {
  it('given a refresh token, then its session ends and SessionRevoked (logout) is published', async () => {
    const { deps, tokens } = await signedIn();
    await logout(deps, { refreshToken: tokens.refreshToken });
    expect(await isSessionActive(deps, { sessionId: tokens.sessionId })).toBe(false);
    await expect(refresh(deps, { refreshToken: tokens.refreshToken })).rejects.toBeInstanceOf(InvalidRefreshToken);
    expect(deps.events.ofType('identity.SessionRevoked')[0]?.data).toMatchObject({ reason: 'logout' });
  });

  it('given an unknown or already used-up token, then nothing happens and nothing is published', async () => {
    const { deps, tokens } = await signedIn();
    await logout(deps, { refreshToken: 'y'.repeat(43) });
    await logout(deps, { refreshToken: tokens.refreshToken });
    await logout(deps, { refreshToken: tokens.refreshToken });
    expect(deps.events.ofType('identity.SessionRevoked')).toHaveLength(1);
  });
});

describe('sessions of a user', () => {
  it('lists only the caller’s live sessions and marks the current one', async () => {
    const { deps, user, tokens } = await signedIn();
    const { login } = await import('../src/domain/accounts.ts');
    const second = await login(deps, {
      email: 'alice@example.com',
      password: 'correct horse battery',
      userAgent: 'Phone',
    });
    const bob = await register(deps, { email: 'bob@example.com', password: 'another good one', displayName: 'Bob' });
    await logout(deps, { refreshToken: tokens.refreshToken });
    const items = await listSessions(deps, { userId: user.id, currentSessionId: second.tokens.sessionId });
    expect(items).toEqual([
      expect.objectContaining({ id: second.tokens.sessionId, current: true, userAgent: 'Phone' }),
    ]);
    expect(items.map((s) => s.id)).not.toContain(bob.tokens.sessionId);
  });

  it('given another user’s session id, when revoking, then SessionNotFound and that session lives on (BOLA)', async () => {
    const { deps, tokens } = await signedIn();
    const bob = await register(deps, { email: 'bob@example.com', password: 'another good one', displayName: 'Bob' });
    await expect(revokeSession(deps, { userId: bob.user.id, sessionId: tokens.sessionId })).rejects.toBeInstanceOf(
      SessionNotFound,
    );
    expect(await isSessionActive(deps, { sessionId: tokens.sessionId })).toBe(true);
  });

  it('given my own session, when revoking, then it is no longer active and SessionRevoked (revoked) is published', async () => {
    const { deps, user, tokens } = await signedIn();
    await revokeSession(deps, { userId: user.id, sessionId: tokens.sessionId });
    expect(await isSessionActive(deps, { sessionId: tokens.sessionId })).toBe(false);
    expect(deps.events.ofType('identity.SessionRevoked')[0]?.data).toMatchObject({ reason: 'revoked' });
  });

  it('given an id that never existed, then isSessionActive is false', async () => {
    const { deps } = await signedIn();
    expect(await isSessionActive(deps, { sessionId: 'no-such-session' })).toBe(false);
  });
});
