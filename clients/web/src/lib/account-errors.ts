import { ApiError } from './api-client.ts';
import { errorMessage } from './errors.ts';
import type { MessageKey, Translate } from './i18n.ts';

const ACCOUNT_CODES: Record<string, MessageKey> = {
  email_token_invalid: 'error.email_token_invalid',
  email_token_used: 'error.email_token_used',
  email_token_expired: 'error.email_token_expired',
  password_reset_throttled: 'error.password_reset_throttled',
};

/** A refused mailed link or reset request, in the reader's language; anything else as `errorMessage`. */
export function accountErrorMessage(t: Translate, error: unknown): string {
  const key = error instanceof ApiError ? ACCOUNT_CODES[error.code] : undefined;
  return key ? t(key) : errorMessage(t, error);
}

/** true when the link's token is the problem (invalid, used, expired): the person needs a new link. */
export function isLinkRefused(error: unknown): boolean {
  return error instanceof ApiError && error.code.startsWith('email_token_');
}
