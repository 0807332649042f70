import { userIdOf } from '@parley/lambda/auth-context';
import { httpHandler, json } from '@parley/lambda/http';
import { sendDtmf } from '../../domain/phone-calls.ts';
import { calling } from '../../wiring/calls.ts';
import { errorStatus } from './errors.ts';
import { CallPath, DtmfBody } from './schemas.ts';

/** Key tones on a phone call's PSTN leg (202: the SIP media application plays them shortly). */
export const handler = httpHandler({ path: CallPath, body: DtmfBody, errors: errorStatus }).handler(async (event) => {
  await sendDtmf(calling(), {
    userId: userIdOf(event),
    callId: event.pathParameters.callId,
    digits: event.body.digits,
  });
  return json(202, {});
});
