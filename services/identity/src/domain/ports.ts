import type { Block, Contact, RefreshTokenRecord, RevokeReason, Role, Session, User } from './model.ts';

/** Port: accounts, the unique email index and the directory. */
export interface UserRepository {
  /**
   * Stores a new user and claims its email atomically. With `claimFirstUser` it also claims the
   * "first user" marker in the same transaction, so exactly one account ever becomes the first admin.
   */
  create(user: User, options: { claimFirstUser: boolean }): Promise<'created' | 'email-taken' | 'not-first'>;
  /** true once any account exists (the first-user marker is set) */
  anyUserExists(): Promise<boolean>;
  get(userId: string): Promise<User | undefined>;
  getMany(userIds: readonly string[]): Promise<User[]>;
  findByEmail(email: string): Promise<User | undefined>;
  /** Writes the new state of a user (its directory entries follow its display name). */
  save(user: User, previous: User): Promise<void>;
  /**
   * Users whose display name (or a later word of it) starts with `prefix` (already normalized), each
   * once across pages. Never by email, not even through entries stored before email terms were dropped.
   */
  search(prefix: string, page: { limit: number; cursor?: string }): Promise<{ users: User[]; cursor?: string }>;
}

/** Port: sessions and their refresh tokens. */
export interface SessionRepository {
  /** Stores a new session with its first refresh token. */
  create(session: Session, token: RefreshTokenRecord): Promise<void>;
  get(sessionId: string): Promise<Session | undefined>;
  listForUser(userId: string): Promise<Session[]>;
  findToken(hash: string): Promise<RefreshTokenRecord | undefined>;
  /**
   * Atomically marks `oldHash` rotated (with `next` as its successor), stores `next` and
   * records the use on the session; `unused`: `oldHash` is retired on behalf of an older token of its
   * line, never having been presented itself.
   * false when `oldHash` was no longer active or the session was revoked meanwhile (a race: treat as reuse).
   */
  rotate(oldHash: string, next: RefreshTokenRecord, use: { usedAt: string; unused: boolean }): Promise<boolean>;
  /** Marks the session revoked; false when it already was. */
  revoke(sessionId: string, reason: RevokeReason, at: string): Promise<boolean>;
}

/** Port: my contacts. */
export interface ContactRepository {
  /** false when already a contact */
  add(contact: Contact): Promise<boolean>;
  /** false when it was not a contact */
  remove(userId: string, contactId: string): Promise<boolean>;
  list(userId: string): Promise<Contact[]>;
}

/** Port: the people each user blocked. */
export interface BlockRepository {
  /** false when already blocked */
  add(block: Block): Promise<boolean>;
  /** false when it was not blocked */
  remove(userId: string, blockedId: string): Promise<boolean>;
  list(userId: string): Promise<Block[]>;
}

/**
 * Port: throttling counters (failed sign-ins, directory searches), one per key and fixed window
 * (`windowStart`, epoch seconds), forgotten after `expiresAt`.
 */
export interface ThrottleStore {
  /** The count so far and when (epoch seconds) the last one was added; `{count: 0}` when none. */
  get(key: string, windowStart: number): Promise<{ count: number; lastAt?: number }>;
  /** Adds one atomically, records `at` as the last time, and returns the new count. */
  hit(key: string, windowStart: number, at: number, expiresAt: number): Promise<number>;
  clear(key: string, windowStart: number): Promise<void>;
}

/** Port: password hashing (scrypt in production). */
export interface PasswordHasher {
  hash(password: string): Promise<string>;
  /** Constant-time check of `password` against a stored hash. */
  verify(password: string, stored: string): Promise<boolean>;
  /** Does the work of `verify` against a dummy hash and returns false: unknown accounts take as long as known ones. */
  verifyDummy(password: string): Promise<false>;
}

/** Port: signs access tokens and publishes the public keys. */
export interface TokenSigner {
  sign(claims: {
    userId: string;
    sessionId: string;
    roles: readonly Role[];
  }): Promise<{ token: string; expiresIn: number }>;
  jwks(): Promise<{ keys: Record<string, unknown>[] }>;
}

/** Port: avatar objects. */
export interface AvatarStorage {
  presignUpload(input: { key: string; contentType: string; size: number }): Promise<{ url: string; expiresIn: number }>;
  describe(key: string): Promise<{ contentType?: string; size: number } | undefined>;
  downloadUrl(key: string): Promise<string>;
}

export { type DomainEvents, domainEvent, type PendingDomainEvent } from '@parley/domain/events';

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };
