import { userIdOf } from '@parley/lambda/auth-context';
import { created, httpHandler, ok } from '@parley/lambda/http';
import { startCall } from '../../domain/calls.ts';
import { calling } from '../../wiring/calls.ts';
import { errorStatus } from './errors.ts';
import { StartCallBody } from './schemas.ts';

export const handler = httpHandler({ body: StartCallBody, errors: errorStatus }).handler(async (event) => {
  const { call, join, answeredExisting } = await startCall(calling(), {
    callerId: userIdOf(event),
    calleeId: event.body.to.userId,
    media: event.body.media,
  });
  // glare answers the call that was already ringing: nothing new was created
  return answeredExisting ? ok({ call, join }) : created({ call, join });
});
