import { ApiError } from './api-client.ts';
import type { MessageKey, Translate } from './i18n.ts';

const known: Record<string, MessageKey> = {
  network: 'error.network',
  invalid_credentials: 'error.invalid_credentials',
  email_taken: 'error.email_taken',
  email_exists: 'error.email_taken',
  throttled: 'error.throttled',
  too_many_requests: 'error.throttled',
  validation_failed: 'error.validation_failed',
  payload_too_large: 'error.too_large',
  too_large: 'error.too_large',
  blocked: 'error.blocked',
  whatsapp_window_closed: 'texting.windowClosedRefusal',
};

/**
 * Why a message was not sent, from the refusal the outbox kept: translated when the code is known. A
 * message has no fields to highlight, so a `validation_failed` says the server's own reason (API errors
 * are written to be read), never the forms' "check the highlighted fields".
 */
export function refusalMessage(t: Translate, failure: { code: string; message: string }): string {
  if (failure.code === 'validation_failed') return failure.message || t('chat.refused');
  const key = known[failure.code];
  return key ? t(key) : failure.message || t('common.error');
}

/** A send's error above the composer: a refusal reads as `refusalMessage`, anything else as `errorMessage`. */
export function sendErrorMessage(t: Translate, error: unknown): string {
  if (error instanceof ApiError && error.code === 'validation_failed')
    return refusalMessage(t, { code: error.code, message: error.message });
  return errorMessage(t, error);
}

/**
 * A sentence for the person in front of the screen: a translated one for codes we know, else the
 * API's own message (API errors are written to be read), else a generic one.
 */
export function errorMessage(t: Translate, error: unknown): string {
  if (error instanceof ApiError) {
    const key = known[error.code];
    if (key) return t(key);
    if (error.status === 409 && /email/i.test(error.message)) return t('error.email_taken');
    if (error.status === 401 && error.code !== 'unauthorized') return t('error.invalid_credentials');
    if (error.status === 429) return t('error.throttled');
    if (error.status === 413) return t('error.too_large');
    if (error.message) return error.message;
  }
  return t('common.error');
}
