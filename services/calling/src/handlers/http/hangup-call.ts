import { userIdOf } from '@parley/lambda/auth-context';
import { httpHandler, ok } from '@parley/lambda/http';
import { hangupCall } from '../../domain/calls.ts';
import { calling } from '../../wiring/calls.ts';
import { errorStatus } from './errors.ts';
import { CallPath } from './schemas.ts';

export const handler = httpHandler({ path: CallPath, errors: errorStatus }).handler(async (event) => {
  const call = await hangupCall(calling(), { userId: userIdOf(event), callId: event.pathParameters.callId });
  return ok({ call });
});
