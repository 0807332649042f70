import { userIdOf } from '@parley/lambda/auth-context';
import { httpHandler, ok } from '@parley/lambda/http';
import { getCall } from '../../domain/call-log.ts';
import { core } from '../../wiring/index.ts';
import { errorStatus } from './errors.ts';
import { CallPath } from './schemas.ts';

export const handler = httpHandler({ path: CallPath, errors: errorStatus }).handler(async (event) => {
  const call = await getCall(core(), { userId: userIdOf(event), callId: event.pathParameters.callId });
  return ok({ call });
});
