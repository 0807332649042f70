import { httpHandler, noContent } from '@parley/lambda/http';
import * as z from 'zod';
import { confirmPasswordReset } from '../../domain/password-reset.ts';
import { EmailLinkToken, Password } from '../../domain/profile-fields.ts';
import { passwordReset } from '../../wiring/mail.ts';
import { errorStatus } from './errors.ts';

const Body = z.strictObject({ token: EmailLinkToken, password: Password });

/** POST /auth/password-reset/confirm → 204; every session of the account is revoked. */
export const handler = httpHandler({ body: Body, errors: errorStatus }).handler(async (event) => {
  await confirmPasswordReset(passwordReset(), event.body);
  return noContent();
});
