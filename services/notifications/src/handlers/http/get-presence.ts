import { Id } from '@parley/events/ids';
import { userIdOf } from '@parley/lambda/auth-context';
import { httpHandler, ok } from '@parley/lambda/http';
import { z } from 'zod';
import { getPresence, MAX_PRESENCE_QUERY } from '../../domain/presence.ts';
import { wiring } from '../../wiring.ts';

const Query = z.strictObject({
  userIds: z
    .string()
    .transform((s) => s.split(',').filter(Boolean))
    .pipe(z.array(Id).min(1).max(MAX_PRESENCE_QUERY)),
});

/** `GET /presence?userIds=a,b` → `{items:[{userId, status, lastSeenAt}]}` for the users the caller may see. */
export const handler = httpHandler({ query: Query }).handler(async (event) => {
  const items = await getPresence(wiring.presence(), {
    viewerId: userIdOf(event),
    userIds: event.queryStringParameters.userIds,
  });
  return ok({ items });
});
