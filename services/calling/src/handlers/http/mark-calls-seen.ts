import { userIdOf } from '@parley/lambda/auth-context';
import { httpHandler, noContent } from '@parley/lambda/http';
import { markMissedSeen } from '../../domain/call-log.ts';
import { core } from '../../wiring/index.ts';
import { errorStatus } from './errors.ts';

export const handler = httpHandler({ errors: errorStatus }).handler(async (event) => {
  await markMissedSeen(core(), { userId: userIdOf(event) });
  return noContent();
});
