import { authOf } from '@parley/lambda/auth-context';
import { httpHandler, json } from '@parley/lambda/http';
import * as z from 'zod';
import { requestMobileVerification } from '../../domain/mobile-verification.ts';
import { MobileNumber } from '../../domain/profile-fields.ts';
import { mobileVerification } from '../../wiring/mobile.ts';
import { errorStatus } from './errors.ts';

const Body = z.strictObject({ mobileNumber: MobileNumber });

/** POST /me/mobile/verification → 202: a code is on its way to that number by SMS. */
export const handler = httpHandler({ body: Body, errors: errorStatus }).handler(async (event) => {
  await requestMobileVerification(mobileVerification(), {
    userId: authOf(event).userId,
    mobileNumber: event.body.mobileNumber,
  });
  return json(202, { status: 'sent' });
});
