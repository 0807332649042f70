import type { User } from './model.ts';

/** Lowercase, NFKD without combining marks ("José" → "jose"), single spaces, trimmed. */
export function normalizeForSearch(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, ' ').trim();
}

const MAX_NAME_WORDS = 4;

/**
 * The directory terms a user is found by: the whole display name, each later word of it (so "smi"
 * finds "Anna Smith"), and the email. Sorted and unique.
 */
export function directoryTerms(user: Pick<User, 'displayName' | 'email'>): string[] {
  const name = normalizeForSearch(user.displayName);
  const words = name.split(' ').filter(Boolean).slice(1, MAX_NAME_WORDS);
  const terms = [name, ...words, normalizeForSearch(user.email)].filter((t) => t.length > 0);
  return [...new Set(terms)].sort();
}

/**
 * A user matches at several terms; report it only at the first (smallest) matching term so that
 * it appears once across all pages of one search.
 */
export function isFirstMatch(terms: readonly string[], matchedTerm: string, prefix: string): boolean {
  const first = [...terms].sort().find((t) => t.startsWith(prefix));
  return first === matchedTerm;
}
