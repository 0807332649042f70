import { describe, expect, it } from 'vitest';
import { register } from '../src/domain/accounts.ts';
import { EMAIL_TOKEN_TTL_MS } from '../src/domain/email-tokens.ts';
import { confirmEmailVerification, resendVerificationEmail } from '../src/domain/email-verification.ts';
import {
  EmailAlreadyVerified,
  EmailTokenExpired,
  EmailTokenInvalid,
  EmailTokenUsed,
  VerificationEmailThrottled,
} from '../src/domain/errors.ts';
import { requestPasswordReset } from '../src/domain/password-reset.ts';
import { getMe } from '../src/domain/profile.ts';
import { VERIFICATION_EMAIL_THROTTLE } from '../src/domain/throttle.ts';
import { TEST_PUBLIC_ORIGIN, testDeps, tokenMailedTo } from './support/memory.ts';

const alice = { email: 'alice@example.com', password: 'correct horse battery', displayName: 'Alice Martin' };

async function registered() {
  const deps = await testDeps();
  const { user } = await register(deps, alice);
  return { deps, userId: user.id, profile: user };
}

describe('email verification', () => {
  it('given a new account, then it is unverified and a link to #/verify?token= was mailed to its email', async () => {
    const { deps, profile } = await registered();
    expect(profile.emailVerified).toBe(false);
    expect(deps.mailer.sent).toHaveLength(1);
    expect(deps.mailer.sent[0]?.to).toBe(alice.email);
    expect(deps.mailer.sent[0]?.text).toContain(`${TEST_PUBLIC_ORIGIN}/#/verify?token=`);
  });

  it('given the mailed token, when confirmed, then GET /me says emailVerified: true', async () => {
    const { deps, userId } = await registered();
    await expect(confirmEmailVerification(deps, { token: tokenMailedTo(deps.mailer, alice.email) })).resolves.toEqual({
      emailVerified: true,
    });
    expect((await getMe(deps, { userId })).emailVerified).toBe(true);
  });

  it('given a token used once, then it is refused as used', async () => {
    const { deps } = await registered();
    const token = tokenMailedTo(deps.mailer, alice.email);
    await confirmEmailVerification(deps, { token });
    await expect(confirmEmailVerification(deps, { token })).rejects.toBeInstanceOf(EmailTokenUsed);
  });

  it('given a token past 24 hours, then it is refused as expired and the email stays unverified', async () => {
    const { deps, userId } = await registered();
    deps.clock.advance(EMAIL_TOKEN_TTL_MS['email-verification'] / 1000);
    await expect(
      confirmEmailVerification(deps, { token: tokenMailedTo(deps.mailer, alice.email) }),
    ).rejects.toBeInstanceOf(EmailTokenExpired);
    expect((await getMe(deps, { userId })).emailVerified).toBe(false);
  });

  it('given a password reset token, then it does not verify (each token serves one purpose)', async () => {
    const { deps } = await registered();
    await requestPasswordReset(deps, { email: alice.email });
    const reset = tokenMailedTo(deps.mailer, alice.email);
    await expect(confirmEmailVerification(deps, { token: reset })).rejects.toBeInstanceOf(EmailTokenInvalid);
  });

  it('given SES failing at sign-up, then the account is still created, and Resend mails a new link', async () => {
    const deps = await testDeps();
    deps.mailer.failNext();
    const { user } = await register(deps, alice);
    expect(deps.mailer.sent).toHaveLength(0);
    await resendVerificationEmail(deps, { userId: user.id });
    await confirmEmailVerification(deps, { token: tokenMailedTo(deps.mailer, alice.email) });
  });

  it('resends at most 3 times in 15 minutes, then refuses with a wait', async () => {
    const { deps, userId } = await registered();
    for (let i = 0; i < VERIFICATION_EMAIL_THROTTLE.perUser; i++) await resendVerificationEmail(deps, { userId });
    const refused = await resendVerificationEmail(deps, { userId }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(VerificationEmailThrottled);
    expect(deps.mailer.sent).toHaveLength(1 + VERIFICATION_EMAIL_THROTTLE.perUser);
    deps.clock.advance(VERIFICATION_EMAIL_THROTTLE.windowSeconds);
    await resendVerificationEmail(deps, { userId });
  });

  it('refuses to resend once verified', async () => {
    const { deps, userId } = await registered();
    await confirmEmailVerification(deps, { token: tokenMailedTo(deps.mailer, alice.email) });
    await expect(resendVerificationEmail(deps, { userId })).rejects.toBeInstanceOf(EmailAlreadyVerified);
  });
});
