import { describe, expect, it } from 'vitest';
import { login, register } from '../src/domain/accounts.ts';
import { EMAIL_TOKEN_TTL_MS } from '../src/domain/email-tokens.ts';
import {
  EmailTokenExpired,
  EmailTokenInvalid,
  EmailTokenUsed,
  InvalidCredentials,
  InvalidRefreshToken,
  PasswordResetThrottled,
  PasswordTooCommon,
} from '../src/domain/errors.ts';
import { confirmPasswordReset, requestPasswordReset } from '../src/domain/password-reset.ts';
import { hashRefreshToken } from '../src/domain/secrets.ts';
import { refresh } from '../src/domain/sessions.ts';
import { PASSWORD_RESET_THROTTLE } from '../src/domain/throttle.ts';
import { TEST_PUBLIC_ORIGIN, testDeps, tokenMailedTo } from './support/memory.ts';

const alice = { email: 'alice@example.com', password: 'correct horse battery', displayName: 'Alice Martin' };
const NEW_PASSWORD = 'purple otter lantern';
const HOME = '198.51.100.7';

type Deps = Awaited<ReturnType<typeof testDeps>>;

async function withAlice(): Promise<Deps & { sessionTokens: string[] }> {
  const deps = await testDeps();
  const first = await register(deps, alice);
  const second = await login(deps, { email: alice.email, password: alice.password, ipAddress: HOME });
  deps.mailer.sent.length = 0;
  return { ...deps, sessionTokens: [first.tokens.refreshToken, second.tokens.refreshToken] };
}

const requestReset = (deps: Deps, email = alice.email, ipAddress = HOME) =>
  requestPasswordReset(deps, { email, ipAddress });

describe('requesting a password reset', () => {
  it('given an account, when a reset is asked for its email, then a link to #/reset?token= is mailed to it', async () => {
    const deps = await withAlice();
    await requestReset(deps);
    expect(deps.mailer.sent).toHaveLength(1);
    const mail = deps.mailer.sent[0];
    expect(mail?.to).toBe(alice.email);
    expect(mail?.subject).toMatch(/reset/i);
    expect(mail?.text).toContain(`${TEST_PUBLIC_ORIGIN}/#/reset?token=`);
    expect(mail?.html).toContain(`${TEST_PUBLIC_ORIGIN}/#/reset?token=`);
  });

  it('given an unknown email, when a reset is asked, then it answers the same (no error) and mails nothing', async () => {
    const deps = await withAlice();
    await expect(requestReset(deps, 'nobody@example.com')).resolves.toBeUndefined();
    await expect(requestReset(deps)).resolves.toBeUndefined();
    expect(deps.mailer.sent.map((m) => m.to)).toEqual([alice.email]);
  });

  it('stores only the hash of the token: nothing stored contains the token itself', async () => {
    const deps = await withAlice();
    await requestReset(deps);
    const token = tokenMailedTo(deps.mailer, alice.email);
    expect(token.length).toBeGreaterThanOrEqual(22); // ≥ 128 bits in base64url
    const stored = deps.emailTokens.all().filter((t) => t.purpose === 'password-reset');
    expect(stored).toHaveLength(1);
    expect(stored[0]?.hash).toBe(hashRefreshToken(token));
    expect(JSON.stringify(deps.emailTokens.all())).not.toContain(token);
  });

  it('given 3 requests for one email within the hour, then the 4th is refused with a wait, for unknown emails too', async () => {
    const deps = await withAlice();
    for (const email of [alice.email, 'nobody@example.com']) {
      for (let i = 0; i < PASSWORD_RESET_THROTTLE.perEmail; i++)
        await requestReset(deps, email, `203.0.113.${i + (email === alice.email ? 1 : 50)}`);
      const refused = await requestReset(deps, email, '203.0.113.99').catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(PasswordResetThrottled);
      expect((refused as PasswordResetThrottled).retryAfterSeconds).toBeGreaterThan(0);
    }
    expect(deps.mailer.sent).toHaveLength(PASSWORD_RESET_THROTTLE.perEmail);
  });

  it('given 20 requests from one address within 15 minutes, then the 21st from it is refused, another address is not', async () => {
    const deps = await withAlice();
    for (let i = 0; i < PASSWORD_RESET_THROTTLE.perAddress; i++)
      await requestReset(deps, `someone${i}@example.com`, '203.0.113.9');
    await expect(requestReset(deps, alice.email, '203.0.113.9')).rejects.toBeInstanceOf(PasswordResetThrottled);
    await expect(requestReset(deps, alice.email, HOME)).resolves.toBeUndefined();
  });
});

describe('confirming a password reset', () => {
  it('given the mailed token, when a new password is set, then it signs in with it and not with the old one', async () => {
    const deps = await withAlice();
    await requestReset(deps);
    await confirmPasswordReset(deps, { token: tokenMailedTo(deps.mailer, alice.email), password: NEW_PASSWORD });
    await expect(login(deps, { email: alice.email, password: NEW_PASSWORD })).resolves.toBeDefined();
    await expect(login(deps, { email: alice.email, password: alice.password })).rejects.toBeInstanceOf(
      InvalidCredentials,
    );
  });

  it('revokes every session of the account and publishes SessionRevoked for each (their sockets close)', async () => {
    const deps = await withAlice();
    await requestReset(deps);
    deps.events.published.length = 0;
    await confirmPasswordReset(deps, { token: tokenMailedTo(deps.mailer, alice.email), password: NEW_PASSWORD });
    for (const refreshToken of deps.sessionTokens)
      await expect(refresh(deps, { refreshToken })).rejects.toBeInstanceOf(InvalidRefreshToken);
    const revoked = deps.events.published.filter((e) => e.event.detailType === 'identity.SessionRevoked');
    expect(revoked).toHaveLength(2);
  });

  it('marks the email verified: reading the link proves the address', async () => {
    const deps = await withAlice();
    await requestReset(deps);
    await confirmPasswordReset(deps, { token: tokenMailedTo(deps.mailer, alice.email), password: NEW_PASSWORD });
    expect(deps.users.all()[0]?.emailVerified).toBe(true);
  });

  it('given a token used once, when used again, then it is refused as used', async () => {
    const deps = await withAlice();
    await requestReset(deps);
    const token = tokenMailedTo(deps.mailer, alice.email);
    await confirmPasswordReset(deps, { token, password: NEW_PASSWORD });
    await expect(confirmPasswordReset(deps, { token, password: 'another fine phrase' })).rejects.toBeInstanceOf(
      EmailTokenUsed,
    );
    await expect(login(deps, { email: alice.email, password: NEW_PASSWORD })).resolves.toBeDefined();
  });

  it('given a token older than 30 minutes, then it is refused as expired and the password stays', async () => {
    const deps = await withAlice();
    await requestReset(deps);
    deps.clock.advance(EMAIL_TOKEN_TTL_MS['password-reset'] / 1000);
    await expect(
      confirmPasswordReset(deps, { token: tokenMailedTo(deps.mailer, alice.email), password: NEW_PASSWORD }),
    ).rejects.toBeInstanceOf(EmailTokenExpired);
    await expect(login(deps, { email: alice.email, password: alice.password })).resolves.toBeDefined();
  });

  it('given a token 29 minutes old, then it still works', async () => {
    const deps = await withAlice();
    await requestReset(deps);
    deps.clock.advance(29 * 60);
    await confirmPasswordReset(deps, { token: tokenMailedTo(deps.mailer, alice.email), password: NEW_PASSWORD });
  });

  it('given an unknown token, or a verification token, then it is refused as invalid', async () => {
    const deps = await withAlice();
    await expect(confirmPasswordReset(deps, { token: 'A'.repeat(43), password: NEW_PASSWORD })).rejects.toBeInstanceOf(
      EmailTokenInvalid,
    );
    const fresh = await testDeps();
    await register(fresh, alice);
    const verification = tokenMailedTo(fresh.mailer, alice.email);
    await expect(confirmPasswordReset(fresh, { token: verification, password: NEW_PASSWORD })).rejects.toBeInstanceOf(
      EmailTokenInvalid,
    );
  });

  it('refuses a password the registration rules refuse, and the link keeps working', async () => {
    const deps = await withAlice();
    await requestReset(deps);
    const token = tokenMailedTo(deps.mailer, alice.email);
    for (const password of ['password123', 'alice martin rocks', 'aaaaaaaaaa'])
      await expect(confirmPasswordReset(deps, { token, password })).rejects.toBeInstanceOf(PasswordTooCommon);
    await confirmPasswordReset(deps, { token, password: NEW_PASSWORD });
  });
});
