import { httpHandler, json } from '@parley/lambda/http';
import * as z from 'zod';
import { config } from '../../config.ts';
import { requestPasswordReset } from '../../domain/password-reset.ts';
import { Email } from '../../domain/profile-fields.ts';
import { passwordReset } from '../../wiring/mail.ts';
import { errorStatus } from './errors.ts';
import { clientInfo, withRetryAfter } from './request-helpers.ts';

const Body = z.strictObject({ email: Email });

/** POST /auth/password-reset → 202 whether or not the email has an account; 429 `password_reset_throttled`. */
export const handler = httpHandler({ body: Body, errors: errorStatus }).handler(async (event) => {
  const { ipAddress } = clientInfo(event, config.ORIGIN_VERIFY_SECRET);
  await requestPasswordReset(passwordReset(), { email: event.body.email, ...(ipAddress ? { ipAddress } : {}) }).catch(
    withRetryAfter,
  );
  return json(202, { status: 'accepted' });
});
