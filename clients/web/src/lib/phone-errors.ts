import { ApiError } from './api-client.ts';
import { errorMessage } from './errors.ts';
import type { MessageKey, Translate } from './i18n.ts';
import { type QuoteReason, QuoteReasons } from './phone-model.ts';

/** The fraud guard's reason for refusing a number: from a quote, or a 422 `call_not_allowed`'s `details.reason`. */
export function refusalReason(error: unknown): QuoteReason | undefined {
  if (!(error instanceof ApiError) || error.code !== 'call_not_allowed') return undefined;
  const reason = error.details.find((d) => typeof d.reason === 'string')?.reason;
  return QuoteReasons.find((r) => r === reason);
}

/** Why a number may not be called, in the reader's words (the API's sentence when the reason is new to us). */
export function refusalText(t: Translate, reason: QuoteReason | undefined, message?: string): string {
  if (reason) return t(`phone.refused.${reason}` as MessageKey);
  return message ?? t('phone.refused.generic');
}

/** A phone-call action that failed: the guard's reason when it was refused, else the usual sentence. */
export function phoneErrorMessage(t: Translate, error: unknown): string {
  const reason = refusalReason(error);
  if (reason) return refusalText(t, reason);
  if (error instanceof ApiError && error.code === 'call_not_allowed') return error.message;
  return errorMessage(t, error);
}
