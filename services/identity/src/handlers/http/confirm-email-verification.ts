import { httpHandler, ok } from '@parley/lambda/http';
import * as z from 'zod';
import { confirmEmailVerification } from '../../domain/email-verification.ts';
import { EmailLinkToken } from '../../domain/profile-fields.ts';
import { passwordReset } from '../../wiring/mail.ts';
import { errorStatus } from './errors.ts';

const Body = z.strictObject({ token: EmailLinkToken });

/** POST /auth/email-verification/confirm → 200 `{emailVerified: true}`. Public: the link's token is the proof. */
export const handler = httpHandler({ body: Body, errors: errorStatus }).handler(async (event) =>
  ok(await confirmEmailVerification(passwordReset(), event.body)),
);
