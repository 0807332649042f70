import { httpHandler, ok } from '@parley/lambda/http';
import { z } from 'zod';
import { login } from '../../domain/accounts.ts';
import { identityErrors } from '../../domain/errors.ts';
import { Email } from '../../domain/profile-fields.ts';
import { wiring } from '../../wiring.ts';
import { clientInfo, withRetryAfter } from './request-helpers.ts';

// Length limits only: a stored password may predate a policy change, and the bound protects scrypt.
const Body = z.strictObject({ email: Email, password: z.string().min(1).max(128) });

export const handler = httpHandler({ body: Body, errors: identityErrors }).handler(async (event) => {
  const result = await login(wiring.accounts(), { ...event.body, ...clientInfo(event) }).catch(withRetryAfter);
  return ok(result);
});
