import { EmailTokenExpired, EmailTokenInvalid, EmailTokenUsed } from './errors.ts';
import type { Clock } from './ports.ts';
import { hashRefreshToken, newEmailToken } from './secrets.ts';

/** What a mailed link is for: each token serves one purpose only. */
export const EmailTokenPurpose = {
  passwordReset: 'password-reset',
  emailVerification: 'email-verification',
} as const;
export type EmailTokenPurpose = (typeof EmailTokenPurpose)[keyof typeof EmailTokenPurpose];

/** How long each link works (ADR 0020). */
export const EMAIL_TOKEN_TTL_MS: Record<EmailTokenPurpose, number> = {
  'password-reset': 30 * 60_000,
  'email-verification': 24 * 3600_000,
};

/** A mailed token as stored: its SHA-256 hash, never the token. */
export interface EmailToken {
  hash: string;
  userId: string;
  purpose: EmailTokenPurpose;
  email: string;
  createdAt: string;
  expiresAt: string;
  usedAt?: string;
}

/** Port: mailed-link tokens by hash. */
export interface EmailTokenStore {
  put(token: EmailToken): Promise<void>;
  get(hash: string): Promise<EmailToken | undefined>;
  /** Marks the token used, atomically: false when it was already used (a second click, a race). */
  markUsed(hash: string, at: string): Promise<boolean>;
}

/** Port: sends one email (SESv2 on AWS and on devstack's emulator). */
export interface Mailer {
  send(mail: { to: string; subject: string; text: string; html?: string }): Promise<void>;
}

/** Issues a new token for `purpose` and stores its hash; the token itself goes only into the email. */
export async function issueEmailToken(
  deps: { emailTokens: EmailTokenStore; clock: Clock },
  input: { userId: string; email: string; purpose: EmailTokenPurpose },
): Promise<string> {
  const token = newEmailToken();
  const now = deps.clock.now();
  await deps.emailTokens.put({
    hash: hashRefreshToken(token),
    userId: input.userId,
    purpose: input.purpose,
    email: input.email,
    createdAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + EMAIL_TOKEN_TTL_MS[input.purpose]).toISOString(),
  });
  return token;
}

/**
 * The stored token a link carries, if it may still be used for `purpose`: unknown (or for another
 * purpose) → EmailTokenInvalid, used → EmailTokenUsed, past its expiry → EmailTokenExpired. It is not
 * consumed yet: the caller checks the rest of the request first, then `consumeEmailToken`.
 */
export async function usableEmailToken(
  deps: { emailTokens: EmailTokenStore; clock: Clock },
  input: { token: string; purpose: EmailTokenPurpose },
): Promise<EmailToken> {
  const stored = await deps.emailTokens.get(hashRefreshToken(input.token));
  if (!stored || stored.purpose !== input.purpose) throw new EmailTokenInvalid(input.purpose);
  if (stored.usedAt) throw new EmailTokenUsed(input.purpose);
  if (new Date(stored.expiresAt) <= deps.clock.now()) throw new EmailTokenExpired(input.purpose);
  return stored;
}

/** Uses the token up (one use); EmailTokenUsed when another request used it first. */
export async function consumeEmailToken(
  deps: { emailTokens: EmailTokenStore; clock: Clock },
  token: EmailToken,
): Promise<void> {
  if (!(await deps.emailTokens.markUsed(token.hash, deps.clock.now().toISOString())))
    throw new EmailTokenUsed(token.purpose);
}

/** The web client's link for a token: `<origin>/#/reset?token=…` or `#/verify?token=…`. */
export function emailLink(publicOrigin: string, purpose: EmailTokenPurpose, token: string): string {
  const route = purpose === EmailTokenPurpose.passwordReset ? 'reset' : 'verify';
  return `${publicOrigin.replace(/\/$/, '')}/#/${route}?token=${encodeURIComponent(token)}`;
}
