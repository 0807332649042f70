import { created, httpHandler } from '@parley/lambda/http';
import { z } from 'zod';
import { register } from '../../domain/accounts.ts';
import { identityErrors } from '../../domain/errors.ts';
import { DisplayName, Email, Password } from '../../domain/profile-fields.ts';
import { wiring } from '../../wiring.ts';
import { clientInfo } from './request-helpers.ts';

const Body = z.strictObject({ email: Email, password: Password, displayName: DisplayName });

export const handler = httpHandler({ body: Body, errors: identityErrors }).handler(async (event) => {
  const result = await register(wiring.accounts(), { ...event.body, ...clientInfo(event) });
  return created(result);
});
