import { httpHandler, ok } from '@parley/lambda/http';
import * as z from 'zod';
import { config } from '../../config.ts';
import { login } from '../../domain/accounts.ts';
import { Email } from '../../domain/profile-fields.ts';
import { accounts } from '../../wiring/avatars.ts';
import { errorStatus } from './errors.ts';
import { clientInfo, withRetryAfter } from './request-helpers.ts';

// Length limits only: a stored password may predate a policy change, and the bound protects scrypt.
const Body = z.strictObject({ email: Email, password: z.string().min(1).max(128) });

export const handler = httpHandler({ body: Body, errors: errorStatus }).handler(async (event) => {
  const result = await login(accounts(), { ...event.body, ...clientInfo(event, config.ORIGIN_VERIFY_SECRET) }).catch(
    withRetryAfter,
  );
  return ok(result);
});
