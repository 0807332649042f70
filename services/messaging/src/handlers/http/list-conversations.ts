import { userIdOf } from '@parley/lambda/auth-context';
import { httpHandler, ok } from '@parley/lambda/http';
import { listConversations } from '../../domain/conversations.ts';
import { core } from '../../wiring/index.ts';
import { errorStatus } from './errors.ts';
import { ListConversationsQuery } from './schemas.ts';

export const handler = httpHandler({ query: ListConversationsQuery, errors: errorStatus }).handler(async (event) => {
  const { limit, cursor } = event.queryStringParameters;
  return ok(await listConversations(core(), { callerId: userIdOf(event), limit, ...(cursor ? { cursor } : {}) }));
});
