import type { User } from './model.ts';

/** Lowercase, NFKD without combining marks ("José" → "jose"), single spaces, trimmed. */
export function normalizeForSearch(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, ' ').trim();
}

const MAX_NAME_WORDS = 4;

/**
 * The directory terms a user is found by: the whole display name and each later word of it (so
 * "smi" finds "Anna Smith"). Never the email: prefixes of an email would let anyone recover it a
 * character at a time (an email is found only by an exact lookup, `isEmailQuery`). Sorted and unique.
 */
export function directoryTerms(user: Pick<User, 'displayName'>): string[] {
  const name = normalizeForSearch(user.displayName);
  const words = name.split(' ').filter(Boolean).slice(1, MAX_NAME_WORDS);
  const terms = [name, ...words].filter((t) => t.length > 0);
  return [...new Set(terms)].sort();
}

/**
 * Entries written before email terms were dropped: the user's normalized email, so that a profile
 * change deletes it. Search never returns a user by it (results are checked against `directoryTerms`).
 */
export function legacyEmailTerm(user: Pick<User, 'email'>): string {
  return normalizeForSearch(user.email);
}

/** A query with an `@` is an email address: it finds a user only by the whole address. */
export function isEmailQuery(query: string): boolean {
  return query.includes('@');
}

/** true when a name term of the user (as it is now) starts with `prefix`. */
export function matchesName(user: Pick<User, 'displayName'>, prefix: string): boolean {
  return directoryTerms(user).some((t) => t.startsWith(prefix));
}

/**
 * A user matches at several terms; report it only at the first (smallest) matching term so that
 * it appears once across all pages of one search.
 */
export function isFirstMatch(terms: readonly string[], matchedTerm: string, prefix: string): boolean {
  const first = [...terms].sort().find((t) => t.startsWith(prefix));
  return first === matchedTerm;
}
