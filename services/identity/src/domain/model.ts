/** Roles a user can hold. The first user (or one listed in PARLEY_ADMIN_EMAILS) is `admin`. */
export const Role = { admin: 'admin', user: 'user' } as const;
export type Role = (typeof Role)[keyof typeof Role];

/** An account as stored. Only adapters and use cases see `passwordHash`. */
export interface User {
  id: string;
  /** lowercased, trimmed */
  email: string;
  displayName: string;
  statusMessage?: string;
  locale?: string;
  timeZone?: string;
  /** E.164 */
  mobileNumber?: string;
  /** true once the owner confirmed a code sent to `mobileNumber`; a changed number is unverified */
  mobileVerified?: boolean;
  /** S3 key of the current avatar */
  avatarKey?: string;
  /** true once the owner opened a link mailed to `email` (verification or password reset; ADR 0020) */
  emailVerified?: boolean;
  roles: Role[];
  passwordHash: string;
  createdAt: string;
  updatedAt: string;
}

/** What the owner sees of their own account (GET /me). */
export interface Profile {
  id: string;
  email: string;
  displayName: string;
  statusMessage?: string;
  locale?: string;
  timeZone?: string;
  mobileNumber?: string;
  /** Parley texts `mobileNumber` only when it is verified */
  mobileVerified: boolean;
  /** the owner proved they read mail sent to `email` (ADR 0020) */
  emailVerified: boolean;
  avatarUrl?: string;
  roles: Role[];
  createdAt: string;
}

/** What anyone signed in may see of another user (GET /users/{id}, directory, contacts). */
export interface PublicProfile {
  id: string;
  displayName: string;
  statusMessage?: string;
  timeZone?: string;
  avatarUrl?: string;
}

export const RevokeReason = {
  logout: 'logout',
  revoked: 'revoked',
  reuseDetected: 'reuse-detected',
  expired: 'expired',
} as const;
export type RevokeReason = (typeof RevokeReason)[keyof typeof RevokeReason];

/** A sign-in on one device: the family of refresh tokens it rotated through. */
export interface Session {
  id: string;
  userId: string;
  createdAt: string;
  lastUsedAt: string;
  /** absolute expiry, never extended */
  expiresAt: string;
  revokedAt?: string;
  revokeReason?: RevokeReason;
  userAgent?: string;
  ipAddress?: string;
}

/** One refresh token of a session, stored only as its SHA-256 hash. */
export interface RefreshTokenRecord {
  hash: string;
  sessionId: string;
  userId: string;
  /** `rotated` tokens are kept until the session expires so that their reuse is detected. */
  status: 'active' | 'rotated';
  createdAt: string;
  expiresAt: string;
  /** the token that replaced it (its `createdAt` is when this one was rotated): the reuse grace period */
  successorHash?: string;
  /** rotated on behalf of an older token of its line (its own answer was lost), never presented itself */
  retiredUnused?: boolean;
}

export interface Contact {
  userId: string;
  contactId: string;
  addedAt: string;
}

export interface Block {
  userId: string;
  blockedId: string;
  blockedAt: string;
}

export interface Tokens {
  accessToken: string;
  refreshToken: string;
  /** seconds until the access token expires */
  expiresIn: number;
  tokenType: 'Bearer';
  sessionId: string;
  /** when the session ends regardless of use (ISO-8601) */
  refreshExpiresAt: string;
}
