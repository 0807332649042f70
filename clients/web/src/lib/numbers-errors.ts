import { ApiError } from './api-client.ts';
import { errorMessage } from './errors.ts';
import type { MessageKey, Translate } from './i18n.ts';

const known: Record<string, MessageKey> = {
  forbidden: 'error.forbidden',
  country_not_offered: 'error.country_not_offered',
  number_not_available: 'error.number_not_available',
  number_exists: 'error.number_exists',
  number_assigned: 'error.number_assigned',
  number_released: 'error.number_released',
  user_not_found: 'error.user_not_found',
};

/** A sentence for a numbers error: the numbers service's codes in the reader's language, else the general rules. */
export function numbersErrorMessage(t: Translate, error: unknown): string {
  const key = error instanceof ApiError ? known[error.code] : undefined;
  return key ? t(key) : errorMessage(t, error);
}
