import { authOf } from '@parley/lambda/auth-context';
import { httpHandler, json } from '@parley/lambda/http';
import { resendVerificationEmail } from '../../domain/email-verification.ts';
import { passwordReset } from '../../wiring/mail.ts';
import { errorStatus } from './errors.ts';
import { withRetryAfter } from './request-helpers.ts';

/** POST /me/email-verification → 202: a new verification link is mailed; 429 `verification_email_throttled`. */
export const handler = httpHandler({ errors: errorStatus }).handler(async (event) => {
  await resendVerificationEmail(passwordReset(), { userId: authOf(event).userId }).catch(withRetryAfter);
  return json(202, { status: 'sent' });
});
