import { Id } from '@parley/events/ids';
import { authOf } from '@parley/lambda/auth-context';
import { httpHandler, noContent } from '@parley/lambda/http';
import * as z from 'zod';
import { unblockUser } from '../../domain/blocks.ts';
import { contacts } from '../../wiring/avatars.ts';
import { errorStatus } from './errors.ts';

export const handler = httpHandler({ path: z.object({ userId: Id }), errors: errorStatus }).handler(async (event) => {
  await unblockUser(contacts(), { userId: authOf(event).userId, blockedId: event.pathParameters.userId });
  return noContent();
});
