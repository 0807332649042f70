import { created, httpHandler } from '@parley/lambda/http';
import * as z from 'zod';
import { config } from '../../config.ts';
import { register } from '../../domain/accounts.ts';
import { DisplayName, Email, Password } from '../../domain/profile-fields.ts';
import { registration } from '../../wiring/mail.ts';
import { errorStatus } from './errors.ts';
import { clientInfo, withRetryAfter } from './request-helpers.ts';

const Body = z.strictObject({ email: Email, password: Password, displayName: DisplayName });

/** POST /auth/register; 429 `signup_throttled` + Retry-After past the per-address limit (`SIGNUP_THROTTLE`). */
export const handler = httpHandler({ body: Body, errors: errorStatus }).handler(async (event) => {
  const result = await register(registration(), {
    ...event.body,
    ...clientInfo(event, config.ORIGIN_VERIFY_SECRET),
  }).catch(withRetryAfter);
  return created(result);
});
