import { authOf } from '@parley/lambda/auth-context';
import { httpHandler, ok } from '@parley/lambda/http';
import * as z from 'zod';
import { confirmMobileVerification } from '../../domain/mobile-verification.ts';
import { mobileVerification } from '../../wiring/mobile.ts';
import { errorStatus } from './errors.ts';

const Body = z.strictObject({ code: z.string().regex(/^\d{6}$/, 'must be the 6-digit code') });

/** POST /me/mobile/verification/confirm → 200 {mobileNumber, mobileVerified: true}; wrong code 400, too many tries 429. */
export const handler = httpHandler({ body: Body, errors: errorStatus }).handler(async (event) =>
  ok(await confirmMobileVerification(mobileVerification(), { userId: authOf(event).userId, code: event.body.code })),
);
