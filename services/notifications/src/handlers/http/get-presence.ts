import { Id } from '@parley/events/ids';
import { userIdOf } from '@parley/lambda/auth-context';
import { httpHandler, ok } from '@parley/lambda/http';
import * as z from 'zod';
import { getPresence, MAX_PRESENCE_QUERY } from '../../domain/presence.ts';
import { presence } from '../../wiring/index.ts';
import { errorStatus } from './errors.ts';

const Query = z.strictObject({
  userIds: z
    .string()
    .transform((s) => s.split(',').filter(Boolean))
    .pipe(z.array(Id).min(1).max(MAX_PRESENCE_QUERY)),
});

/** `GET /presence?userIds=a,b` → `{items:[{userId, status, lastSeenAt}]}` for the users the caller may see. */
export const handler = httpHandler({ query: Query, errors: errorStatus }).handler(async (event) => {
  const items = await getPresence(presence(), {
    viewerId: userIdOf(event),
    userIds: event.queryStringParameters.userIds,
  });
  return ok({ items });
});
