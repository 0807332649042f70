import { describe, expect, it } from 'vitest';
import { api, devstackUrl } from '../support/http.ts';
import { mailTo, waitForLink } from '../support/mail.ts';
import { registerUser } from '../support/users.ts';

// Forgot password and email verification on devstack (ADR 0020): identity's real handlers, its
// SESv2 client pointed at devstack's emulator, the email read back from GET /_dev/mail.

const identity = () => api('identity');

describe('password reset by email', () => {
  it('mails a link; its token sets a new password once, and every old session is refused', async () => {
    const call = identity();
    const base = devstackUrl();
    const alice = await registerUser(base, { displayName: 'Alice Reset' });
    const other = await call('POST', '/auth/login', { body: { email: alice.email, password: alice.password } });
    expect(other.status).toBe(200);

    // When she asks for a reset, the same 202 comes back as for an unknown address
    const asked = await call('POST', '/auth/password-reset', { body: { email: alice.email } });
    const unknown = await call('POST', '/auth/password-reset', { body: { email: `nobody-${Date.now()}@parley.test` } });
    expect(asked.status).toBe(202);
    expect(unknown.status).toBe(202);
    expect(unknown.body).toEqual(asked.body);

    // Then the email is in devstack's outbox with a link to the web client's #/reset screen
    const { link, token, mail } = await waitForLink(base, alice.email, 'reset');
    expect(mail.subject).toMatch(/reset/i);
    expect(mail.from).toMatch(/@/);
    expect(link.startsWith(`${base}/#/reset?token=`)).toBe(true);

    // When she confirms with the link's token, 204
    const newPassword = 'a brand new passphrase';
    const confirmed = await call('POST', '/auth/password-reset/confirm', { body: { token, password: newPassword } });
    expect(confirmed.status).toBe(204);

    // Then her old refresh tokens are refused, the new password signs in, the old one does not
    for (const refreshToken of [alice.tokens.refreshToken, other.body.tokens.refreshToken]) {
      const refreshed = await call('POST', '/auth/refresh', { body: { refreshToken } });
      expect(refreshed.status).toBe(401);
    }
    const signedIn = await call('POST', '/auth/login', { body: { email: alice.email, password: newPassword } });
    expect(signedIn.status).toBe(200);
    expect(signedIn.body.user.emailVerified).toBe(true);
    const old = await call('POST', '/auth/login', { body: { email: alice.email, password: alice.password } });
    expect(old.status).toBe(401);

    // And the token cannot be used twice
    const again = await call('POST', '/auth/password-reset/confirm', {
      body: { token, password: 'yet another passphrase' },
    });
    expect(again.status).toBe(400);
    expect(again.body.error.code).toBe('email_token_used');
  });

  it('mails nothing for an unknown email, and refuses a bad token or bad input with a 400', async () => {
    const call = identity();
    const base = devstackUrl();
    const nobody = `nobody-${Date.now()}@parley.test`;
    expect((await call('POST', '/auth/password-reset', { body: { email: nobody } })).status).toBe(202);
    // a marker that must arrive after any email to `nobody` would have: an email to a real account
    const bea = await registerUser(base);
    expect((await call('POST', '/auth/password-reset', { body: { email: bea.email } })).status).toBe(202);
    await waitForLink(base, bea.email, 'reset');
    expect(await mailTo(base, nobody)).toEqual([]);

    const unknownToken = await call('POST', '/auth/password-reset/confirm', {
      body: { token: 'A'.repeat(43), password: 'a brand new passphrase' },
    });
    expect(unknownToken.status).toBe(400);
    expect(unknownToken.body.error.code).toBe('email_token_invalid');
    for (const body of [{}, { email: 'not-an-email' }, { email: bea.email, extra: true }]) {
      const res = await call('POST', '/auth/password-reset', { body });
      expect(res.status, JSON.stringify(body)).toBe(400);
    }
  });
});

describe('email verification', () => {
  it('sign-up mails a #/verify link; confirming it makes GET /me say emailVerified: true, once', async () => {
    const call = identity();
    const base = devstackUrl();
    const cleo = await registerUser(base, { displayName: 'Cleo Verify' });
    expect(cleo.user.emailVerified).toBe(false);

    const first = await waitForLink(base, cleo.email, 'verify');
    expect(first.link.startsWith(`${base}/#/verify?token=`)).toBe(true);

    // Resend mails a second link (signed in)
    const resent = await call('POST', '/me/email-verification', { token: cleo.tokens.accessToken });
    expect(resent.status).toBe(202);
    const second = await waitForLink(base, cleo.email, 'verify', 1);
    expect(second.token).not.toBe(first.token);

    // Confirming is public (no token needed: the link is the proof)
    const confirmed = await call('POST', '/auth/email-verification/confirm', { body: { token: second.token } });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body).toEqual({ emailVerified: true });
    const me = await call('GET', '/me', { token: cleo.tokens.accessToken });
    expect(me.body.emailVerified).toBe(true);

    const again = await call('POST', '/auth/email-verification/confirm', { body: { token: second.token } });
    expect(again.status).toBe(400);
    expect(again.body.error.code).toBe('email_token_used');
    const resendVerified = await call('POST', '/me/email-verification', { token: cleo.tokens.accessToken });
    expect(resendVerified.status).toBe(409);
    expect(resendVerified.body.error.code).toBe('email_already_verified');
  });
});
