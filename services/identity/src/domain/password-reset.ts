import {
  consumeEmailToken,
  EmailTokenPurpose,
  type EmailTokenStore,
  type Mailer,
  usableEmailToken,
} from './email-tokens.ts';
import { EmailTokenInvalid, PasswordTooCommon } from './errors.ts';
import { mailLink } from './mail-link.ts';
import type { User } from './model.ts';
import { passwordWeakness } from './passwords.ts';
import type { Clock, DomainEvents, PasswordHasher, SessionRepository, ThrottleStore, UserRepository } from './ports.ts';
import { revokeAllSessions } from './sessions.ts';
import { countPasswordResetRequest } from './throttle.ts';

export interface PasswordResetDeps {
  users: UserRepository;
  sessions: SessionRepository;
  passwords: PasswordHasher;
  throttle: ThrottleStore;
  emailTokens: EmailTokenStore;
  mailer: Mailer;
  events: DomainEvents;
  clock: Clock;
  /** the web client's origin, for the link (`PUBLIC_ORIGIN`) */
  publicOrigin: string;
}

/**
 * POST /auth/password-reset: mails a link (`#/reset?token=…`, one use, 30 minutes) to the account with
 * this email. Counted per email and per client address first (PasswordResetThrottled → 429), and the
 * same 202 whether or not the email has an account: the answer never tells who has one.
 */
export async function requestPasswordReset(
  deps: Omit<PasswordResetDeps, 'passwords' | 'sessions' | 'events'>,
  input: { email: string; ipAddress?: string },
): Promise<void> {
  await countPasswordResetRequest(
    deps.throttle,
    { email: input.email, ...(input.ipAddress ? { address: input.ipAddress } : {}) },
    deps.clock.now(),
  );
  const user = await deps.users.findByEmail(input.email);
  if (!user) return;
  await mailLink(deps, user, EmailTokenPurpose.passwordReset);
}

/**
 * POST /auth/password-reset/confirm: the link's token sets a new password (the registration rules), once.
 * The password is checked before the token is used up, so a refused password leaves the link working.
 * Then every session of the account is revoked (each publishes identity.SessionRevoked, which closes its
 * sockets): whoever knew the old password is signed out. Reading the link also proves the address, so
 * the email counts as verified.
 */
export async function confirmPasswordReset(
  deps: Omit<PasswordResetDeps, 'mailer' | 'throttle' | 'publicOrigin'>,
  input: { token: string; password: string },
): Promise<void> {
  const stored = await usableEmailToken(deps, { token: input.token, purpose: EmailTokenPurpose.passwordReset });
  const previous = await deps.users.get(stored.userId);
  // the account is gone, or its email changed since the link was sent: the link proves nothing now
  if (!previous || previous.email !== stored.email) throw new EmailTokenInvalid(EmailTokenPurpose.passwordReset);
  const weakness = passwordWeakness(input.password, previous);
  if (weakness) throw new PasswordTooCommon(weakness);
  const passwordHash = await deps.passwords.hash(input.password);
  await consumeEmailToken(deps, stored);
  const next: User = {
    ...previous,
    passwordHash,
    emailVerified: true,
    updatedAt: deps.clock.now().toISOString(),
  };
  await deps.users.save(next, previous);
  await revokeAllSessions(deps, previous.id);
}
