import { userIdOf } from '@parley/lambda/auth-context';
import { created, httpHandler, ok } from '@parley/lambda/http';
import { startCall } from '../../domain/calls.ts';
import { placePhoneCall } from '../../domain/phone-calls.ts';
import { calling } from '../../wiring/calls.ts';
import { errorStatus } from './errors.ts';
import { StartCallBody } from './schemas.ts';

export const handler = httpHandler({ body: StartCallBody, errors: errorStatus }).handler(async (event) => {
  const callerId = userIdOf(event);
  const { to, media } = event.body;
  if ('phoneNumber' in to) {
    const { call, join } = await placePhoneCall(calling(), { callerId, to: to.phoneNumber, media });
    return created({ call, join });
  }
  const { call, join, answeredExisting } = await startCall(calling(), { callerId, calleeId: to.userId, media });
  // glare answers the call that was already ringing: nothing new was created
  return answeredExisting ? ok({ call, join }) : created({ call, join });
});
