import { UserRegistered } from '@parley/events/identity';
import { sendVerificationEmail } from './email-verification.ts';
import { EmailTaken, InvalidCredentials, PasswordTooCommon } from './errors.ts';
import type { MailLinkDeps } from './mail-link.ts';
import { type Profile, Role, type Tokens, type User } from './model.ts';
import { passwordWeakness } from './passwords.ts';
import type {
  AvatarStorage,
  Clock,
  DomainEvents,
  PasswordHasher,
  SessionRepository,
  ThrottleStore,
  TokenSigner,
  UserRepository,
} from './ports.ts';
import { toProfile } from './profile.ts';
import { newId } from './secrets.ts';
import { type ClientInfo, startSession } from './sessions.ts';
import {
  assertNotThrottled,
  countSignup,
  recordFailedLogin,
  recordSuccessfulLogin,
  type SignupLimit,
} from './throttle.ts';

export interface AccountDeps {
  users: UserRepository;
  sessions: SessionRepository;
  passwords: PasswordHasher;
  signer: TokenSigner;
  throttle: ThrottleStore;
  avatars: AvatarStorage;
  events: DomainEvents;
  clock: Clock;
  /** emails (lowercase) that become admin when they register */
  adminEmails: readonly string[];
  /** sign-ups per client address (`SIGNUP_THROTTLE` when absent) */
  signupLimit?: SignupLimit;
}

export interface RegisterInput extends ClientInfo {
  /** already normalized (trimmed, lowercase) */
  email: string;
  password: string;
  displayName: string;
}

/** Registration also mails the verification link (ADR 0020). */
export type RegistrationDeps = AccountDeps & Omit<MailLinkDeps, 'clock'>;

/**
 * POST /auth/register: creates an account, mails it a verification link and signs it in. The first account ever, or one whose
 * email is configured as admin, gets the `admin` role. Refuses passwords that are easy to guess
 * (`passwordWeakness`: common, personal, context words, too few distinct characters; ASVS 6.2.4, 6.2.11).
 * Counted per client address before anything else (`countSignup`: SignupThrottled → 429).
 * Publishes identity.UserRegistered.
 */
export async function register(
  deps: RegistrationDeps,
  input: RegisterInput,
): Promise<{ user: Profile; tokens: Tokens }> {
  await countSignup(deps.throttle, input.ipAddress, deps.clock.now(), deps.signupLimit);
  const weakness = passwordWeakness(input.password, input);
  if (weakness) throw new PasswordTooCommon(weakness);
  if (await deps.users.findByEmail(input.email)) throw new EmailTaken();
  const now = deps.clock.now().toISOString();
  const base: User = {
    id: newId(),
    email: input.email,
    displayName: input.displayName,
    roles: [Role.user],
    passwordHash: await deps.passwords.hash(input.password),
    createdAt: now,
    updatedAt: now,
  };
  const listedAdmin = deps.adminEmails.includes(input.email);
  const user = await createUser(deps.users, base, listedAdmin);
  await deps.events.publishAll([
    {
      event: UserRegistered,
      data: { userId: user.id, displayName: user.displayName, email: user.email, roles: user.roles, registeredAt: now },
    },
  ]);
  await sendVerificationEmail(deps, user);
  const tokens = await startSession(deps, user, input);
  return { user: await toProfile(deps.avatars, user), tokens };
}

async function createUser(users: UserRepository, base: User, listedAdmin: boolean): Promise<User> {
  const withAdmin: User = { ...base, roles: [Role.admin, Role.user] };
  if (!(await users.anyUserExists())) {
    const result = await users.create(withAdmin, { claimFirstUser: true });
    if (result === 'created') return withAdmin;
    if (result === 'email-taken') throw new EmailTaken();
    // someone else became the first user meanwhile: register normally
  }
  const user = listedAdmin ? withAdmin : base;
  const result = await users.create(user, { claimFirstUser: false });
  if (result === 'email-taken') throw new EmailTaken();
  return user;
}

export interface LoginInput extends ClientInfo {
  email: string;
  password: string;
}

/**
 * POST /auth/login. Throttled per (account, client address) with growing delays, per address and,
 * for addresses that failed against it, per account (`throttle.ts`), before any password work
 * (LoginThrottled → 429): failures from one address never refuse the right password from another. An unknown email costs the same scrypt work and gives the same error as a
 * wrong password, so neither the answer nor its timing tells whether an account exists.
 */
export async function login(deps: AccountDeps, input: LoginInput): Promise<{ user: Profile; tokens: Tokens }> {
  const now = deps.clock.now();
  const keys = { account: input.email, ...(input.ipAddress ? { address: input.ipAddress } : {}) };
  await assertNotThrottled(deps.throttle, keys, now);
  const user = await deps.users.findByEmail(input.email);
  const ok = user
    ? await deps.passwords.verify(input.password, user.passwordHash)
    : await deps.passwords.verifyDummy(input.password);
  if (!user || !ok) {
    await recordFailedLogin(deps.throttle, keys, now);
    throw new InvalidCredentials();
  }
  await recordSuccessfulLogin(deps.throttle, keys, now);
  const tokens = await startSession(deps, user, input);
  return { user: await toProfile(deps.avatars, user), tokens };
}
