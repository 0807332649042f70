import { httpHandler, ok } from '@parley/lambda/http';
import { listConversations } from '../../domain/conversations.ts';
import { errorStatus } from '../../domain/errors.ts';
import { core } from '../../wiring.ts';
import { callerOf } from './caller.ts';
import { ListConversationsQuery } from './schemas.ts';

export const handler = httpHandler({ query: ListConversationsQuery, errors: errorStatus }).handler(async (event) => {
  const { limit, cursor } = event.queryStringParameters;
  return ok(await listConversations(core(), { callerId: callerOf(event), limit, ...(cursor ? { cursor } : {}) }));
});
