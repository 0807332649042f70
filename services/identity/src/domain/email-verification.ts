import {
  consumeEmailToken,
  EmailTokenPurpose,
  type EmailTokenStore,
  type Mailer,
  usableEmailToken,
} from './email-tokens.ts';
import { EmailAlreadyVerified, EmailTokenInvalid, UserNotFound } from './errors.ts';
import { type MailLinkDeps, mailLink } from './mail-link.ts';
import type { User } from './model.ts';
import type { Clock, ThrottleStore, UserRepository } from './ports.ts';
import { countVerificationEmail } from './throttle.ts';

export interface EmailVerificationDeps {
  users: UserRepository;
  throttle: ThrottleStore;
  emailTokens: EmailTokenStore;
  mailer: Mailer;
  clock: Clock;
  publicOrigin: string;
}

/**
 * Registration's verification email (`#/verify?token=…`, one use, 24 hours). A failure to send does
 * not undo the account: it is created already, and the web client's banner offers Resend.
 */
export async function sendVerificationEmail(deps: MailLinkDeps, user: User): Promise<boolean> {
  try {
    await mailLink(deps, user, EmailTokenPurpose.emailVerification);
    return true;
  } catch {
    return false;
  }
}

/** POST /me/email-verification: mails a new verification link; 3 per 15 minutes (VerificationEmailThrottled → 429). */
export async function resendVerificationEmail(deps: EmailVerificationDeps, input: { userId: string }): Promise<void> {
  const user = await deps.users.get(input.userId);
  if (!user) throw new UserNotFound();
  if (user.emailVerified) throw new EmailAlreadyVerified();
  await countVerificationEmail(deps.throttle, input.userId, deps.clock.now());
  await mailLink(deps, user, EmailTokenPurpose.emailVerification);
}

/**
 * POST /auth/email-verification/confirm: the link's token marks the account's email verified, once.
 * Public (the link may be opened in a browser where nobody is signed in): the token is the proof.
 */
export async function confirmEmailVerification(
  deps: Pick<EmailVerificationDeps, 'users' | 'emailTokens' | 'clock'>,
  input: { token: string },
): Promise<{ emailVerified: true }> {
  const stored = await usableEmailToken(deps, { token: input.token, purpose: EmailTokenPurpose.emailVerification });
  const previous = await deps.users.get(stored.userId);
  if (!previous || previous.email !== stored.email) throw new EmailTokenInvalid(EmailTokenPurpose.emailVerification);
  await consumeEmailToken(deps, stored);
  if (!previous.emailVerified) {
    await deps.users.save({ ...previous, emailVerified: true, updatedAt: deps.clock.now().toISOString() }, previous);
  }
  return { emailVerified: true };
}
