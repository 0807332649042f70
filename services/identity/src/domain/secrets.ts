import { createHash, randomBytes } from 'node:crypto';

/** A new opaque id: 128 random bits, base64url (22 characters). */
export function newId(): string {
  return randomBytes(16).toString('base64url');
}

/** A new refresh token: 256 random bits, base64url (43 characters). Only its hash is stored. */
export function newRefreshToken(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * A new token for a mailed link (password reset, email verification): 256 random bits, base64url.
 * Like a refresh token, only its hash (`hashRefreshToken`) is stored.
 */
export const newEmailToken = newRefreshToken;

/** SHA-256 of a refresh token, hex: what the table stores and looks up. */
export function hashRefreshToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}
