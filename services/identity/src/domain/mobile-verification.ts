import { randomInt } from 'node:crypto';
import { MobileVerificationRequested } from '@parley/events/identity';
import {
  UserNotFound,
  VerificationAttemptsExhausted,
  VerificationCodeInvalid,
  VerificationResendThrottled,
} from './errors.ts';
import type { User } from './model.ts';
import type { Clock, DomainEvents, UserRepository } from './ports.ts';
import { profileUpdatedEvent } from './profile.ts';

/** A pending verification of a mobile number, as stored: the code only as its hash. */
export interface MobileVerification {
  userId: string;
  mobileNumber: string;
  codeHash: string;
  /** tries made so far */
  attempts: number;
  sentAt: string;
  expiresAt: string;
}

/** Port: pending verifications, one per user. */
export interface MobileVerificationStore {
  get(userId: string): Promise<MobileVerification | undefined>;
  /** Replaces the user's pending verification (a new code voids the old one). */
  put(verification: MobileVerification): Promise<void>;
  /**
   * Counts one try against the verification whose code hash is `codeHash`, atomically (a conditional
   * write): false when `max` tries were already made or that code was replaced meanwhile.
   */
  countAttempt(userId: string, codeHash: string, max: number): Promise<boolean>;
  delete(userId: string): Promise<void>;
}

/** Port: one-way hashing of one-time codes (salted scrypt in production). */
export interface CodeHasher {
  hash(code: string): Promise<string>;
  verify(code: string, stored: string): Promise<boolean>;
}

export interface MobileVerificationDeps {
  users: UserRepository;
  verifications: MobileVerificationStore;
  codes: CodeHasher;
  events: DomainEvents;
  clock: Clock;
}

/** How long a code is valid, how many tries it allows, how soon a user may ask for another. */
export const VERIFICATION = { ttlMs: 10 * 60_000, maxAttempts: 5, resendAfterMs: 60_000 } as const;

const newCode = () => String(randomInt(0, 1_000_000)).padStart(6, '0');

/**
 * POST /me/mobile/verification: sends a 6-digit code to `mobileNumber` (through notifications, which
 * owns SMS and its caps) and remembers its hash for 10 minutes. At most one request a minute per user.
 * The profile does not change until the code is confirmed.
 */
export async function requestMobileVerification(
  deps: MobileVerificationDeps,
  input: { userId: string; mobileNumber: string },
): Promise<void> {
  const user = await deps.users.get(input.userId);
  if (!user) throw new UserNotFound();
  const now = deps.clock.now();
  const pending = await deps.verifications.get(input.userId);
  if (pending) {
    const waitMs = new Date(pending.sentAt).getTime() + VERIFICATION.resendAfterMs - now.getTime();
    if (waitMs > 0) throw new VerificationResendThrottled(Math.ceil(waitMs / 1000));
  }
  const code = newCode();
  const expiresAt = new Date(now.getTime() + VERIFICATION.ttlMs).toISOString();
  await deps.verifications.put({
    userId: input.userId,
    mobileNumber: input.mobileNumber,
    codeHash: await deps.codes.hash(code),
    attempts: 0,
    sentAt: now.toISOString(),
    expiresAt,
  });
  // No audience: the code must reach the phone only, never the user's browsers through the fan-out.
  await deps.events.publishAll([
    {
      event: MobileVerificationRequested,
      data: { userId: input.userId, mobileNumber: input.mobileNumber, code, expiresAt },
    },
  ]);
}

/**
 * POST /me/mobile/verification/confirm: the code sent to the pending number makes it the user's
 * verified mobile number (and publishes identity.ProfileUpdated). A wrong or expired code is refused;
 * after 5 tries the code is dead, even if right, and the user must ask for a new one.
 */
export async function confirmMobileVerification(
  deps: MobileVerificationDeps,
  input: { userId: string; code: string },
): Promise<{ mobileNumber: string; mobileVerified: true }> {
  const pending = await deps.verifications.get(input.userId);
  const now = deps.clock.now();
  if (!pending || new Date(pending.expiresAt) <= now) throw new VerificationCodeInvalid();
  if (!(await deps.verifications.countAttempt(input.userId, pending.codeHash, VERIFICATION.maxAttempts)))
    throw new VerificationAttemptsExhausted();
  if (!(await deps.codes.verify(input.code, pending.codeHash))) throw new VerificationCodeInvalid();

  const previous = await deps.users.get(input.userId);
  if (!previous) throw new UserNotFound();
  const next: User = {
    ...previous,
    mobileNumber: pending.mobileNumber,
    mobileVerified: true,
    updatedAt: now.toISOString(),
  };
  await deps.users.save(next, previous);
  await deps.verifications.delete(input.userId);
  await deps.events.publishAll([profileUpdatedEvent(next, ['mobileNumber', 'mobileVerified'])]);
  return { mobileNumber: pending.mobileNumber, mobileVerified: true };
}
