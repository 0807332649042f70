import commonPasswords from './common-passwords.json' with { type: 'json' };

/** ASVS 5.0 6.2.1/6.2.9: at least 8 characters, at most 128 (well above the required 64); no composition rules. */
export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 128;

const common = new Set<string>(commonPasswords);

/** Number of passwords on the refusal list (ASVS 6.2.4 asks for at least the top 3000). */
export const COMMON_PASSWORD_COUNT = common.size;

/**
 * true when the password is on the list of the most common passwords (case-insensitive).
 * Length is checked by the request schema; this is the rule that needs the list.
 */
export function isCommonPassword(password: string): boolean {
  return common.has(password.normalize('NFKC').toLowerCase());
}
