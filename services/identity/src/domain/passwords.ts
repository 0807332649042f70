import commonPasswords from './common-passwords.json' with { type: 'json' };
import type { PasswordWeakness } from './errors.ts';

/** ASVS 5.0 6.2.1/6.2.9: at least 8 characters, at most 128 (well above the required 64); no composition rules. */
export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 128;

// Built on first use, and the count is marked pure: a function that needs only the length rules
// (every handler that imports profile-fields.ts) does not bundle the ~90 KB zipped list (ADR 0022).
let common: Set<string> | undefined;
const commonSet = (): Set<string> => {
  common ??= new Set<string>(commonPasswords);
  return common;
};

/** Number of passwords on the refusal list (ASVS 6.2.4 asks for at least the top 3000). */
export const COMMON_PASSWORD_COUNT = /* @__PURE__ */ (() => commonSet().size)();

/**
 * true when the password is on the list of the most common passwords (case-insensitive).
 * Length is checked by the request schema; this is the rule that needs the list.
 */
export function isCommonPassword(password: string): boolean {
  return commonSet().has(password.normalize('NFKC').toLowerCase());
}

/** Words anyone would try first against this service (ASVS 5.0 6.2.11). */
export const CONTEXT_WORDS = ['parley'] as const;

/** Personal words are refused inside a password from this length on (shorter ones occur by chance). */
const MIN_PERSONAL_LENGTH = 4;

/** Lowercase, NFKC, accents removed: "José" and "JOSE" compare equal. */
const fold = (s: string) => s.normalize('NFKD').replace(/\p{M}/gu, '').normalize('NFKC').toLowerCase();

/**
 * Why `password` is easy to guess for this account, or undefined when it is not: only whitespace,
 * a single repeated character, fewer than 4 distinct characters, one of the common passwords, or
 * containing (or equal to) the email, its local part, the display name or a context word such as
 * "parley" (case- and accent-insensitive; personal words of 4+ characters, spaces in the name ignored too).
 */
export function passwordWeakness(
  password: string,
  account: { email: string; displayName: string },
): PasswordWeakness | undefined {
  if (password.trim().length === 0) return 'whitespace';
  const chars = new Set(Array.from(fold(password)));
  if (chars.size === 1) return 'repeated';
  if (chars.size < 4) return 'few-distinct';
  if (isCommonPassword(password)) return 'common';
  const folded = fold(password);
  const squeezed = folded.replace(/\s+/g, '');
  const contains = (word: string) => folded.includes(word) || squeezed.includes(word.replace(/\s+/g, ''));
  const email = fold(account.email.trim());
  const name = fold(account.displayName.trim()).replace(/\s+/g, ' ');
  const personal = [email, email.split('@')[0] ?? '', name].filter(
    (w) => w.replace(/\s+/g, '').length >= MIN_PERSONAL_LENGTH,
  );
  if (personal.some(contains)) return 'personal';
  if (CONTEXT_WORDS.some(contains)) return 'context';
  return undefined;
}
