import { Id } from '@parley/events/ids';
import { authOf } from '@parley/lambda/auth-context';
import { created, httpHandler, ok } from '@parley/lambda/http';
import * as z from 'zod';
import { blockUser } from '../../domain/blocks.ts';
import { contacts } from '../../wiring/avatars.ts';
import { errorStatus } from './errors.ts';

export const handler = httpHandler({ path: z.object({ userId: Id }), errors: errorStatus }).handler(async (event) => {
  const result = await blockUser(contacts(), { userId: authOf(event).userId, blockedId: event.pathParameters.userId });
  return result.created ? created({ block: result.block }) : ok({ block: result.block });
});
