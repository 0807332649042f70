import { ApiError } from '../lib/api-client.ts';
import { errorMessage } from '../lib/errors.ts';
import type { MessageKey, Translate } from '../lib/i18n.ts';
import { en } from '../lib/i18n-en.ts';

/**
 * Why a group action (rename, add, remove, make admin, leave, mute / archive / pin) was refused:
 * the translated sentence for the codes these routes answer, else the app's usual `errorMessage`.
 */
export function groupErrorMessage(t: Translate, error: unknown): string {
  if (error instanceof ApiError) {
    const key = `group.error.${error.code}`;
    if (key in en) return t(key as MessageKey);
  }
  return errorMessage(t, error);
}
