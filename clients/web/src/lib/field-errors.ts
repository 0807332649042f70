import { ApiError } from './api-client.ts';
import { errorMessage } from './errors.ts';
import type { Translate } from './i18n.ts';

/** Codes that are about one field although the API sends no `details` for them. */
const FIELD_OF_CODE: Record<string, string> = {
  email_taken: 'email',
  email_exists: 'email',
  password_too_common: 'password',
};

/** The field a detail names: zod's joined `path` ("password", "address.city"), an array path, or `field`. */
function fieldOf(detail: Record<string, unknown>): string | undefined {
  for (const path of [detail.path, detail.field]) {
    const first = Array.isArray(path) ? path[0] : typeof path === 'string' ? path.split('.')[0] : undefined;
    if (typeof first === 'string' && first) return first;
  }
  return undefined;
}

/** "must have at least 8 characters" → "Must have at least 8 characters" */
function sentence(text: string): string {
  const trimmed = text.trim();
  return trimmed ? `${trimmed[0]?.toUpperCase()}${trimmed.slice(1)}` : trimmed;
}

/**
 * Field → message, from a 4xx the API answered. The API's body is `{error:{code,message,details}}`
 * where each detail is a zod issue `{in, path, message, code}` with `path` a dotted string (or a
 * domain error's `{path: [field], reason}`, whose message is the error's own).
 */
export function fieldErrors(error: unknown): Record<string, string> {
  if (!(error instanceof ApiError) || error.status < 400 || error.status >= 500) return {};
  const out: Record<string, string> = {};
  for (const detail of error.details) {
    const field = fieldOf(detail);
    if (!field || out[field]) continue;
    out[field] = sentence(typeof detail.message === 'string' && detail.message ? detail.message : error.message);
  }
  const byCode = FIELD_OF_CODE[error.code];
  if (byCode && !out[byCode]) out[byCode] = sentence(error.message);
  return out;
}

/**
 * The sentence above a form: "check the highlighted fields" only when one of `fields` (the form's
 * own inputs) is highlighted; otherwise what the API said, so the person is never sent looking.
 */
export function formError(t: Translate, error: unknown, fields: readonly string[]): string {
  if (!(error instanceof ApiError) || error.code !== 'validation_failed') return errorMessage(t, error);
  const named = fieldErrors(error);
  if (fields.some((f) => named[f])) return t('error.validation_failed');
  const first = Object.values(named)[0] ?? (error.details[0]?.message as string | undefined) ?? error.message;
  return t('field.check', { message: first });
}
